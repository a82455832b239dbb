/**
 * @module How well the tiers sort churn from renewal. The red band is At risk + Critical, and
 * "churn predicted" means the company was in the red band; every figure carries the counts it
 * rests on, and figures are withheld (null, with a reason) rather than printed from too few outcomes.
 */
import type { TierId } from '../types.ts'
import { TIERS } from '../types.ts'
import { checkWhole } from './check-inputs.ts'

/** The tiers that make the red band: a company in them is predicted to churn. */
export const RED_TIERS: readonly TierId[] = ['at_risk', 'critical']

/** Below this many outcomes the figures are withheld: too few to judge. */
export const MIN_OUTCOMES = 30

/** One scored company and what became of it. */
export interface TierOutcome {
  readonly tier: TierId
  readonly churned: boolean
}

/** A share, with the counts behind it. `value` is null when it is withheld or undefined. */
export interface Rate {
  readonly value: number | null
  readonly numerator: number
  readonly denominator: number
  readonly reason: string | null
}

/** The confusion counts at the tier threshold: red = churn predicted. */
export interface BandCounts {
  /** Red and churned. */
  readonly truePositives: number
  /** Red and renewed. */
  readonly falsePositives: number
  /** Not red and churned. */
  readonly falseNegatives: number
  /** Not red and renewed. */
  readonly trueNegatives: number
}

export interface BandMetrics {
  readonly outcomes: number
  readonly churned: number
  readonly red: number
  readonly counts: BandCounts
  /** True when there are fewer outcomes than `minOutcomes`: every figure below is then null. */
  readonly tooFew: boolean
  /** Why the figures are withheld, when `tooFew`. */
  readonly reason: string | null
  /** Churned / outcomes. */
  readonly baseRate: Rate
  /** Of the red companies, the share that churned: TP / (TP + FP). */
  readonly precision: Rate
  /** Of the churned companies, the share that were red: TP / (TP + FN). */
  readonly recall: Rate
  /** The same as recall: the true-positive rate at the tier threshold, TP / (TP + FN). */
  readonly sensitivity: Rate
  /** Of the renewed companies, the share that were not red: TN / (TN + FP). */
  readonly specificity: Rate
  /** How many times the base rate the red band churns at: precision / base rate. */
  readonly lift: { readonly value: number | null; readonly reason: string | null }
  /** Churned / companies, tier by tier. */
  readonly churnRateByTier: Readonly<Record<TierId, Rate>>
}

export interface BandOptions {
  /** Fewer outcomes than this withhold every figure; 30 by default. */
  readonly minOutcomes?: number
}

/**
 * The red band's precision, recall and lift, sensitivity and specificity at the tier threshold,
 * and the churn rate of each tier.
 * @throws RangeError when a tier is unknown or `minOutcomes` is not a whole number ≥ 1
 * @example
 * const m = bandMetrics(results.map((r) => ({ tier: r.tier, churned: r.churned })))
 * if (m.tooFew) console.log(m.reason)
 * else console.log(`red precision ${m.precision.value}, from ${m.precision.denominator} red accounts`)
 */
export function bandMetrics(rows: readonly TierOutcome[], options: BandOptions = {}): BandMetrics {
  const minOutcomes = options.minOutcomes ?? MIN_OUTCOMES
  checkWhole(minOutcomes, 'minOutcomes', 1)
  const byTier = Object.fromEntries(TIERS.map((t) => [t, { accounts: 0, churned: 0 }])) as Record<
    TierId,
    { accounts: number; churned: number }
  >
  rows.forEach((row, i) => {
    const tally = (byTier as Partial<Record<string, { accounts: number; churned: number }>>)[
      row.tier
    ]
    if (!tally)
      throw new RangeError(`rows[${i}].tier must be one of ${TIERS.join(', ')} (got ${row.tier})`)
    tally.accounts++
    if (row.churned) tally.churned++
  })
  const outcomes = rows.length
  const churned = TIERS.reduce((n, t) => n + byTier[t].churned, 0)
  const red = RED_TIERS.reduce((n, t) => n + byTier[t].accounts, 0)
  const truePositives = RED_TIERS.reduce((n, t) => n + byTier[t].churned, 0)
  const counts: BandCounts = {
    truePositives,
    falsePositives: red - truePositives,
    falseNegatives: churned - truePositives,
    trueNegatives: outcomes - red - (churned - truePositives),
  }
  const tooFew = outcomes < minOutcomes
  const reason = tooFew
    ? `only ${outcomes} outcome${outcomes === 1 ? '' : 's'}: at least ${minOutcomes} are needed to judge`
    : null
  const rate = (numerator: number, denominator: number, none: string): Rate => ({
    value: tooFew || denominator === 0 ? null : numerator / denominator,
    numerator,
    denominator,
    reason: tooFew ? reason : denominator === 0 ? none : null,
  })
  const baseRate = rate(churned, outcomes, 'there are no outcomes')
  const precision = rate(truePositives, red, 'no company was in the red band')
  const recall = rate(truePositives, churned, 'no company churned')
  const specificity = rate(counts.trueNegatives, outcomes - churned, 'no company renewed')
  const lift =
    precision.value === null
      ? { value: null, reason: precision.reason }
      : baseRate.value === null || baseRate.value === 0
        ? { value: null, reason: 'no company churned, so there is no base rate to compare with' }
        : { value: precision.value / baseRate.value, reason: null }
  const churnRateByTier = Object.fromEntries(
    TIERS.map((t) => [t, rate(byTier[t].churned, byTier[t].accounts, 'no company in this tier')]),
  ) as Record<TierId, Rate>
  return {
    outcomes,
    churned,
    red,
    counts,
    tooFew,
    reason,
    baseRate,
    precision,
    recall,
    sensitivity: recall,
    specificity,
    lift,
    churnRateByTier,
  }
}
