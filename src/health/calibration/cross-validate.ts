/**
 * @module Stratified, seeded k-fold cross-validation of the logistic fit, choosing the L2 strength
 * from a small grid by held-out log-loss.
 */
import { checkWhole } from './check-inputs.ts'
import type { LogisticFit } from './logistic.ts'
import { fitLogistic, logLoss, predictLogistic } from './logistic.ts'
import { seededRandom, shuffled } from './seeded-random.ts'

/** The L2 strengths tried by default, weakest first. */
export const DEFAULT_L2_GRID: readonly number[] = [0.0001, 0.001, 0.01, 0.1, 1]

export interface FoldOptions {
  /** How many folds; 5 by default. */
  readonly folds?: number
  /** The PRNG seed that deals the folds; 1 by default. */
  readonly seed?: number
}

export interface CrossValidateOptions extends FoldOptions {
  /** The L2 strengths to try; `DEFAULT_L2_GRID` by default. */
  readonly l2Grid?: readonly number[]
  readonly maxIterations?: number
}

export interface CrossValidation {
  /** The L2 strength with the lowest held-out log-loss (the first in the grid on a tie). */
  readonly l2: number
  /** Held-out log-loss of each L2 strength tried, in grid order. */
  readonly logLossByL2: readonly { readonly l2: number; readonly logLoss: number }[]
  /** Each row's fold, 0-based. */
  readonly foldOf: readonly number[]
  /** Each row's churn probability from the fit on the other folds, at the chosen `l2`. */
  readonly heldOut: readonly number[]
  /** The fits on all folds but fold k, at the chosen `l2`: `foldFits[k]` predicted fold k. */
  readonly foldFits: readonly LogisticFit[]
  /** The fit on every row at the chosen `l2`. */
  readonly fit: LogisticFit
}

/**
 * Deals rows into `folds` folds so that each holds about the same share of churns: each outcome's
 * rows are shuffled with the seed and dealt round-robin, the renewals carrying on where the churns
 * stopped so that fold sizes differ by at most one.
 * @throws RangeError when there are fewer than `folds` rows of either outcome, or `folds` < 2
 * @example
 * stratifiedFolds([true, false, true, false], { folds: 2, seed: 3 }) // e.g. [1, 0, 0, 1]
 */
export function stratifiedFolds(y: readonly boolean[], options: FoldOptions = {}): number[] {
  const folds = options.folds ?? 5
  checkWhole(folds, 'folds', 2)
  const churned = y.flatMap((v, i) => (v ? [i] : []))
  const renewed = y.flatMap((v, i) => (v ? [] : [i]))
  if (churned.length < folds || renewed.length < folds)
    throw new RangeError(
      `${folds}-fold cross-validation needs at least ${folds} churned and ${folds} renewed outcomes (got ${churned.length} and ${renewed.length})`,
    )
  const random = seededRandom(options.seed ?? 1)
  const foldOf = new Array<number>(y.length).fill(0)
  let next = 0
  for (const index of [...shuffled(churned, random), ...shuffled(renewed, random)]) {
    foldOf[index] = next
    next = (next + 1) % folds
  }
  return foldOf
}

/**
 * For each L2 strength in the grid, fits on all folds but one and predicts the one left out; keeps
 * the strength whose held-out predictions have the lowest log-loss, and refits on every row with it.
 * @throws RangeError as `stratifiedFolds` and `fitLogistic` do, or when the grid is empty
 * @example
 * const cv = crossValidate(X, churned, { folds: 5, seed: 1 })
 * console.log(cv.l2, rocAuc(cv.heldOut, churned).auc)
 */
export function crossValidate(
  X: readonly (readonly number[])[],
  y: readonly boolean[],
  options: CrossValidateOptions = {},
): CrossValidation {
  const grid = options.l2Grid ?? DEFAULT_L2_GRID
  if (grid.length === 0) throw new RangeError('l2Grid must hold at least one L2 strength')
  if (X.length !== y.length)
    throw new RangeError(`X and y must be the same length (got ${X.length} and ${y.length})`)
  const folds = options.folds ?? 5
  const foldOf = stratifiedFolds(y, options)
  const fitOptions =
    options.maxIterations === undefined ? {} : { maxIterations: options.maxIterations }
  let best: { l2: number; loss: number; heldOut: number[]; fits: LogisticFit[] } | null = null
  const logLossByL2: { l2: number; logLoss: number }[] = []
  for (const l2 of grid) {
    const heldOut = new Array<number>(y.length).fill(0)
    const fits: LogisticFit[] = []
    for (let k = 0; k < folds; k++) {
      const train = foldOf.flatMap((f, i) => (f === k ? [] : [i]))
      const fit = fitLogistic(
        train.map((i) => X[i]!),
        train.map((i) => y[i]!),
        { ...fitOptions, l2 },
      )
      fits.push(fit)
      foldOf.forEach((f, i) => {
        if (f === k) heldOut[i] = predictLogistic(fit, X[i]!)
      })
    }
    const loss = logLoss(heldOut, y)
    logLossByL2.push({ l2, logLoss: loss })
    if (best === null || loss < best.loss) best = { l2, loss, heldOut, fits }
  }
  const chosen = best!
  return {
    l2: chosen.l2,
    logLossByL2,
    foldOf,
    heldOut: chosen.heldOut,
    foldFits: chosen.fits,
    fit: fitLogistic(X, y, { ...fitOptions, l2: chosen.l2 }),
  }
}
