import { expect, it } from 'vitest'

import type { HealthResult } from '../../src/health/index.ts'
import { getDefaultModel, scoreCompany } from '../../src/health/index.ts'
import { companyChanges, tierTransition } from '../../src/hubspot/index.ts'
import { AS_OF, createSnapshot, daysAgo, scoreHistory } from '../health/support/mocks.ts'

const model = getDefaultModel()
const SCORED_AT = new Date(AS_OF).toISOString()

function healthy(history: [daysAgo: number, score: number][] = []): HealthResult {
  const result = scoreCompany(createSnapshot({ propertyHistory: scoreHistory(history) }), model)
  if (!result.success || result.value.tier !== 'healthy') throw new Error('should score healthy')
  return result.value
}

it('records the tier HubSpot held and the scoring moment when the tier changes', () => {
  expect(
    tierTransition(healthy(), {
      health_tier: 'neutral',
      health_previous_tier: 'healthy',
      health_tier_changed_at: daysAgo(40),
    }),
  ).toEqual({ health_previous_tier: 'neutral', health_tier_changed_at: SCORED_AT })
})

it('adds nothing while the tier holds and its change time is known', () => {
  expect(
    tierTransition(healthy(), { health_tier: 'healthy', health_tier_changed_at: daysAgo(3) }),
  ).toEqual({})
})

it('dates a first score at the scoring moment and leaves the previous tier empty', () => {
  expect(tierTransition(healthy(), { health_tier: null, health_previous_tier: null })).toEqual({
    health_tier_changed_at: SCORED_AT,
  })
})

it('dates a tier scored before the transition properties existed from the score history', () => {
  const result = healthy([
    [200, 40],
    [120, 80],
    [30, 85],
  ])
  expect(result.trend.daysInTier).toBe(120)
  expect(tierTransition(result, { health_tier: 'healthy', health_tier_changed_at: '' })).toEqual({
    health_tier_changed_at: daysAgo(120),
  })
})

it('leaves the previous tier empty when HubSpot held a value that is no tier', () => {
  expect(tierTransition(healthy(), { health_tier: 'green' })).toEqual({
    health_previous_tier: '',
    health_tier_changed_at: SCORED_AT,
  })
})

it('writes nothing on a rerun after the change landed, even from a resumed run', () => {
  const result = healthy()
  const before = { health_tier: 'at_risk', health_tier_changed_at: daysAgo(10) }
  const written = companyChanges(result, model, before)
  expect(written).toMatchObject({
    health_tier: 'healthy',
    health_previous_tier: 'at_risk',
    health_tier_changed_at: SCORED_AT,
  })
  // What HubSpot holds once the update landed (date-times come back as epoch ms or ISO alike).
  const after = {
    ...before,
    ...written,
    health_tier_changed_at: String(AS_OF),
    health_scored_at: String(AS_OF),
  }
  expect(companyChanges(result, model, after)).toBeNull()
})
