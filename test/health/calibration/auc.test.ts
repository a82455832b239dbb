import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { RocPoint } from '../../../src/health/index.ts'
import { bootstrapAuc, rocAuc, seededRandom } from '../../../src/health/index.ts'

/** The AUC by brute force: over every churn × renewal pair, 1 if the churn scores higher, ½ if tied. */
function pairwiseAuc(scores: readonly number[], outcomes: readonly boolean[]): number {
  let wins = 0
  let pairs = 0
  scores.forEach((p, i) => {
    if (!outcomes[i]) return
    scores.forEach((n, j) => {
      if (outcomes[j]) return
      pairs++
      wins += p > n ? 1 : p === n ? 0.5 : 0
    })
  })
  return wins / pairs
}

/** The trapezoid area under ROC points. */
function trapezoid(points: readonly RocPoint[]): number {
  let area = 0
  for (let k = 1; k < points.length; k++)
    area += ((points[k]!.fpr - points[k - 1]!.fpr) * (points[k]!.tpr + points[k - 1]!.tpr)) / 2
  return area
}

/** Scores with ties (small integers) and at least one churn and one renewal. */
const scored = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.boolean()), { minLength: 2, maxLength: 40 })
  .map((pairs) => [[0, true] as const, [0, false] as const, ...pairs])
  .map((pairs) => ({ scores: pairs.map(([s]) => s), outcomes: pairs.map(([, o]) => o) }))

/** n companies whose churn risk is noisy: AUC about 0.8. */
function noisy(n: number, seed: number): { scores: number[]; outcomes: boolean[] } {
  const random = seededRandom(seed)
  const outcomes = Array.from({ length: n }, () => random() < 0.3)
  const scores = outcomes.map((o) => (o ? 1.2 : 0) + (random() + random() + random() - 1.5) * 2)
  return { scores, outcomes }
}

describe('rocAuc', () => {
  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(rocAuc([0.9, 0.8, 0.7, 0.6], [true, true, false, false]).auc).toBe(1)
    expect(rocAuc([0.6, 0.7, 0.8, 0.9], [true, true, false, false]).auc).toBe(0)
  })

  it('matches a hand count: 3 of 4 pairs ranked right', () => {
    // Pairs (churn vs renewal): 0.35>0.1, 0.35<0.4, 0.8>0.1, 0.8>0.4.
    const roc = rocAuc([0.1, 0.4, 0.35, 0.8], [false, false, true, true])
    expect(roc.auc).toBe(0.75)
    expect(roc.positives).toBe(2)
    expect(roc.negatives).toBe(2)
    expect(roc.points).toEqual([
      { threshold: null, fpr: 0, tpr: 0 },
      { threshold: 0.8, fpr: 0, tpr: 0.5 },
      { threshold: 0.4, fpr: 0.5, tpr: 0.5 },
      { threshold: 0.35, fpr: 0.5, tpr: 1 },
      { threshold: 0.1, fpr: 1, tpr: 1 },
    ])
  })

  it('counts a tie as half a pair', () => {
    expect(rocAuc([5, 5, 5, 5], [true, false, true, false]).auc).toBe(0.5)
    // Churns 3, 2, 2 against renewals 2, 1: 1 + 1 + ½ + 1 + ½ + 1 = 5 of 6 pairs.
    const roc = rocAuc([3, 2, 2, 2, 1], [true, true, true, false, false])
    expect(roc.auc).toBeCloseTo(5 / 6, 12)
    // The tied scores make one diagonal step, not a staircase.
    expect(roc.points).toEqual([
      { threshold: null, fpr: 0, tpr: 0 },
      { threshold: 3, fpr: 0, tpr: 1 / 3 },
      { threshold: 2, fpr: 0.5, tpr: 1 },
      { threshold: 1, fpr: 1, tpr: 1 },
    ])
  })

  it('gives null and a reason, not NaN, when an outcome is absent', () => {
    const none = rocAuc([1, 2], [false, false])
    expect(none).toMatchObject({ auc: null, positives: 0, negatives: 2, points: [] })
    expect(none.reason).toMatch(/no outcome is a churn/)
    expect(rocAuc([1], [true]).reason).toMatch(/every outcome is a churn/)
    expect(rocAuc([], []).reason).toBe('there are no outcomes')
  })

  it('rejects scores that do not pair with outcomes, or are not finite', () => {
    expect(() => rocAuc([1, 2], [true])).toThrow(
      'scores and outcomes must be the same length (got 2 and 1)',
    )
    expect(() => rocAuc([1, Number.NaN], [true, false])).toThrow(
      'scores[1] must be a finite number (got NaN)',
    )
  })

  it('is in [0, 1], equals the pairwise count and the area under its own points', () => {
    fc.assert(
      fc.property(scored, ({ scores, outcomes }) => {
        const roc = rocAuc(scores, outcomes)
        expect(roc.auc).toBeGreaterThanOrEqual(0)
        expect(roc.auc).toBeLessThanOrEqual(1)
        expect(roc.auc).toBeCloseTo(pairwiseAuc(scores, outcomes), 12)
        expect(trapezoid(roc.points)).toBeCloseTo(roc.auc!, 12)
        expect(roc.points.at(-1)).toMatchObject({ fpr: 1, tpr: 1 })
      }),
    )
  })

  it('gives 1 − AUC for reversed scores', () => {
    fc.assert(
      fc.property(scored, ({ scores, outcomes }) => {
        const auc = rocAuc(scores, outcomes).auc!
        expect(
          rocAuc(
            scores.map((s) => -s),
            outcomes,
          ).auc,
        ).toBeCloseTo(1 - auc, 12)
      }),
    )
  })
})

describe('bootstrapAuc', () => {
  it('gives an interval that contains the AUC and narrows as n grows', () => {
    const small = noisy(100, 11)
    const large = noisy(2000, 11)
    const a = bootstrapAuc(small.scores, small.outcomes, { rounds: 1000, seed: 5 })
    const b = bootstrapAuc(large.scores, large.outcomes, { rounds: 1000, seed: 5 })
    expect(a.auc).toBe(rocAuc(small.scores, small.outcomes).auc)
    expect(b.auc).toBe(rocAuc(large.scores, large.outcomes).auc)
    for (const r of [a, b]) {
      expect(r.low!).toBeLessThan(r.auc!)
      expect(r.high!).toBeGreaterThan(r.auc!)
    }
    // The width shrinks like 1/√n: 20× the data gives about a 4.5× narrower interval.
    const width = (r: typeof a) => r.high! - r.low!
    expect(width(b)).toBeLessThan(width(a) / 3)
    expect(width(b)).toBeGreaterThan(0.01)
  })

  it('is the same for the same seed and differs for another', () => {
    const { scores, outcomes } = noisy(200, 3)
    const once = bootstrapAuc(scores, outcomes, { rounds: 200, seed: 9 })
    expect(bootstrapAuc(scores, outcomes, { rounds: 200, seed: 9 })).toEqual(once)
    expect(bootstrapAuc(scores, outcomes, { rounds: 200, seed: 10 }).low).not.toBe(once.low)
  })

  it('keeps a perfect ranking at 1 and all-tied scores at ½ in every resample', () => {
    expect(bootstrapAuc([3, 2, 1, 0], [true, true, false, false], { rounds: 50 })).toMatchObject({
      auc: 1,
      low: 1,
      high: 1,
    })
    expect(bootstrapAuc([1, 1, 1, 1], [true, false, true, false], { rounds: 50 })).toMatchObject({
      auc: 0.5,
      low: 0.5,
      high: 0.5,
    })
  })

  it('gives nulls and the reason when an outcome is absent, and rejects bad rounds', () => {
    expect(bootstrapAuc([1, 2], [true, true])).toMatchObject({ auc: null, low: null, high: null })
    expect(() => bootstrapAuc([1, 2], [true, false], { rounds: 0 })).toThrow(
      'rounds must be a whole number ≥ 1 (got 0)',
    )
  })
})
