import { expect, it } from 'vitest'

import type { TierId } from '../../src/health/index.ts'
import { rocAuc, seededRandom } from '../../src/health/index.ts'
import { calibrationChart, MAX_ROC_POINTS, thinRoc } from '../../src/operations/index.ts'

function outcomes(n: number, seed: number) {
  const random = seededRandom(seed)
  const risks = Array.from({ length: n }, () => random())
  return { risks, churned: risks.map((r) => random() < r * 0.6) }
}

/** The area under a curve of points, by trapezoids. */
const area = (points: readonly { fpr: number; tpr: number }[]) =>
  points
    .slice(1)
    .reduce((a, p, i) => a + ((p.fpr - points[i]!.fpr) * (p.tpr + points[i]!.tpr)) / 2, 0)

it('thins a ROC curve to at most the points asked, ends kept, order and shape kept', () => {
  const { risks, churned } = outcomes(3000, 4)
  const roc = rocAuc(risks, churned)
  expect(roc.points.length).toBeGreaterThan(1000)
  const thin = thinRoc(roc.points, MAX_ROC_POINTS)
  expect(thin.length).toBeLessThanOrEqual(MAX_ROC_POINTS)
  expect(thin.length).toBeGreaterThan(MAX_ROC_POINTS - 5)
  expect(thin[0]).toEqual({ threshold: null, fpr: 0, tpr: 0 })
  expect(thin.at(-1)).toMatchObject({ fpr: 1, tpr: 1 })
  thin.slice(1).forEach((p, i) => {
    expect(p.fpr).toBeGreaterThanOrEqual(thin[i]!.fpr)
    expect(p.tpr).toBeGreaterThanOrEqual(thin[i]!.tpr)
  })
  expect(Math.abs(area(thin) - roc.auc!)).toBeLessThan(0.005)
})

it('leaves a curve that is short enough as it is', () => {
  const points = rocAuc([0.9, 0.4, 0.6, 0.1], [true, false, true, false]).points
  expect(thinRoc(points, MAX_ROC_POINTS)).toEqual(points)
})

it('tallies outcomes and churns per tier, and draws the curve of health scores as risks', () => {
  const { risks, churned } = outcomes(200, 9)
  const scores = risks.map((r) => Math.round(100 * (1 - r)))
  const tiers = scores.map((s): TierId => (s >= 75 ? 'healthy' : s >= 50 ? 'neutral' : 'at_risk'))
  const chart = calibrationChart(scores, tiers, churned)
  expect(chart.tiers.healthy).toEqual({
    outcomes: tiers.filter((t) => t === 'healthy').length,
    churned: tiers.filter((t, i) => t === 'healthy' && churned[i]).length,
  })
  expect(chart.tiers.critical).toEqual({ outcomes: 0, churned: 0 })
  expect(area(chart.roc)).toBeCloseTo(rocAuc(risks, churned).auc!, 1)
  expect(area(chart.roc)).toBeGreaterThan(0.6)
})

it('draws no curve from fewer than 30 outcomes', () => {
  const { risks, churned } = outcomes(29, 3)
  const chart = calibrationChart(
    risks.map((r) => 100 * (1 - r)),
    risks.map(() => 'neutral'),
    churned,
  )
  expect(chart.roc).toEqual([])
  expect(chart.tiers.neutral.outcomes).toBe(29)
})
