/**
 * @module Trend: how the score moved over 30 and 90 days, by the app's own score history, and how
 * long the company has stood in its tier.
 */
import type { CompiledModel } from './compile-model.ts'
import { DAY_MS } from './time.ts'
import type { ScorePoint, TierId, Trend } from './types.ts'

/**
 * The tier a score falls in, by the model's bands.
 * @example tierOf(62, getDefaultModel()) // 'neutral'
 */
export function tierOf(score: number, model: CompiledModel): TierId {
  for (const bound of model.tierBounds) if (score >= bound.min) return bound.tier
  return 'critical'
}

/** The trend of `score` against its history (oldest first, none after `asOf`). */
export function computeTrend(
  history: readonly ScorePoint[],
  score: number,
  asOf: number,
  model: CompiledModel,
): Trend {
  const then30 = scoreAt(history, asOf - 30 * DAY_MS)
  const then90 = scoreAt(history, asOf - 90 * DAY_MS)
  const change30d = then30 === null ? null : score - then30
  const change90d = then90 === null ? null : score - then90
  const { improvingAt, decliningAt } = model.model.trend
  let direction: Trend['direction'] = 'stable'
  if (change30d !== null && change30d >= improvingAt) direction = 'improving'
  else if (change30d !== null && change30d <= decliningAt) direction = 'declining'

  const tier = tierOf(score, model)
  let since = asOf
  for (let i = history.length - 1; i >= 0 && tierOf(history[i]!.score, model) === tier; i--)
    since = history[i]!.at
  return {
    direction,
    change30d,
    change90d,
    previousTier: then30 === null ? null : tierOf(then30, model),
    daysInTier: Math.floor((asOf - since) / DAY_MS),
  }
}

/** The score that stood at `at`: the latest point at or before it. */
function scoreAt(history: readonly ScorePoint[], at: number): number | null {
  for (let i = history.length - 1; i >= 0; i--) if (history[i]!.at <= at) return history[i]!.score
  return null
}
