/**
 * @module Calibrate's red band: where the recommended model puts "At risk below X", judged on
 * held-out folds against the boundary in use.
 *
 * The boundary is chosen by `recommendRedBoundary` (the most recall at the precision floor) on the
 * calibrated held-out scores, each fold's by the other folds. It is adopted only when, on held-out
 * folds, it beats the current boundary: it reaches the floor and catches more churn, or the current
 * boundary misses the floor and it comes closer. Otherwise the tiers stay, so that a workflow
 * keyed to a tier does not change for a move that the outcomes do not back.
 */
import type { CompiledModel, HealthModel, TierId } from '../health/index.ts'
import { bandMetrics, MIN_OUTCOMES, recommendRedBoundary } from '../health/index.ts'

/** Tier lower bounds, as in the model file. */
export interface TierBounds {
  readonly healthy: number
  readonly neutral: number
  readonly at_risk: number
}

/** The red band's figures at one boundary, held-out. */
export interface RedBandFigures {
  readonly redPrecision: number | null
  readonly redRecall: number | null
  /** Of the outcomes, the share in the red band: how many accounts a CSM would be asked to work. */
  readonly redShare: number | null
}

/** The red band's boundary the recommended model uses, and what it changes. */
export interface BandRecommendation {
  /** The recommended model's tiers: `neutral` is the red boundary (At risk below it). */
  readonly tiers: TierBounds
  readonly currentTiers: TierBounds
  /** True when the recommended model moves the boundary. */
  readonly adopted: boolean
  readonly targetPrecision: number
  /** The boundary chosen on every outcome; null when none reaches the floor. */
  readonly chosen: number | null
  /** The boundary each held-out fold was judged by, chosen on the other folds. */
  readonly foldBoundaries: readonly number[]
  /** The calibrated weights' held-out figures at the chosen boundaries and at the current one. */
  readonly atChosen: RedBandFigures
  readonly atCurrent: RedBandFigures
  /** Why the boundary stays where it is, when it does. */
  readonly reason: string | null
}

export interface BandChoice {
  readonly recommendation: BandRecommendation
  /** The boundary each outcome's held-out tier uses. */
  readonly boundaryOf: (i: number) => number
}

/**
 * Chooses the red boundary for the calibrated held-out scores (null: the weights cannot score it).
 * @example
 * const { recommendation, boundaryOf } = chooseBands(model, heldOut, churned, { target: 0.7, folds: 5, seed: 1 })
 */
export function chooseBands(
  model: CompiledModel,
  scores: readonly (number | null)[],
  churned: readonly boolean[],
  settings: { readonly target: number; readonly folds: number; readonly seed: number },
): BandChoice {
  const current = model.model.tiers
  const red = recommendRedBoundary(
    scores.map((score, i) => ({ score, churned: churned[i]! })),
    {
      current: current.neutral,
      min: current.at_risk + 1,
      max: current.healthy - 1,
      targetPrecision: settings.target,
      folds: settings.folds,
      seed: settings.seed,
    },
  )
  const figures = (boundaryOf: (i: number) => number): RedBandFigures => {
    const tiers = scores.map((s, i) => (s === null ? 'neutral' : tierAt(s, model, boundaryOf(i))))
    const band = bandMetrics(tiers.map((tier, i) => ({ tier, churned: churned[i]! })))
    return {
      redPrecision: band.precision.value,
      redRecall: band.recall.value,
      redShare: scores.length < MIN_OUTCOMES ? null : band.red / scores.length,
    }
  }
  const heldOut = (i: number) => red.heldOutBoundaries[i]!
  const keep = () => current.neutral
  const atChosen = figures(heldOut)
  const atCurrent = figures(keep)
  const reason = red.reason ?? beatsCurrent(atChosen, atCurrent, settings.target)
  const adopted = reason === null && red.boundary !== null && red.boundary !== current.neutral
  return {
    recommendation: {
      tiers: { ...current, neutral: adopted ? red.boundary! : current.neutral },
      currentTiers: { ...current },
      adopted,
      targetPrecision: settings.target,
      chosen: red.boundary,
      foldBoundaries: red.foldBoundaries,
      atChosen,
      atCurrent,
      reason: reason ?? (adopted ? null : 'the chosen boundary is the current one'),
    },
    boundaryOf: adopted ? heldOut : keep,
  }
}

/** Null when the chosen boundaries beat the current one on held-out folds, else why not. */
function beatsCurrent(
  chosen: RedBandFigures,
  current: RedBandFigures,
  target: number,
): string | null {
  const p = chosen.redPrecision
  const r = chosen.redRecall
  if (p === null || r === null) return 'too few outcomes to judge the red band'
  const was = { p: current.redPrecision ?? 0, r: current.redRecall ?? 0 }
  const better = was.p >= target ? p >= target && r > was.r : p > was.p
  if (better) return null
  const text = (v: number) => v.toFixed(3)
  return `on held-out folds the chosen boundary does not beat the current one (precision ${text(p)} vs ${text(was.p)}, recall ${text(r)} vs ${text(was.r)}, floor ${target})`
}

/**
 * The model's tiers with the red boundary moved, and the yellow light with it when it sat on it
 * (as in the default model), so that a red light still means the red band.
 * @example
 * const candidate = { ...model, ...withTiers(model, { healthy: 75, neutral: 56, at_risk: 25 }) }
 */
export function withTiers(
  model: HealthModel,
  tiers: TierBounds,
): Pick<HealthModel, 'tiers' | 'trafficLight'> {
  const follows = model.trafficLight.yellow === model.tiers.neutral
  return {
    tiers: { ...tiers },
    trafficLight: follows ? { ...model.trafficLight, yellow: tiers.neutral } : model.trafficLight,
  }
}

/**
 * The tier of an unrounded score, as the engine tiers its whole-number scores, with the red
 * boundary at `redBelow` (the model's own by default).
 * @example tierAt(49.6, model) // 'neutral': 50 rounds into Neutral
 */
export function tierAt(
  score: number,
  model: CompiledModel,
  redBelow = model.model.tiers.neutral,
): TierId {
  const rounded = Math.round(score)
  for (const bound of model.tierBounds) {
    if (rounded >= (bound.tier === 'neutral' ? redBelow : bound.min)) return bound.tier
  }
  return 'critical'
}
