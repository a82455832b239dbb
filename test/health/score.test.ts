import { describe, expect, it } from 'vitest'

import type { HealthResult, SignalSet } from '../../src/health/index.ts'
import {
  compileModel,
  DEFAULT_MODEL_INPUT,
  formatIssues,
  getDefaultModel,
  parseModel,
  scoreSignals,
} from '../../src/health/index.ts'
import { AS_OF, createSignals, DAY, THRIVING_SIGNALS } from './support/mocks.ts'

const model = getDefaultModel()

function score(signals: SignalSet, m = model): HealthResult {
  const result = scoreSignals(signals, m)
  if (!result.success) throw new Error(result.issues.map((i) => i.message).join('; '))
  return result.value
}

/** A model with one component reading one linear 0–100 signal, so the score equals the value. */
const passThrough = (() => {
  const input = structuredClone(DEFAULT_MODEL_INPUT) as unknown as {
    components: unknown[]
    segments: unknown[]
  }
  input.components = [
    {
      id: 'usage',
      label: 'Usage',
      weight: 1,
      signals: [
        {
          id: 'raw',
          label: 'Raw',
          source: 'usage_vs_baseline',
          direction: 'higher_is_better',
          normalize: { kind: 'linear', min: 0, max: 100 },
          describe: 'Raw is {value}',
        },
      ],
    },
  ]
  input.segments = (input.segments as { weights: object }[]).map((segment) => ({
    ...segment,
    weights: {},
  }))
  const parsed = parseModel(input)
  if (!parsed.success) throw new Error(formatIssues(parsed.issues))
  return compileModel(parsed.value)
})()

const at = (value: number) => score(createSignals({ usage_vs_baseline: value }), passThrough)

describe(scoreSignals, () => {
  it('scores a thriving customer 100, healthy and green, losing nothing', () => {
    const result = score(createSignals(THRIVING_SIGNALS))
    expect(result).toMatchObject({
      score: 100,
      tier: 'healthy',
      trafficLight: 'green',
      coverage: 100,
      drivers: [],
    })
    expect(result.modelVersion).toBe('default@1.0.0')
    expect(result.scoredAt).toBe('2026-11-01T00:00:00.000Z')
  })

  it.each([
    [100, 'healthy', 'green'],
    [75, 'healthy', 'green'],
    [74, 'neutral', 'yellow'],
    [50, 'neutral', 'yellow'],
    [49, 'at_risk', 'red'],
    [25, 'at_risk', 'red'],
    [24, 'critical', 'red'],
    [0, 'critical', 'red'],
  ] as const)('puts a score of %i in tier %s (%s)', (value, tier, light) => {
    expect(at(value)).toMatchObject({ score: value, tier, trafficLight: light })
  })

  it('spreads the weight of a component without data over the rest and reports coverage', () => {
    const full = score(createSignals(THRIVING_SIGNALS))
    const { nps: _nps, csat: _csat, ...rest } = THRIVING_SIGNALS
    const noSentiment = score(createSignals({ ...rest, usage_vs_baseline: 20 }))
    expect(full.coverage).toBe(100)
    expect(noSentiment.coverage).toBe(85)
    const sentiment = noSentiment.components.find((c) => c.id === 'sentiment')!
    expect(sentiment).toMatchObject({ score: null, effectiveWeight: 0, pointsLost: 0 })
    const usage = noSentiment.components.find((c) => c.id === 'usage')!
    expect(usage.effectiveWeight).toBeCloseTo(30 / 85, 10)
    // Usage at 20% of baseline scores 0 on active users and 100 on logins: (2×0 + 1×100) / 3.
    expect(usage.score).toBeCloseTo(33.3, 1)
    expect(noSentiment.score).toBe(Math.round((30 * (100 / 3) + 55 * 100) / 85))
  })

  it('refuses to score a company with no data, or too little of it', () => {
    expect(scoreSignals(createSignals({}), model)).toMatchObject({
      success: false,
      issues: [{ code: 'no_data' }],
    })
    expect(scoreSignals(createSignals({ days_payment_overdue: 0 }), model)).toMatchObject({
      success: false,
      issues: [{ code: 'insufficient_data', message: expect.stringContaining('only 10%') }],
    })
  })

  it('applies segment weights', () => {
    const values = { ...THRIVING_SIGNALS, usage_vs_baseline: 20, logins_per_user_30d: 0 }
    const smb = score(createSignals(values, { segmentId: 'smb' }))
    const enterprise = score(createSignals(values, { segmentId: 'enterprise' }))
    expect(smb.score).toBe(65)
    expect(enterprise.score).toBe(75)
    expect(smb.components[0]).toMatchObject({ weight: 35, pointsLost: 35 })
  })

  it('reports red flags with the component that raised them', () => {
    const result = score(createSignals({ ...THRIVING_SIGNALS, nps: 5, days_payment_overdue: 45 }))
    expect(result.redFlags).toEqual(['NPS below 7 (a detractor)', 'Payment 30+ days overdue'])
    expect(result.components.find((c) => c.id === 'contract')!.redFlags).toEqual([
      'Payment 30+ days overdue',
    ])
  })

  it('explains the score: points contributed and lost add up, drivers ranked by points lost', () => {
    const result = score(createSignals({ ...THRIVING_SIGNALS, usage_vs_baseline: 42, nps: 6 }))
    const contributed = result.components.reduce((sum, c) => sum + c.pointsContributed, 0)
    const lost = result.components.reduce((sum, c) => sum + c.pointsLost, 0)
    expect(contributed + lost).toBeCloseTo(100, 0)
    expect(Math.abs(contributed - result.score)).toBeLessThanOrEqual(1)
    expect(result.drivers.map((d) => d.componentId)).toEqual(['usage', 'sentiment'])
    expect(result.topDriver).toBe('Active users are at 42% of the onboarding baseline (−15 pts)')
    expect(result.drivers[1]!.sentence).toBe('NPS is 6/10 (−7 pts)')
  })
})

it('writes driver sentences in the singular for one', () => {
  const one = score(createSignals({ ...THRIVING_SIGNALS, core_features_used: 1 }))
  expect(one.topDriver).toBe('1 core feature in use (−15 pts)')
  const two = score(createSignals({ ...THRIVING_SIGNALS, core_features_used: 2 }))
  expect(two.topDriver).toBe('2 core features in use (−11 pts)')
})

describe('trend and priority', () => {
  const history = (points: [number, number][]) =>
    points.map(([days, s]) => ({ at: AS_OF - days * DAY, score: s }))

  it('measures change over 30 and 90 days from the score that stood then', () => {
    const result = at(60)
    expect(result.trend).toMatchObject({
      direction: 'stable',
      change30d: null,
      change90d: null,
      daysInTier: 0,
    })
    const falling = score(
      createSignals(
        { usage_vs_baseline: 60 },
        {
          scoreHistory: history([
            [100, 90],
            [45, 80],
            [10, 70],
          ]),
        },
      ),
      passThrough,
    )
    expect(falling.trend).toMatchObject({
      direction: 'declining',
      change30d: -20,
      change90d: -30,
      previousTier: 'healthy',
    })
  })

  it.each([
    [5, 'improving'],
    [4, 'stable'],
    [-4, 'stable'],
    [-5, 'declining'],
  ] as const)('calls a 30-day change of %i %s', (change, direction) => {
    const result = score(
      createSignals({ usage_vs_baseline: 60 }, { scoreHistory: history([[31, 60 - change]]) }),
      passThrough,
    )
    expect(result.trend.direction).toBe(direction)
  })

  it('counts the days spent in the current tier', () => {
    const result = score(
      createSignals(
        { usage_vs_baseline: 80 },
        {
          scoreHistory: history([
            [200, 40],
            [120, 76],
            [60, 90],
            [5, 80],
          ]),
        },
      ),
      passThrough,
    )
    expect(result.trend.daysInTier).toBe(120)
  })

  it('ranks an account falling from 85 to 65 above one steady at 50', () => {
    const falling = score(
      createSignals({ usage_vs_baseline: 65 }, { scoreHistory: history([[31, 85]]) }),
      passThrough,
    )
    const steady = score(
      createSignals({ usage_vs_baseline: 50 }, { scoreHistory: history([[31, 50]]) }),
      passThrough,
    )
    expect(falling.priority).toBeGreaterThan(steady.priority)
    const steadyHigh = score(
      createSignals({ usage_vs_baseline: 65 }, { scoreHistory: history([[31, 65]]) }),
      passThrough,
    )
    expect(steady.priority).toBeGreaterThan(steadyHigh.priority)
  })
})
