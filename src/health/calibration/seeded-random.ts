/**
 * @module A tiny seeded PRNG (mulberry32) for the calibration statistics: the same seed gives the
 * same bootstrap resamples and the same folds on every platform. The engine keeps its own copy
 * rather than reach into the demo generator, so that it stays free of layers above it.
 */

/** A source of floats in [0, 1). */
export type RandomSource = () => number

/**
 * A seeded source of floats in [0, 1).
 * @example
 * const random = seededRandom(42)
 * const i = Math.floor(random() * n)
 */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0
  return () => {
    let t = (state = (state + 0x6d2b79f5) | 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/**
 * Shuffles a copy of `items` (Fisher–Yates) with `random`.
 * @example
 * shuffled([1, 2, 3, 4], seededRandom(7)) // the same order for seed 7, every time
 */
export function shuffled<T>(items: readonly T[], random: RandomSource): T[] {
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const held = out[i] as T
    out[i] = out[j] as T
    out[j] = held
  }
  return out
}
