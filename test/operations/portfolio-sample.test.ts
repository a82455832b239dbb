import { expect, it } from 'vitest'

import { allocateSample, summariseSample } from '../../src/operations/index.ts'
import { model } from '../support/portal.ts'

const DAY = 86_400_000
const NOW = Date.parse('2026-11-04T12:00:00.000Z') // a Wednesday
const at = (daysAgo: number) => new Date(NOW - daysAgo * DAY).toISOString()

it('shares a sample in proportion to the tiers, at least one from each tier with accounts', () => {
  expect(allocateSample({ healthy: 900, neutral: 80, at_risk: 15, critical: 5 }, 100)).toEqual({
    healthy: 89,
    neutral: 8,
    at_risk: 2,
    critical: 1,
  })
  expect(allocateSample({ healthy: 19_000, neutral: 999, at_risk: 1, critical: 0 }, 200)).toEqual({
    healthy: 189,
    neutral: 10,
    at_risk: 1,
    critical: 0,
  })
  expect(allocateSample({ healthy: 0, neutral: 10, at_risk: 10, critical: 10 }, 20)).toEqual({
    healthy: 0,
    neutral: 7,
    at_risk: 7,
    critical: 6,
  })
})

it('takes every account of a portal smaller than the sample', () => {
  expect(allocateSample({ healthy: 3, neutral: 0, at_risk: 2, critical: 1 }, 200)).toEqual({
    healthy: 3,
    neutral: 0,
    at_risk: 2,
    critical: 1,
  })
})

it('reads each week as the tiers stood at its end, from the first week with a score', () => {
  const past = summariseSample(
    [
      {
        scoreHistory: [],
        tierHistory: [
          { value: 'critical', timestamp: at(1) },
          { value: 'healthy', timestamp: at(20) },
        ],
      },
      { scoreHistory: [], tierHistory: [{ value: 'neutral', timestamp: at(9) }] },
    ],
    { asOf: NOW, model, scored: 2 },
  )
  expect(past.weeks.map((w) => [w.weekStart, w.accounts, w.shares])).toEqual([
    ['2026-10-12', 1, { healthy: 1, neutral: 0, atRisk: 0, critical: 0 }],
    ['2026-10-19', 1, { healthy: 1, neutral: 0, atRisk: 0, critical: 0 }],
    ['2026-10-26', 2, { healthy: 0.5, neutral: 0.5, atRisk: 0, critical: 0 }],
    ['2026-11-02', 2, { healthy: 0, neutral: 0.5, atRisk: 0, critical: 0.5 }],
  ])
  expect(past.tiers30dAgo).toBe(null)
})

it("scales the sample's distribution 30 days ago to the accounts scored now", () => {
  const past = summariseSample(
    [
      { scoreHistory: [], tierHistory: [{ value: 'at_risk', timestamp: at(40) }] },
      { scoreHistory: [], tierHistory: [{ value: 'healthy', timestamp: at(31) }] },
      { scoreHistory: [], tierHistory: [{ value: 'healthy', timestamp: at(2) }] },
      { scoreHistory: [], tierHistory: [{ value: 'healthy', timestamp: at(35) }] },
    ],
    { asOf: NOW, model, scored: 400 },
  )
  expect(past.tiers30dAgo).toEqual({ healthy: 200, neutral: 0, atRisk: 100, critical: 0 })
})
