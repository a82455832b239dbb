/**
 * @module The red band's boundary ("At risk below X"), learnt from outcomes: the X that catches the
 * most churn (recall) while the red band stays precise (≥ a target share of red companies churned),
 * and how that choice does on folds it never saw.
 *
 * A company is red when its whole-number score is below X, as the engine tiers it. The boundary is
 * chosen on all rows for the recommendation; its figures are held-out: each fold's rows are judged
 * by the X chosen on the other folds alone. A fold whose other folds reach the target at no X keeps
 * the current boundary. Rows without a score (the engine would not score them) are never red.
 */
import { MIN_OUTCOMES } from './band-metrics.ts'
import { checkWhole } from './check-inputs.ts'
import { stratifiedFolds } from './cross-validate.ts'

/** One scored outcome: the score 0–100 (null when unscorable) and whether it churned. */
export interface BoundaryRow {
  readonly score: number | null
  readonly churned: boolean
}

export interface RedBoundaryOptions {
  /** The boundary in use, kept where no X reaches the target. */
  readonly current: number
  /** The lowest and highest X considered (whole numbers, inclusive). */
  readonly min: number
  readonly max: number
  /** The share of red companies that must have churned; 0.7 by default. */
  readonly targetPrecision?: number
  /** Folds; 5 by default. */
  readonly folds?: number
  /** Seeds the folds; 1 by default. */
  readonly seed?: number
}

export interface RedBoundary {
  /** The X chosen on every row, or null when none reaches the target (see `reason`). */
  readonly boundary: number | null
  /** The X each fold's rows were judged by (chosen on the other folds), in fold order. */
  readonly foldBoundaries: readonly number[]
  /** Each row's held-out boundary: the X of its fold. */
  readonly heldOutBoundaries: readonly number[]
  readonly targetPrecision: number
  readonly reason: string | null
}

/**
 * Chooses the red boundary that maximises recall at a precision floor, with held-out boundaries.
 * @throws RangeError when a score is out of 0–100, the range is empty, or an option is out of range
 * @example
 * const r = recommendRedBoundary(rows, { current: 50, min: 26, max: 74 })
 * const red = rows.map((row, i) => row.score !== null && Math.round(row.score) < r.heldOutBoundaries[i]!)
 */
export function recommendRedBoundary(
  rows: readonly BoundaryRow[],
  options: RedBoundaryOptions,
): RedBoundary {
  const target = options.targetPrecision ?? 0.7
  const folds = options.folds ?? 5
  checkWhole(options.min, 'min', 1)
  checkWhole(options.max, 'max', options.min)
  checkWhole(options.current, 'current', 0)
  if (!(target > 0 && target <= 1))
    throw new RangeError(`targetPrecision must be above 0 and at most 1 (got ${String(target)})`)
  const scores = rows.map((row, i) => {
    if (row.score === null) return null
    if (!(Number.isFinite(row.score) && row.score >= 0 && row.score <= 100))
      throw new RangeError(`rows[${i}].score must be a number from 0 to 100 (got ${row.score})`)
    return Math.round(row.score)
  })
  const y = rows.map((row) => row.churned)
  const choose = (indices: readonly number[]) =>
    highestPrecise(indices, scores, y, options.min, options.max, target)
  const all = rows.map((_, i) => i)
  const chosen = choose(all)
  const churned = y.filter(Boolean).length
  if (rows.length < MIN_OUTCOMES || churned < folds || rows.length - churned < folds)
    return {
      boundary: null,
      foldBoundaries: [],
      heldOutBoundaries: rows.map(() => options.current),
      targetPrecision: target,
      reason: `too few outcomes to choose a boundary on held-out folds (${rows.length}, ${churned} churned)`,
    }
  const foldOf = stratifiedFolds(y, { folds, seed: options.seed ?? 1 })
  const foldBoundaries = Array.from(
    { length: folds },
    (_, k) => choose(all.filter((i) => foldOf[i] !== k)) ?? options.current,
  )
  return {
    boundary: chosen,
    foldBoundaries,
    heldOutBoundaries: foldOf.map((k) => foldBoundaries[k]!),
    targetPrecision: target,
    reason:
      chosen === null
        ? `no boundary from ${options.min} to ${options.max} makes a red band whose precision reaches ${target}`
        : null,
  }
}

/** The highest X in [min, max] whose red band (score < X) over `indices` reaches the precision. */
function highestPrecise(
  indices: readonly number[],
  scores: readonly (number | null)[],
  y: readonly boolean[],
  min: number,
  max: number,
  target: number,
): number | null {
  const red = new Array<number>(max + 2).fill(0)
  const churnedRed = new Array<number>(max + 2).fill(0)
  // Counts by score, then running totals: red[x] companies score below x.
  for (const i of indices) {
    const s = scores[i]
    if (s === null || s === undefined || s >= max) continue
    red[s + 1]!++
    if (y[i]) churnedRed[s + 1]!++
  }
  for (let x = 1; x <= max; x++) {
    red[x]! += red[x - 1]!
    churnedRed[x]! += churnedRed[x - 1]!
  }
  for (let x = max; x >= min; x--) if (red[x]! > 0 && churnedRed[x]! / red[x]! >= target) return x
  return null
}
