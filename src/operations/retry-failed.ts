/**
 * @module The rounds that end a run: the companies that failed (unread, or unwritten after every
 * attempt) are gathered again, scored and diffed against HubSpot's current values, so a write that
 * landed despite its error is never sent twice. Up to `RETRY_ROUNDS` rounds, with a doubling pause.
 */
import type { CompiledModel } from '../health/index.ts'
import type { HubSpotConnection } from '../hubspot/index.ts'
import { gatherPortal, ownedPropertyNames, writeBack } from '../hubspot/index.ts'
import type { RunFailure, RunRecord, RunTotals } from './run-journal.ts'
import { scorePage } from './score-page.ts'

/** Rounds of retrying the failed companies before a run ends: the stated bound. */
export const RETRY_ROUNDS = 4
/** The pause before the first round, ms; it doubles each round (1 s, 2 s, 4 s, 8 s). */
export const RETRY_PAUSE_MS = 1000

export interface RetryOutcome {
  /** The run's totals with every recovered company moved out of `failed`. */
  readonly totals: RunTotals
  /** The companies that recovered. */
  readonly recovered: ReadonlySet<string>
  /** What still failed after the last round. */
  readonly stillFailed: RunFailure[]
  /** In a dry run, recovered companies a real run would write. */
  readonly pending: number
}

/**
 * Retries `failed` in rounds until none is left or the rounds are spent. Each failure's kind says
 * what its recovery adds to the totals: an unread company is scored now, an unwritten one was.
 * @throws DailyLimitError or HubSpotApiError when HubSpot refuses outright (the run then stops)
 * @example
 * const { totals, stillFailed } = await retryFailed(conn, model, run, totals, failures, { dryRun: false })
 */
export async function retryFailed(
  connection: HubSpotConnection,
  model: CompiledModel,
  run: RunRecord,
  start: RunTotals,
  failed: readonly RunFailure[],
  options: { readonly dryRun: boolean; readonly pauseMs?: number; readonly rounds?: number },
): Promise<RetryOutcome> {
  const totals = structuredClone(start)
  const kinds = new Map(failed.map((failure) => [failure.companyId, failure.kind]))
  const recovered = new Set<string>()
  let pending = 0
  let left = new Map(failed.map((failure) => [failure.companyId, failure]))
  const rounds = options.rounds ?? RETRY_ROUNDS
  for (let round = 0; round < rounds && left.size > 0; round++) {
    await pause((options.pauseMs ?? RETRY_PAUSE_MS) * 2 ** round)
    const next = new Map<string, RunFailure>()
    const pages = gatherPortal(connection, {
      model,
      asOf: run.asOf,
      ownedProperties: ownedPropertyNames(model),
      companyIds: [...left.keys()],
    })
    for await (const page of pages) {
      const scored = scorePage(page, model)
      for (const failure of scored.failures) next.set(failure.companyId, failure)
      const outcome =
        options.dryRun || scored.updates.length === 0
          ? { written: [], failed: [] }
          : await writeBack(connection, scored.updates)
      for (const failure of outcome.failed)
        next.set(failure.id, { companyId: failure.id, reason: failure.reason, kind: 'write' })
      const landed = new Set(outcome.written.map((update) => update.id))
      const changed = new Set(scored.updates.map((update) => update.id))
      for (const { result } of scored.results) {
        const id = result.companyId
        if (next.has(id)) continue
        recovered.add(id)
        totals.failed--
        if (kinds.get(id) === 'read') {
          totals.scored++
          totals.tiers[TIERS[result.tier]]++
        }
        if (landed.has(id)) totals.written++
        else if (changed.has(id)) pending++
        else totals.unchanged++
      }
      for (const { companyId } of scored.skipped) {
        recovered.add(companyId)
        totals.failed--
        totals.skipped++
      }
    }
    left = next
  }
  return { totals, recovered, stillFailed: [...left.values()], pending }
}

const TIERS = {
  healthy: 'healthy',
  neutral: 'neutral',
  at_risk: 'atRisk',
  critical: 'critical',
} as const

function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
}
