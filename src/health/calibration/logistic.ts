/**
 * @module L2-regularised logistic regression by Newton's method (IRLS) on standardised features.
 * It minimises the mean log-loss plus `l2 / 2` times the sum of squared standardised coefficients;
 * the intercept is not penalised. Each Newton step is halved until the objective falls, so the fit
 * stays stable even on separable data.
 */
import { checkWhole } from './check-inputs.ts'

export interface LogisticOptions {
  /** The L2 strength on standardised coefficients; 0.01 by default. Must be ≥ 0. */
  readonly l2?: number
  /** Newton steps at most; 100 by default. */
  readonly maxIterations?: number
  /** Converged when the Newton step moves no standardised coefficient by more than this; 1e-8 by default. */
  readonly tolerance?: number
}

export interface LogisticFit {
  /** Coefficients on the features as given: log-odds per unit of each feature. */
  readonly coefficients: readonly number[]
  readonly intercept: number
  /** Coefficients per standard deviation of each feature (0 for a constant feature). */
  readonly standardisedCoefficients: readonly number[]
  /** The intercept on standardised features: the log-odds at the features' means. */
  readonly standardisedIntercept: number
  /** The features' means and standard deviations used to standardise them. */
  readonly means: readonly number[]
  readonly scales: readonly number[]
  readonly l2: number
  readonly iterations: number
  readonly converged: boolean
}

/**
 * Fits P(y) = σ(intercept + Σ coefficients · x). A feature that never varies gets coefficient 0.
 * @throws RangeError when rows are ragged or not finite, `y` does not pair up with `X`, only one
 *   outcome is present, or an option is out of range
 * @example
 * const fit = fitLogistic(rows, churned, { l2: 0.01 })
 * const p = predictLogistic(fit, [70, 40, 90])
 */
export function fitLogistic(
  X: readonly (readonly number[])[],
  y: readonly boolean[],
  options: LogisticOptions = {},
): LogisticFit {
  const l2 = options.l2 ?? 0.01
  const maxIterations = options.maxIterations ?? 100
  const tolerance = options.tolerance ?? 1e-8
  if (!(Number.isFinite(l2) && l2 >= 0))
    throw new RangeError(`l2 must be a finite number ≥ 0 (got ${String(l2)})`)
  checkWhole(maxIterations, 'maxIterations', 1)
  if (!(tolerance > 0)) throw new RangeError(`tolerance must be > 0 (got ${String(tolerance)})`)
  const d = checkMatrix(X, y)
  const n = X.length
  const positives = y.filter(Boolean).length
  if (positives === 0 || positives === n)
    throw new RangeError('a logistic fit needs both outcomes: some churned and some renewed')

  const means = Array.from({ length: d }, (_, j) => X.reduce((s, row) => s + row[j]!, 0) / n)
  const scales = means.map((m, j) => Math.sqrt(X.reduce((s, row) => s + (row[j]! - m) ** 2, 0) / n))
  // Standardised design, with a leading 1 for the intercept; constant columns are zeroed.
  const Z = X.map((row) => [
    1,
    ...row.map((v, j) => (scales[j]! > 0 ? (v - means[j]!) / scales[j]! : 0)),
  ])
  const target = y.map((v) => (v ? 1 : 0))
  const free = [true, ...scales.map((s) => s > 0)]

  let beta = new Array<number>(d + 1).fill(0)
  beta[0] = Math.log(positives / (n - positives))
  let current = objective(Z, target, beta, l2)
  let iterations = 0
  let converged = false
  while (iterations < maxIterations) {
    iterations++
    const { gradient, hessian } = derivatives(Z, target, beta, l2, free)
    const step = solve(hessian, gradient)
    let scale = 1
    let next = beta.map((b, j) => b - step[j]!)
    let value = objective(Z, target, next, l2)
    // Halve until the objective falls; a rise within float noise (near the optimum) is no rise.
    while (value > current + 1e-12 && scale > 1e-9) {
      scale /= 2
      next = beta.map((b, j) => b - scale * step[j]!)
      value = objective(Z, target, next, l2)
    }
    beta = next
    current = value
    // Judged on the full Newton step: a step halved to nothing is not convergence.
    if (Math.max(...step.map(Math.abs)) < tolerance) {
      converged = true
      break
    }
  }
  const standardised = beta.slice(1)
  const coefficients = standardised.map((b, j) => (scales[j]! > 0 ? b / scales[j]! : 0))
  const intercept = beta[0]! - coefficients.reduce((s, c, j) => s + c * means[j]!, 0)
  return {
    coefficients,
    intercept,
    standardisedCoefficients: standardised,
    standardisedIntercept: beta[0]!,
    means,
    scales,
    l2,
    iterations,
    converged,
  }
}

/**
 * The fitted probability of `true` (churn) for one row of features.
 * @throws RangeError when the row has the wrong length
 * @example
 * predictLogistic(fit, [70, 40, 90]) // 0.12
 */
export function predictLogistic(fit: LogisticFit, row: readonly number[]): number {
  if (row.length !== fit.coefficients.length)
    throw new RangeError(`a row must have ${fit.coefficients.length} features (got ${row.length})`)
  return sigmoid(fit.intercept + row.reduce((s, v, j) => s + fit.coefficients[j]! * v, 0))
}

/**
 * The mean log-loss of predicted probabilities, clamped away from 0 and 1.
 * @example
 * logLoss([0.9, 0.2], [true, false]) // 0.164
 */
export function logLoss(probabilities: readonly number[], y: readonly boolean[]): number {
  let total = 0
  probabilities.forEach((p, i) => {
    const q = Math.min(1 - 1e-15, Math.max(1e-15, p))
    total -= y[i] ? Math.log(q) : Math.log(1 - q)
  })
  return total / probabilities.length
}

/** Checks that X is a non-empty rectangle of finite numbers matching `y`; returns its width. */
function checkMatrix(X: readonly (readonly number[])[], y: readonly boolean[]): number {
  if (X.length === 0) throw new RangeError('X must have at least one row')
  if (X.length !== y.length)
    throw new RangeError(`X and y must be the same length (got ${X.length} and ${y.length})`)
  const d = X[0]!.length
  if (d === 0) throw new RangeError('X must have at least one feature')
  X.forEach((row, i) => {
    if (row.length !== d)
      throw new RangeError(`X[${i}] must have ${d} features like X[0] (got ${row.length})`)
    row.forEach((v, j) => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new RangeError(`X[${i}][${j}] must be a finite number (got ${String(v)})`)
    })
  })
  return d
}

function sigmoid(t: number): number {
  return t >= 0 ? 1 / (1 + Math.exp(-t)) : Math.exp(t) / (1 + Math.exp(t))
}

/** log(1 + e^t), without overflow. */
function softplus(t: number): number {
  return t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t))
}

function objective(
  Z: readonly number[][],
  y: readonly number[],
  beta: number[],
  l2: number,
): number {
  let loss = 0
  for (let i = 0; i < Z.length; i++) {
    const t = dot(Z[i]!, beta)
    loss += softplus(t) - y[i]! * t
  }
  let penalty = 0
  for (let j = 1; j < beta.length; j++) penalty += beta[j]! ** 2
  return loss / Z.length + (l2 / 2) * penalty
}

function derivatives(
  Z: readonly number[][],
  y: readonly number[],
  beta: number[],
  l2: number,
  free: readonly boolean[],
): { gradient: number[]; hessian: number[][] } {
  const k = beta.length
  const n = Z.length
  const gradient = new Array<number>(k).fill(0)
  const hessian = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (let i = 0; i < n; i++) {
    const z = Z[i]!
    const p = sigmoid(dot(z, beta))
    const w = p * (1 - p)
    for (let a = 0; a < k; a++) {
      gradient[a]! += (p - y[i]!) * z[a]!
      for (let b = 0; b <= a; b++) hessian[a]![b]! += w * z[a]! * z[b]!
    }
  }
  for (let a = 0; a < k; a++) {
    gradient[a]! /= n
    for (let b = 0; b <= a; b++) {
      hessian[a]![b]! /= n
      hessian[b]![a] = hessian[a]![b]!
    }
    if (a > 0) {
      gradient[a]! += l2 * beta[a]!
      hessian[a]![a]! += l2
    }
    // A constant feature stays at 0: pin its row and column.
    if (!free[a]) {
      gradient[a] = 0
      for (let b = 0; b < k; b++) hessian[a]![b] = hessian[b]![a] = 0
      hessian[a]![a] = 1
    }
  }
  // A floor on the diagonal keeps the system solvable when the weights vanish (separable data, l2 = 0).
  for (let a = 0; a < k; a++) hessian[a]![a]! += 1e-12
  return { gradient, hessian }
}

/** Solves H x = g by Gaussian elimination with partial pivoting (H is small and positive definite). */
function solve(H: readonly number[][], g: readonly number[]): number[] {
  const k = g.length
  const A = H.map((row, i) => [...row, g[i]!])
  for (let c = 0; c < k; c++) {
    let pivot = c
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r]![c]!) > Math.abs(A[pivot]![c]!)) pivot = r
    ;[A[c], A[pivot]] = [A[pivot]!, A[c]!]
    for (let r = c + 1; r < k; r++) {
      const f = A[r]![c]! / A[c]![c]!
      for (let q = c; q <= k; q++) A[r]![q]! -= f * A[c]![q]!
    }
  }
  const x = new Array<number>(k).fill(0)
  for (let r = k - 1; r >= 0; r--) {
    let s = A[r]![k]!
    for (let q = r + 1; q < k; q++) s -= A[r]![q]! * x[q]!
    x[r] = s / A[r]![r]!
  }
  return x
}

function dot(a: readonly number[], b: readonly number[]): number {
  let s = 0
  for (let j = 0; j < a.length; j++) s += a[j]! * b[j]!
  return s
}
