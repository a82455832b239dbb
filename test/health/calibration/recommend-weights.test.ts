import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { ComponentOutcome } from '../../../src/health/index.ts'
import { recommendWeights, rocAuc, seededRandom } from '../../../src/health/index.ts'

/** The weights the synthetic churn is made from. `sentiment` pushes the wrong way: its truth is 0. */
const TRUE: Readonly<Record<string, number>> = {
  usage: 40,
  support: 30,
  relationship: 20,
  financial: 10,
}
const IDS = ['usage', 'support', 'relationship', 'financial', 'sentiment'] as const
const EQUAL = { usage: 20, support: 20, relationship: 20, financial: 20, sentiment: 20 }

/**
 * n companies with uniform component scores whose log-odds of churn fall by 0.12 per point of
 * the true weighted score, and rise by 0.02 per point of `sentiment`. A share `missing` of the
 * component scores is blanked out after the outcome is drawn.
 */
function synthetic(n: number, seed: number, missing = 0): ComponentOutcome[] {
  const random = seededRandom(seed)
  return Array.from({ length: n }, () => {
    const s = Object.fromEntries(IDS.map((id) => [id, Math.round(random() * 100)])) as Record<
      (typeof IDS)[number],
      number
    >
    const truth = Object.entries(TRUE).reduce(
      (a, [id, w]) => a + (w * s[id as (typeof IDS)[number]]) / 100,
      0,
    )
    const logit = -1.2 - 0.12 * (truth - 50) + 0.02 * (s.sentiment - 50)
    const churned = random() < 1 / (1 + Math.exp(-logit))
    const scores = Object.fromEntries(
      IDS.map((id) => [id, random() < missing ? null : s[id]]),
    ) as Record<string, number | null>
    return { scores, churned }
  })
}

function expectWithin(weights: Readonly<Record<string, number>>, tolerance: number): void {
  for (const id of IDS) {
    const truth = TRUE[id] ?? 0
    expect(Math.abs(weights[id]! - truth), `${id}: ${weights[id]} vs ${truth}`).toBeLessThanOrEqual(
      tolerance,
    )
  }
}

describe('recommendWeights', () => {
  it('recovers known weights within ±3 points from 5,000 outcomes, and beats equal weights', () => {
    const rows = synthetic(5000, 1)
    const r = recommendWeights({ currentWeights: EQUAL, rows }, { bootstrapRounds: 200 })
    expect(r.recommended).not.toBeNull()
    expectWithin(r.recommended!.weights, 3)
    expect(r.recommended!.weights.sentiment).toBe(0)
    expect(r.wrongSign).toEqual(['sentiment'])
    expect(Object.values(r.recommended!.weights).reduce((a, b) => a + b, 0)).toBe(100)
    expect(r.proposed).toBe(true)
    expect(r.reason).toBeNull()
    expect(r.recommended!.auc.auc!).toBeGreaterThan(r.current.auc.auc! + 0.05)
    expect(r.fit!.converged).toBe(true)
    expect(r).toMatchObject({ outcomes: 5000, unscored: 0 })
  })

  it('recovers them within ±5 points when 15 % of component scores are missing', () => {
    const rows = synthetic(5000, 2, 0.15)
    const r = recommendWeights({ currentWeights: EQUAL, rows }, { bootstrapRounds: 200 })
    expectWithin(r.recommended!.weights, 5)
    expect(r.proposed).toBe(true)
  })

  it('scores the held-out companies as the engine would: the weighted mean of what they have', () => {
    const rows = synthetic(300, 3, 0.2)
    rows.push({ scores: {}, churned: true })
    const r = recommendWeights({ currentWeights: EQUAL, rows }, { bootstrapRounds: 50 })
    expect(r.unscored).toBe(1)
    expect(r.outcomes).toBe(300)
    expect(r.current.heldOutScores[300]).toBeNull()
    expect(r.recommended!.heldOutScores[300]).toBeNull()
    // The current weights' score is the engine's: missing weight spread over the components present.
    const first = rows[0]!.scores
    const present = IDS.filter((id) => first[id] !== null)
    const mean = present.reduce((a, id) => a + first[id]!, 0) / present.length
    expect(r.current.heldOutScores[0]).toBeCloseTo(mean, 12)
    // Both AUCs rank risk = 100 − score over the scored rows.
    const scored = r.current.heldOutScores.flatMap((s, i) => (s === null ? [] : [i]))
    expect(r.current.auc.auc).toBe(
      rocAuc(
        scored.map((i) => 100 - r.current.heldOutScores[i]!),
        scored.map((i) => rows[i]!.churned),
      ).auc,
    )
  })

  it('does not propose weights that do not beat the current ones on held-out folds', () => {
    // The current weights are the truth: a fit on 200 outcomes can only add noise.
    const rows = synthetic(200, 3)
    const r = recommendWeights({ currentWeights: { ...TRUE, sentiment: 0 }, rows })
    expect(r.recommended).not.toBeNull()
    expect(r.recommended!.auc.auc!).toBeLessThanOrEqual(r.current.auc.auc!)
    expect(r.proposed).toBe(false)
    expect(r.reason).toMatch(/^the recommended weights' held-out AUC \(0\.\d{3}\) does not beat/)
  })

  it('fits nothing from fewer than 30 outcomes, but still backtests the current weights', () => {
    const rows = synthetic(29, 4)
    const r = recommendWeights({ currentWeights: EQUAL, rows }, { bootstrapRounds: 50 })
    expect(r).toMatchObject({ recommended: null, fit: null, proposed: false, outcomes: 29 })
    expect(r.reason).toBe('only 29 scored outcomes: at least 30 are needed to fit weights')
    expect(r.current.auc.auc).not.toBeNull()
  })

  it('gives no weights when every coefficient has the wrong sign', () => {
    const rows = synthetic(400, 5).map((row) => ({ ...row, churned: !row.churned }))
    const r = recommendWeights(
      { currentWeights: { usage: 50, support: 50 }, rows: rows.map(onlyTwo) },
      { bootstrapRounds: 50 },
    )
    expect(r.recommended).toBeNull()
    expect(r.wrongSign).toEqual(['usage', 'support'])
    expect(r.reason).toBe('every component’s coefficient says a higher score goes with more churn')
  })

  it('rejects bad weights, scores and components in one line', () => {
    const rows = [{ scores: { usage: 50 }, churned: true }]
    expect(() => recommendWeights({ currentWeights: { usage: -1 }, rows })).toThrow(
      'currentWeights.usage must be a number ≥ 0 (got -1)',
    )
    expect(() =>
      recommendWeights({
        currentWeights: { usage: 1 },
        rows: [{ scores: { usage: 120 }, churned: true }],
      }),
    ).toThrow('rows[0].scores.usage must be a number from 0 to 100 (got 120)')
    expect(() =>
      recommendWeights({
        currentWeights: { usage: 1 },
        rows: [{ scores: { nps: 5 }, churned: true }],
      }),
    ).toThrow('rows[0].scores.nps is not a component of currentWeights')
    expect(() => recommendWeights({ currentWeights: {}, rows })).toThrow(
      'currentWeights must name at least one component',
    )
  })

  it('always recommends weights that are whole, ≥ 0 and sum to 100', () => {
    const row = fc.record({
      scores: fc.record({
        a: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
        b: fc.integer({ min: 0, max: 100 }),
        c: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      }),
      churned: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(row, { minLength: 40, maxLength: 60 }), fc.nat(), (rows, seed) => {
        const churned = rows.filter((r) => r.churned).length
        fc.pre(churned >= 5 && rows.length - churned >= 5)
        const r = recommendWeights(
          { currentWeights: { a: 1, b: 1, c: 1 }, rows },
          { seed, bootstrapRounds: 20 },
        )
        if (!r.recommended) return
        const weights = Object.values(r.recommended.weights)
        expect(weights.reduce((s, w) => s + w, 0)).toBe(100)
        for (const w of weights) expect(Number.isInteger(w) && w >= 0).toBe(true)
        for (const s of r.recommended.heldOutScores) expect(s! >= 0 && s! <= 100).toBe(true)
      }),
      { numRuns: 30 },
    )
  })
})

function onlyTwo(row: ComponentOutcome): ComponentOutcome {
  return { scores: { usage: row.scores.usage, support: row.scores.support }, churned: row.churned }
}
