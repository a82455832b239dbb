import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type { TierId, TierOutcome } from '../../../src/health/index.ts'
import { bandMetrics, TIERS } from '../../../src/health/index.ts'

/** `accounts` companies in `tier`, the first `churned` of them churned. */
function tier(t: TierId, accounts: number, churned: number): TierOutcome[] {
  return Array.from({ length: accounts }, (_, i) => ({ tier: t, churned: i < churned }))
}

// 40 outcomes, 16 churned: healthy 1/10, neutral 2/10, at risk 5/10, critical 8/10.
const forty = [
  ...tier('healthy', 10, 1),
  ...tier('neutral', 10, 2),
  ...tier('at_risk', 10, 5),
  ...tier('critical', 10, 8),
]

describe('bandMetrics', () => {
  it('computes the red band figures from hand-counted tiers', () => {
    const m = bandMetrics(forty)
    expect(m).toMatchObject({ outcomes: 40, churned: 16, red: 20, tooFew: false, reason: null })
    expect(m.counts).toEqual({
      truePositives: 13,
      falsePositives: 7,
      falseNegatives: 3,
      trueNegatives: 17,
    })
    expect(m.baseRate).toEqual({ value: 0.4, numerator: 16, denominator: 40, reason: null })
    expect(m.precision).toEqual({ value: 13 / 20, numerator: 13, denominator: 20, reason: null })
    expect(m.recall).toEqual({ value: 13 / 16, numerator: 13, denominator: 16, reason: null })
    expect(m.sensitivity).toEqual(m.recall)
    expect(m.specificity).toEqual({ value: 17 / 24, numerator: 17, denominator: 24, reason: null })
    expect(m.lift.value).toBeCloseTo(0.65 / 0.4, 12)
    expect(m.churnRateByTier.healthy).toEqual({
      value: 0.1,
      numerator: 1,
      denominator: 10,
      reason: null,
    })
    expect(m.churnRateByTier.critical.value).toBe(0.8)
  })

  it('withholds every figure under 30 outcomes, keeping the counts', () => {
    const m = bandMetrics(forty.slice(0, 29))
    expect(m.tooFew).toBe(true)
    expect(m.reason).toBe('only 29 outcomes: at least 30 are needed to judge')
    expect(m.outcomes).toBe(29)
    for (const rate of [m.baseRate, m.precision, m.recall, m.specificity, m.lift]) {
      expect(rate.value).toBeNull()
      expect(rate.reason).toBe(m.reason)
    }
    expect(m.churnRateByTier.healthy).toMatchObject({ value: null, numerator: 1, denominator: 10 })
    expect(bandMetrics(forty.slice(0, 30)).tooFew).toBe(false)
    expect(bandMetrics(forty.slice(0, 29), { minOutcomes: 20 }).tooFew).toBe(false)
  })

  it('says why a figure has no denominator rather than dividing by zero', () => {
    const noRed = bandMetrics([...tier('healthy', 20, 3), ...tier('neutral', 20, 2)])
    expect(noRed.precision).toMatchObject({ value: null, reason: 'no company was in the red band' })
    expect(noRed.lift).toEqual({ value: null, reason: 'no company was in the red band' })
    expect(noRed.recall.value).toBe(0)
    expect(noRed.churnRateByTier.critical.reason).toBe('no company in this tier')

    const noChurn = bandMetrics([...tier('healthy', 20, 0), ...tier('critical', 20, 0)])
    expect(noChurn.recall).toMatchObject({ value: null, reason: 'no company churned' })
    expect(noChurn.lift.value).toBeNull()
    expect(noChurn.lift.reason).toMatch(/no base rate/)
    expect(noChurn.specificity.value).toBe(0.5)
  })

  it('rejects an unknown tier', () => {
    expect(() => bandMetrics([{ tier: 'amber' as TierId, churned: true }])).toThrow(
      'rows[0].tier must be one of healthy, neutral, at_risk, critical (got amber)',
    )
  })

  it('never yields NaN, and its counts add up', () => {
    const row = fc.record({ tier: fc.constantFrom(...TIERS), churned: fc.boolean() })
    fc.assert(
      fc.property(fc.array(row, { maxLength: 80 }), (rows) => {
        const m = bandMetrics(rows)
        const { truePositives, falsePositives, falseNegatives, trueNegatives } = m.counts
        expect(truePositives + falsePositives + falseNegatives + trueNegatives).toBe(rows.length)
        const rates = [m.baseRate, m.precision, m.recall, m.specificity, m.lift]
        for (const r of [...rates, ...Object.values(m.churnRateByTier)]) {
          if (r.value === null) expect(r.reason).toEqual(expect.any(String))
          else expect(Number.isFinite(r.value)).toBe(true)
        }
      }),
    )
  })
})
