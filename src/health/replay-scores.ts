/**
 * @module Replayed scores: the score a company would have had at each of several past moments,
 * rebuilt from its history, as a `health_score` history. For portals where the app has not been
 * writing scores long enough (the demo, a new install), so that trends and the save rate have a
 * past to read. Pure.
 */
import type { CompiledModel } from './compile-model.ts'
import { scoreCompany } from './score-company.ts'
import { type CompanyHistory, snapshotAsOf } from './snapshot-as-of.ts'
import type { HistoryPoint } from './types.ts'

/**
 * The company's score at each moment (epoch ms), newest first as HubSpot lists history. Each
 * score sees only what was known at its moment, and the replayed scores before it (for its trend).
 * A moment the company cannot be scored at is left out.
 * @example
 * const monthly = [0, 1, 2].map((k) => asOf - k * 30 * DAY_MS)
 * saveRate(companies.map((c) => replayScores(c, model, monthly)), model, { asOf })
 */
export function replayScores(
  company: CompanyHistory,
  model: CompiledModel,
  moments: readonly number[],
): HistoryPoint[] {
  const name = model.model.inputs.scoreHistory
  const replayed: HistoryPoint[] = []
  for (const at of [...new Set(moments)].sort((a, b) => a - b)) {
    const snapshot = snapshotAsOf(company, at, model)
    const result = scoreCompany(
      { ...snapshot, propertyHistory: { ...snapshot.propertyHistory, [name]: [...replayed] } },
      model,
    )
    if (result.success)
      replayed.unshift({ value: String(result.value.score), timestamp: new Date(at).toISOString() })
  }
  return replayed
}
