import { expect, it } from 'vitest'

import { compileModel, DEFAULT_MODEL_INPUT, parseModel } from '../../src/health/index.ts'
import { chooseBands, withTiers } from '../../src/operations/index.ts'
import { model } from '../support/portal.ts'

const settings = { target: 0.7, folds: 5, seed: 1 }

/** `count` outcomes at `score`, the first `churned` of them churned. */
function at(score: number, count: number, churned: number) {
  return Array.from({ length: count }, (_, i) => ({ score, churned: i < churned }))
}

function choose(rows: { score: number | null; churned: boolean }[]) {
  return chooseBands(
    model,
    rows.map((r) => r.score),
    rows.map((r) => r.churned),
    settings,
  )
}

it('moves the red boundary up when a higher one still keeps 70 % of red accounts churning and catches more', () => {
  // Below 50: 40 of 50 churn; below 56: 85 of 110 (0.77); the 85s churn at 10 of 300.
  const rows = [...at(40, 50, 40), ...at(55, 60, 45), ...at(85, 300, 10)]
  const { recommendation, boundaryOf } = choose(rows)
  expect(recommendation.chosen).toBe(74)
  expect(recommendation).toMatchObject({ adopted: true, reason: null })
  expect(recommendation.tiers).toEqual({ healthy: 75, neutral: 74, at_risk: 25 })
  expect(recommendation.atChosen.redRecall!).toBeGreaterThan(recommendation.atCurrent.redRecall!)
  expect(recommendation.atChosen.redPrecision!).toBeGreaterThanOrEqual(0.7)
  expect(recommendation.atChosen.redShare!).toBeGreaterThan(recommendation.atCurrent.redShare!)
  expect(rows.map((_, i) => boundaryOf(i))).toContain(74)
})

it('keeps the tiers, and says why, when the boundary chosen on training folds does not beat the current one held-out', () => {
  // Below 50, 45 of 60 churn (0.75); no one scoring 60 churns, so moving up to 60 catches no more.
  const rows = [...at(40, 60, 45), ...at(60, 200, 0)]
  const { recommendation, boundaryOf } = choose(rows)
  expect(recommendation.adopted).toBe(false)
  expect(recommendation.tiers).toEqual(recommendation.currentTiers)
  expect(recommendation.chosen).toBe(60)
  expect(recommendation.reason).toMatch(/does not beat the current one/)
  expect(new Set(rows.map((_, i) => boundaryOf(i)))).toEqual(new Set([50]))
})

it('moves the yellow light with the red boundary only when it sat on it', () => {
  const tiers = { healthy: 75, neutral: 58, at_risk: 25 }
  expect(withTiers(model.model, tiers)).toEqual({ tiers, trafficLight: { green: 75, yellow: 58 } })
  const own = parseModel({ ...DEFAULT_MODEL_INPUT, trafficLight: { green: 80, yellow: 40 } })
  if (!own.success) throw new Error('the test model is invalid')
  expect(withTiers(own.value, tiers).trafficLight).toEqual({ green: 80, yellow: 40 })
  expect(compileModel({ ...model.model, ...withTiers(model.model, tiers) }).tierBounds).toEqual([
    { tier: 'healthy', min: 75 },
    { tier: 'neutral', min: 58 },
    { tier: 'at_risk', min: 25 },
    { tier: 'critical', min: 0 },
  ])
})
