import { describe, expect, it } from 'vitest'

import type { RandomSource } from '../../../src/health/index.ts'
import {
  crossValidate,
  fitLogistic,
  predictLogistic,
  rocAuc,
  seededRandom,
  stratifiedFolds,
} from '../../../src/health/index.ts'

function normal(random: RandomSource): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())
}

function sigmoid(t: number): number {
  return 1 / (1 + Math.exp(-t))
}

/**
 * n rows of features on their own scales (means 50, 10, 200; SDs 20, 2, 40) whose log-odds of
 * churn are `intercept + Σ standardised[j] · (x_j − mean_j) / sd_j`.
 */
function synthetic(
  n: number,
  seed: number,
  standardised: readonly number[],
  intercept: number,
): { X: number[][]; y: boolean[] } {
  const means = [50, 10, 200]
  const sds = [20, 2, 40]
  const random = seededRandom(seed)
  const X: number[][] = []
  const y: boolean[] = []
  for (let i = 0; i < n; i++) {
    const z = standardised.map(() => normal(random))
    X.push(z.map((v, j) => means[j]! + sds[j]! * v))
    y.push(random() < sigmoid(intercept + z.reduce((s, v, j) => s + standardised[j]! * v, 0)))
  }
  return { X, y }
}

const TRUE = [1, -0.5, 0.25]

describe('fitLogistic', () => {
  it('recovers known standardised coefficients within 0.15 with n = 5,000', () => {
    const { X, y } = synthetic(5000, 1, TRUE, -0.5)
    const fit = fitLogistic(X, y, { l2: 1e-6 })
    expect(fit.converged).toBe(true)
    expect(fit.iterations).toBeLessThan(15)
    fit.standardisedCoefficients.forEach((b, j) =>
      expect(Math.abs(b - TRUE[j]!)).toBeLessThan(0.15),
    )
    expect(Math.abs(fit.standardisedIntercept - -0.5)).toBeLessThan(0.15)
    // Back on the features' own scales: per unit, the coefficient is the standardised one over the SD.
    fit.coefficients.forEach((c, j) =>
      expect(c).toBeCloseTo(fit.standardisedCoefficients[j]! / fit.scales[j]!, 12),
    )
    // The two parametrisations predict the same probability.
    const row = X[7]!
    const z = row.map((v, j) => (v - fit.means[j]!) / fit.scales[j]!)
    expect(predictLogistic(fit, row)).toBeCloseTo(
      sigmoid(
        fit.standardisedIntercept +
          z.reduce((s, v, j) => s + fit.standardisedCoefficients[j]! * v, 0),
      ),
      12,
    )
  })

  it('stops at the penalised optimum: the gradient there is zero', () => {
    const { X, y } = synthetic(300, 2, TRUE, 0.3)
    const l2 = 0.05
    const fit = fitLogistic(X, y, { l2 })
    const z = X.map((row) => row.map((v, j) => (v - fit.means[j]!) / fit.scales[j]!))
    const residual = X.map((row, i) => predictLogistic(fit, row) - (y[i] ? 1 : 0))
    expect(Math.abs(residual.reduce((s, r) => s + r, 0) / X.length)).toBeLessThan(1e-9)
    fit.standardisedCoefficients.forEach((b, j) => {
      const g = z.reduce((s, row, i) => s + residual[i]! * row[j]!, 0) / X.length + l2 * b
      expect(Math.abs(g)).toBeLessThan(1e-9)
    })
  })

  it('shrinks the coefficients as the L2 strength grows', () => {
    const { X, y } = synthetic(400, 3, TRUE, 0)
    const norm = (l2: number) => Math.hypot(...fitLogistic(X, y, { l2 }).standardisedCoefficients)
    expect(norm(0.01)).toBeGreaterThan(norm(0.1))
    expect(norm(0.1)).toBeGreaterThan(norm(1))
  })

  it('gives a constant feature coefficient 0 and stays finite on separable data', () => {
    const X = [
      [1, 5],
      [2, 5],
      [3, 5],
      [4, 5],
      [5, 5],
      [6, 5],
    ]
    const y = [false, false, false, true, true, true]
    const unpenalised = fitLogistic(X, y, { l2: 0, maxIterations: 30 })
    expect(unpenalised.coefficients[1]).toBe(0)
    expect(unpenalised.converged).toBe(false)
    expect(unpenalised.iterations).toBe(30)
    expect(Number.isFinite(unpenalised.coefficients[0])).toBe(true)
    const penalised = fitLogistic(X, y, { l2: 0.1 })
    expect(penalised.converged).toBe(true)
    expect(penalised.coefficients[0]).toBeGreaterThan(0)
    expect(predictLogistic(penalised, [6, 5])).toBeGreaterThan(0.5)
  })

  it('damps its Newton steps, so it converges where full steps overshoot', () => {
    // Separable on the first feature, with heavy-tailed values and a tiny penalty: full Newton
    // steps run off to coefficients in the hundreds of thousands; halved steps reach the optimum.
    const X = [
      [0.23, -0.575],
      [-0.151, 0.331],
      [2.859, 2.797],
      [0.621, -0.914],
      [2.14, 1.223],
      [0.282, -0.528],
      [-0.639, 0.188],
      [-12.65, 5.545],
      [-0.229, 8.297],
      [-0.008, -0.683],
      [-2.346, -2.885],
      [1.618, 20.844],
      [-6.392, -0.77],
    ]
    const y = [true, false, true, true, true, true, false, false, false, false, false, true, false]
    const fit = fitLogistic(X, y, { l2: 1e-6 })
    expect(fit.converged).toBe(true)
    expect(fit.iterations).toBeLessThan(30)
    expect(Math.abs(fit.standardisedCoefficients[0]!)).toBeLessThan(1000)
    X.forEach((row, i) => expect(predictLogistic(fit, row) > 0.5).toBe(y[i]))
  })

  it('rejects inputs it cannot fit, in one line each', () => {
    expect(() => fitLogistic([[1], [2]], [true, true])).toThrow(
      'a logistic fit needs both outcomes: some churned and some renewed',
    )
    expect(() => fitLogistic([[1, 2], [3]], [true, false])).toThrow(
      'X[1] must have 2 features like X[0] (got 1)',
    )
    expect(() => fitLogistic([[1], [Number.POSITIVE_INFINITY]], [true, false])).toThrow(
      'X[1][0] must be a finite number (got Infinity)',
    )
    expect(() => fitLogistic([[1], [2]], [true])).toThrow('X and y must be the same length')
    expect(() => fitLogistic([[1], [2]], [true, false], { l2: -1 })).toThrow(
      'l2 must be a finite number ≥ 0 (got -1)',
    )
  })
})

describe('stratifiedFolds', () => {
  it('deals each outcome evenly over the folds, the same way for the same seed', () => {
    const y = Array.from({ length: 103 }, (_, i) => i % 4 === 0) // 26 churned, 77 renewed
    const foldOf = stratifiedFolds(y, { folds: 5, seed: 4 })
    for (let k = 0; k < 5; k++) {
      const members = foldOf.flatMap((f, i) => (f === k ? [i] : []))
      expect(members.length).toBeGreaterThanOrEqual(20)
      expect(members.length).toBeLessThanOrEqual(21)
      const churned = members.filter((i) => y[i]).length
      expect(churned).toBeGreaterThanOrEqual(5)
      expect(churned).toBeLessThanOrEqual(6)
    }
    expect(stratifiedFolds(y, { folds: 5, seed: 4 })).toEqual(foldOf)
    expect(stratifiedFolds(y, { folds: 5, seed: 5 })).not.toEqual(foldOf)
  })

  it('refuses when an outcome has fewer rows than folds', () => {
    expect(() => stratifiedFolds([true, true, false, false, false, false], { folds: 3 })).toThrow(
      '3-fold cross-validation needs at least 3 churned and 3 renewed outcomes (got 2 and 4)',
    )
  })
})

describe('crossValidate', () => {
  it('predicts each row from a fit that never saw it, and keeps the L2 with the lowest loss', () => {
    const { X, y } = synthetic(600, 5, TRUE, -0.3)
    const cv = crossValidate(X, y, { folds: 5, seed: 2 })
    const best = Math.min(...cv.logLossByL2.map((e) => e.logLoss))
    expect(cv.logLossByL2.find((e) => e.l2 === cv.l2)!.logLoss).toBe(best)
    // Row 0's held-out prediction is the fit on the other folds, not the fit on all rows.
    const others = cv.foldOf.flatMap((f, i) => (f === cv.foldOf[0] ? [] : [i]))
    const without = fitLogistic(
      others.map((i) => X[i]!),
      others.map((i) => y[i]!),
      { l2: cv.l2 },
    )
    expect(cv.heldOut[0]).toBeCloseTo(predictLogistic(without, X[0]!), 12)
    expect(cv.foldFits[cv.foldOf[0]!]!.coefficients).toEqual(without.coefficients)
    expect(cv.heldOut[0]).not.toBeCloseTo(predictLogistic(cv.fit, X[0]!), 6)
    expect(rocAuc(cv.heldOut, y).auc).toBeGreaterThan(0.7)
  })

  it('chooses strong regularisation when the features are noise', () => {
    const random = seededRandom(8)
    const X = Array.from({ length: 80 }, () => Array.from({ length: 10 }, () => normal(random)))
    const y = X.map(() => random() < 0.4)
    const cv = crossValidate(X, y, { folds: 5, seed: 1, l2Grid: [0.0001, 0.01, 1] })
    expect(cv.l2).toBe(1)
  })
})
