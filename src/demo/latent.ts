import type { Rng } from './prng.ts'
import { WEEK_MS } from './time.ts'

/**
 * A company's hidden health over time: weekly points in [0, 1] from `start`. Between points it is
 * linear. Before `start` it holds the first value; after the last point, the last value.
 */
export interface LatentPath {
  start: number
  values: Float64Array
  /** The level the walk reverted to at the start, in [0, 1]. */
  baseline: number
}

/** Weekly pull towards the company's own level, in logit units (half-life about 14 weeks). */
const REVERSION = 0.05
const WEEKLY_NOISE = 0.13
/** Chance per week of a shock: a lost champion, a reorg, an outage, or a rescue. */
const SHOCK_CHANCE = 0.005
const DECLINE_SHARE = 0.65
/** Share of a shock that persists by moving the level itself. */
const SHOCK_PERSISTENCE = 0.6

/**
 * Simulates a mean-reverting random walk in logit space with occasional shocks, so some accounts
 * decline sharply and some recover.
 * @param shift moves the company's level, in logit units (segment effect).
 */
export function simulateLatent(rng: Rng, start: number, weeks: number, shift: number): LatentPath {
  let level = 0.75 + shift + 0.9 * rng.normal()
  const baseline = sigmoid(level)
  let z = level + 0.5 * rng.normal()
  const values = new Float64Array(weeks + 1)
  values[0] = sigmoid(z)
  for (let w = 1; w <= weeks; w++) {
    if (rng.chance(SHOCK_CHANCE)) {
      const shock = rng.chance(DECLINE_SHARE) ? -(0.8 + 1.4 * rng.next()) : 0.6 + 1.0 * rng.next()
      z += shock
      level += SHOCK_PERSISTENCE * shock
    }
    z += REVERSION * (level - z) + WEEKLY_NOISE * rng.normal()
    values[w] = sigmoid(z)
  }
  return { start, values, baseline }
}

/** The latent health at time `t` (ms), interpolated between weekly points. */
export function latentAt(path: LatentPath, t: number): number {
  const x = (t - path.start) / WEEK_MS
  const last = path.values.length - 1
  if (x <= 0) return path.values[0] as number
  if (x >= last) return path.values[last] as number
  const i = Math.floor(x)
  const a = path.values[i] as number
  const b = path.values[i + 1] as number
  return a + (b - a) * (x - i)
}

/** The logistic function. */
export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x))
}

/** Clamps `x` into [lo, hi]. */
export function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x
}
