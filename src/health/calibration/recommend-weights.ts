/**
 * @module Recommended component weights, learnt from churn outcomes by a cross-validated
 * logistic regression of churn on the component scores, and judged on held-out folds against the
 * current weights.
 *
 * How the coefficients become weights. The engine's score is the weighted mean of the component
 * scores (0–100), so a component's weight must be proportional to how much one point of its score
 * lowers the log-odds of churn: the weight is `max(0, −coefficient)` on the raw 0–100 scale (the fit
 * itself runs on standardised scores, and the coefficients are scaled back). A component whose
 * coefficient is positive (a higher score going with MORE churn) gets weight 0 and is named in
 * `wrongSign`. The weights are scaled to sum to 100 and rounded to whole points by largest remainder.
 *
 * Missing components. A company without data for a component is given, for the fit, its own
 * weighted mean of the components it has under the current weights (plainly averaged when those
 * weights are all 0). That is exactly what the engine does when it spreads a missing component's
 * weight over the rest, so imputing leaves the company's current score unchanged. A company with no
 * component data at all is left out and counted in `unscored`.
 *
 * Held-out scores. The recommended weights are judged as the engine would use them: in each fold
 * the weights come from a fit on the other folds, and the fold's companies are scored by the weighted
 * mean of the components they have. A company whose components all get weight 0 in its fold scores
 * 50, which ranks it nowhere. The current weights need no fit, so their scores are held-out as they
 * stand. Both AUCs use risk = 100 − score.
 */
import type { AucInterval } from './auc.ts'
import { bootstrapAuc } from './auc.ts'
import { MIN_OUTCOMES } from './band-metrics.ts'
import { checkWhole } from './check-inputs.ts'
import { crossValidate, DEFAULT_L2_GRID } from './cross-validate.ts'
import type { LogisticFit } from './logistic.ts'

/** One company's component scores and what became of it. */
export interface ComponentOutcome {
  /** Component scores, 0–100, by component id; null or absent where the component had no data. */
  readonly scores: Readonly<Record<string, number | null | undefined>>
  readonly churned: boolean
}

export interface RecommendInput {
  /** The current weights by component id, ≥ 0; their order is the order of every list below. */
  readonly currentWeights: Readonly<Record<string, number>>
  readonly rows: readonly ComponentOutcome[]
}

export interface RecommendOptions {
  /** Folds; 5 by default. */
  readonly folds?: number
  /** Seeds the folds and the bootstrap; 1 by default. */
  readonly seed?: number
  readonly l2Grid?: readonly number[]
  /** Fewer scored outcomes than this and nothing is fitted; 30 by default. */
  readonly minOutcomes?: number
  /** Bootstrap rounds for the AUC intervals; 1,000 by default. */
  readonly bootstrapRounds?: number
}

/** One set of weights and how its held-out scores rank churn. */
export interface WeightsBacktest {
  readonly weights: Readonly<Record<string, number>>
  /** The AUC of risk = 100 − score over the held-out scores, with its 95 % bootstrap interval. */
  readonly auc: AucInterval
  /** Each input row's held-out score, 0–100 and unrounded; null for an unscored row. */
  readonly heldOutScores: readonly (number | null)[]
}

export interface WeightRecommendation {
  readonly components: readonly string[]
  /** Rows with component data: the outcomes every figure rests on. */
  readonly outcomes: number
  readonly churned: number
  /** Rows left out because they had no component data. */
  readonly unscored: number
  readonly current: WeightsBacktest
  /** Null when nothing could be fitted (see `reason`). */
  readonly recommended: WeightsBacktest | null
  /** The fit on every scored row at the chosen L2 strength, on the component scores in order. */
  readonly fit: LogisticFit | null
  readonly l2: number | null
  /** Components whose coefficient says a higher score goes with more churn: weight 0. */
  readonly wrongSign: readonly string[]
  /** True only when the recommendation beats the current weights' AUC on held-out folds. */
  readonly proposed: boolean
  /** Why it is not proposed, when it is not. */
  readonly reason: string | null
}

/**
 * Fits weights to churn outcomes and backtests them against the current weights on held-out folds.
 * @throws RangeError when a weight or score is out of range, a row names an unknown component, or an
 *   option is out of range
 * @example
 * const r = recommendWeights({ currentWeights: { usage: 40, support: 30, relationship: 30 }, rows })
 * if (r.proposed) adopt(r.recommended!.weights)
 * else console.log(`not proposed: ${r.reason}`)
 */
export function recommendWeights(
  input: RecommendInput,
  options: RecommendOptions = {},
): WeightRecommendation {
  const folds = options.folds ?? 5
  const seed = options.seed ?? 1
  const minOutcomes = options.minOutcomes ?? MIN_OUTCOMES
  const rounds = options.bootstrapRounds ?? 1000
  checkWhole(folds, 'folds', 2)
  checkWhole(minOutcomes, 'minOutcomes', 1)
  const components = Object.keys(input.currentWeights)
  if (components.length === 0)
    throw new RangeError('currentWeights must name at least one component')
  const current = components.map((id) => input.currentWeights[id]!)
  current.forEach((w, j) => {
    if (!(Number.isFinite(w) && w >= 0))
      throw new RangeError(
        `currentWeights.${components[j]} must be a number ≥ 0 (got ${String(w)})`,
      )
  })
  const readings = input.rows.map((row, i) => readRow(row, i, components))
  const used = readings.flatMap((r, i) => (r.some((v) => v !== null) ? [i] : []))
  const y = used.map((i) => input.rows[i]!.churned)
  const churned = y.filter(Boolean).length
  const X = used.map((i) => impute(readings[i]!, current))

  const currentScores = spread(
    used,
    X.map((row) => weightedMean(row, current) ?? 50),
    input.rows.length,
  )
  const backtest = (weights: readonly number[], scores: (number | null)[]): WeightsBacktest => ({
    weights: Object.fromEntries(components.map((id, j) => [id, weights[j]!])),
    auc: bootstrapAuc(
      used.map((i) => 100 - scores[i]!),
      y,
      { rounds, seed },
    ),
    heldOutScores: scores,
  })
  const before = backtest(current, currentScores)
  const base = {
    components,
    outcomes: used.length,
    churned,
    unscored: input.rows.length - used.length,
  }
  const refuse = (reason: string): WeightRecommendation => ({
    ...base,
    current: before,
    recommended: null,
    fit: null,
    l2: null,
    wrongSign: [],
    proposed: false,
    reason,
  })
  if (used.length < minOutcomes)
    return refuse(
      `only ${used.length} scored outcomes: at least ${minOutcomes} are needed to fit weights`,
    )
  if (churned < folds || used.length - churned < folds)
    return refuse(
      `${folds}-fold cross-validation needs at least ${folds} churned and ${folds} renewed outcomes (got ${churned} and ${used.length - churned})`,
    )

  const cv = crossValidate(X, y, {
    folds,
    seed,
    l2Grid: options.l2Grid ?? DEFAULT_L2_GRID,
  })
  const heldOut = new Array<number>(used.length).fill(50)
  cv.foldFits.forEach((fit, k) => {
    const weights = weightsFrom(fit)
    cv.foldOf.forEach((f, r) => {
      if (f === k && weights) heldOut[r] = weightedMean(readings[used[r]!]!, weights) ?? 50
    })
  })
  const weights = weightsFrom(cv.fit)
  const wrongSign = components.filter((_, j) => cv.fit.coefficients[j]! > 0)
  if (!weights)
    return {
      ...refuse('every component’s coefficient says a higher score goes with more churn'),
      fit: cv.fit,
      l2: cv.l2,
      wrongSign,
    }
  const after = backtest(weights, spread(used, heldOut, input.rows.length))
  const beats = after.auc.auc !== null && before.auc.auc !== null && after.auc.auc > before.auc.auc
  return {
    ...base,
    current: before,
    recommended: after,
    fit: cv.fit,
    l2: cv.l2,
    wrongSign,
    proposed: beats,
    reason: beats
      ? null
      : `the recommended weights' held-out AUC (${format(after.auc.auc)}) does not beat the current weights' (${format(before.auc.auc)})`,
  }
}

/**
 * Weights proportional to −coefficient (0 for a wrong sign), whole points summing to 100, or null
 * when no coefficient has the right sign.
 */
function weightsFrom(fit: LogisticFit): number[] | null {
  const raw = fit.coefficients.map((c) => Math.max(0, -c))
  const total = raw.reduce((s, v) => s + v, 0)
  if (!(total > 0)) return null
  return roundTo100(raw.map((v) => (100 * v) / total))
}

/** Rounds shares that sum to 100 to whole numbers that still do, by largest remainder. */
function roundTo100(shares: readonly number[]): number[] {
  const floors = shares.map(Math.floor)
  let left = 100 - floors.reduce((s, v) => s + v, 0)
  const byRemainder = shares
    .map((s, j) => j)
    .sort((a, b) => shares[b]! - floors[b]! - (shares[a]! - floors[a]!) || a - b)
  for (const j of byRemainder) {
    if (left <= 0) break
    floors[j]!++
    left--
  }
  return floors
}

/** A row's scores in component order, null where missing. */
function readRow(
  row: ComponentOutcome,
  i: number,
  components: readonly string[],
): (number | null)[] {
  for (const id of Object.keys(row.scores))
    if (!components.includes(id))
      throw new RangeError(`rows[${i}].scores.${id} is not a component of currentWeights`)
  if (typeof row.churned !== 'boolean')
    throw new RangeError(`rows[${i}].churned must be true or false (got ${String(row.churned)})`)
  return components.map((id) => {
    const v = row.scores[id]
    if (v === null || v === undefined) return null
    if (!(typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 100))
      throw new RangeError(
        `rows[${i}].scores.${id} must be a number from 0 to 100 (got ${String(v)})`,
      )
    return v
  })
}

/** The weighted mean of the present values, or null when no present value has weight. */
function weightedMean(
  values: readonly (number | null)[],
  weights: readonly number[],
): number | null {
  let sum = 0
  let weight = 0
  values.forEach((v, j) => {
    if (v === null) return
    sum += weights[j]! * v
    weight += weights[j]!
  })
  return weight > 0 ? sum / weight : null
}

/** Fills missing values with the row's own weighted mean (plain mean when the weights give none). */
function impute(values: readonly (number | null)[], weights: readonly number[]): number[] {
  const present = values.filter((v): v is number => v !== null)
  const fill = weightedMean(values, weights) ?? present.reduce((s, v) => s + v, 0) / present.length
  return values.map((v) => v ?? fill)
}

/** Places the used rows' values at their input positions, null elsewhere. */
function spread(
  used: readonly number[],
  values: readonly number[],
  length: number,
): (number | null)[] {
  const out = new Array<number | null>(length).fill(null)
  used.forEach((i, r) => {
    out[i] = values[r]!
  })
  return out
}

function format(auc: number | null): string {
  return auc === null ? 'none' : auc.toFixed(3)
}
