/**
 * @module What `calibrate --report` draws for one model's scores: its ROC curve, thinned to a
 * handful of points a chart needs, and the outcomes and churns of each tier behind the churn rates.
 */
import type { RocPoint, TierId } from '../health/index.ts'
import { MIN_OUTCOMES, rocAuc, TIERS } from '../health/index.ts'

/** At most this many ROC points are kept: a chart cannot show more, and a report stays small. */
export const MAX_ROC_POINTS = 100

/** Outcomes that fell in one tier, and how many of them churned. */
export interface TierTally {
  readonly outcomes: number
  readonly churned: number
}

/** One model's chart data. */
export interface CalibrationChart {
  /**
   * From (0, 0) to (1, 1), at most `MAX_ROC_POINTS`; empty when there are too few outcomes to
   * judge or only one kind of outcome.
   */
  readonly roc: readonly RocPoint[]
  readonly tiers: Readonly<Record<TierId, TierTally>>
}

/**
 * The ROC curve and tier tallies of health scores (0–100, higher healthier) against the outcomes.
 * @example
 * const chart = calibrationChart([80, 20, 65], ['healthy', 'critical', 'neutral'], [false, true, false])
 * chart.tiers.critical // { outcomes: 1, churned: 1 }
 */
export function calibrationChart(
  scores: readonly number[],
  tiers: readonly TierId[],
  churned: readonly boolean[],
): CalibrationChart {
  const tally = Object.fromEntries(TIERS.map((t) => [t, { outcomes: 0, churned: 0 }])) as Record<
    TierId,
    { outcomes: number; churned: number }
  >
  tiers.forEach((tier, i) => {
    tally[tier].outcomes++
    if (churned[i]) tally[tier].churned++
  })
  const roc =
    scores.length < MIN_OUTCOMES
      ? []
      : thinRoc(
          rocAuc(
            scores.map((s) => 100 - s),
            churned,
          ).points,
          MAX_ROC_POINTS,
        )
  return { roc, tiers: tally }
}

/**
 * At most `max` points of a ROC curve, spread evenly along its length, the two ends kept: where
 * the curve turns most it keeps most of its points.
 * @example
 * thinRoc(points, 100).length // ≤ 100
 */
export function thinRoc(points: readonly RocPoint[], max: number): RocPoint[] {
  if (points.length <= max) return [...points]
  const along = [0]
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!
    const b = points[i]!
    along.push(along[i - 1]! + Math.hypot(b.fpr - a.fpr, b.tpr - a.tpr))
  }
  const length = along[along.length - 1]!
  const kept: RocPoint[] = [points[0]!]
  let next = 1
  for (let k = 1; k < max - 1; k++) {
    const target = (k * length) / (max - 1)
    while (next < points.length - 1 && along[next]! < target) next++
    if (next >= points.length - 1) break
    if (kept[kept.length - 1] !== points[next]) kept.push(points[next]!)
  }
  kept.push(points[points.length - 1]!)
  return kept
}
