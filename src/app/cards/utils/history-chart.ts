import type { ScorePoint } from '../../../health/index.ts'
import type { TierBands } from '../../../operations/company-health.ts'
import { TIER_DISPLAY } from './tiers.ts'

/** The chart spans the last 12 months. */
export const HISTORY_WINDOW_MS = 365 * 86_400_000

export const SCORE_SERIES = 'Score'

/** One row of the LineChart: a moment (epoch ms), a value and the series it belongs to. */
export interface HistoryRow {
  readonly date: number
  readonly score: number
  readonly series: string
  readonly [field: string]: number | string
}

/** The series name of a tier band's lower bound, e.g. `Healthy from 75`. */
export function bandSeries(tier: keyof TierBands, bands: TierBands): string {
  return `${TIER_DISPLAY[tier].label} from ${bands[tier]}`
}

/**
 * The rows of the history chart: the score over the 12 months up to `asOf` (starting from the
 * score in force when the window opens), and one flat line per tier band so the bands show.
 * @example
 * historyRows(health.history, health.tierBands, Date.now())
 */
export function historyRows(
  history: readonly ScorePoint[],
  bands: TierBands,
  asOf: number,
): HistoryRow[] {
  const start = asOf - HISTORY_WINDOW_MS
  const sorted = [...history].sort((a, b) => a.at - b.at)
  const before = sorted.filter((point) => point.at < start).at(-1)
  const inside = sorted.filter((point) => point.at >= start && point.at <= asOf)
  const scores: HistoryRow[] = [
    ...(before ? [{ date: start, score: before.score, series: SCORE_SERIES }] : []),
    ...inside.map((point) => ({ date: point.at, score: point.score, series: SCORE_SERIES })),
  ]
  if (scores.length === 0) return []
  const from = scores[0]!.date
  const tiers = Object.keys(bands) as (keyof TierBands)[]
  const bandRows = tiers.flatMap((tier) =>
    [from, asOf].map((date) => ({ date, score: bands[tier], series: bandSeries(tier, bands) })),
  )
  return [...scores, ...bandRows]
}
