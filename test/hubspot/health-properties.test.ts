import { expect, it } from 'vitest'

import type { HealthResult } from '../../src/health/index.ts'
import { CSM_SENTIMENT_PROPERTIES, getDefaultModel, scoreCompany } from '../../src/health/index.ts'
import {
  diffProperties,
  healthPropertyDefinitions,
  ownedPropertyNames,
  toPropertyValues,
} from '../../src/hubspot/health-properties.ts'
import { createSnapshot } from '../health/support/mocks.ts'

const model = getDefaultModel()

function scored(overrides: Partial<HealthResult> = {}): HealthResult {
  const result = scoreCompany(createSnapshot(), model)
  if (!result.success) throw new Error('the healthy snapshot should score')
  return { ...result.value, ...overrides }
}

it('defines every DESIGN.md property in the customer_health group, one score per component', () => {
  const defs = healthPropertyDefinitions(model)
  expect(defs.map((d) => `${d.name} ${d.type}/${d.fieldType}`)).toEqual([
    'health_score number/number',
    'health_tier enumeration/select',
    'health_trend enumeration/select',
    'health_score_change_30d number/number',
    'health_top_driver string/text',
    'health_playbook enumeration/select',
    'health_data_coverage number/number',
    'health_model_version string/text',
    'health_scored_at datetime/date',
    'health_usage_score number/number',
    'health_adoption_score number/number',
    'health_support_score number/number',
    'health_sentiment_score number/number',
    'health_engagement_score number/number',
    'health_contract_score number/number',
    'health_previous_tier enumeration/select',
    'health_tier_changed_at datetime/date',
    'health_value_track enumeration/select',
    'health_csm_sentiment enumeration/select',
    'health_csm_sentiment_reason string/text',
    'health_csm_sentiment_at datetime/date',
  ])
  expect(new Set(defs.map((d) => d.groupName))).toEqual(new Set(['customer_health']))
  expect(ownedPropertyNames(model)).toEqual(defs.map((d) => d.name))
})

it('labels tier, trend, playbook and value-track options readably, playbooks and segments from the model', () => {
  const byName = new Map(healthPropertyDefinitions(model).map((d) => [d.name, d]))
  const labels = (name: string) => byName.get(name)?.options.map((o) => [o.value, o.label])
  expect(labels('health_tier')).toEqual([
    ['healthy', 'Healthy'],
    ['neutral', 'Neutral'],
    ['at_risk', 'At risk'],
    ['critical', 'Critical'],
  ])
  expect(byName.get('health_tier')?.options[1]?.description).toBe('Score 50 to under 75')
  expect(labels('health_trend')).toEqual([
    ['improving', 'Improving'],
    ['stable', 'Stable'],
    ['declining', 'Declining'],
  ])
  expect(labels('health_playbook')).toEqual(model.model.playbooks.map((p) => [p.id, p.label]))
  expect(byName.get('health_previous_tier')?.options).toEqual(byName.get('health_tier')?.options)
  expect(labels('health_value_track')).toEqual([
    ['enterprise', 'Enterprise (revenue ≥ $50M)'],
    ['mid_market', 'Mid-market ($5M–$50M)'],
    ['smb', 'SMB (under $5M)'],
    ['unsegmented', 'No revenue on record'],
  ])
  expect(byName.get('health_score')?.options).toEqual([])
})

it('turns a result into wire strings: integers, tier ids, ISO date-time', () => {
  const result = scored({
    score: 72,
    tier: 'neutral',
    coverage: 85.4,
    scoredAt: '2026-11-01T00:00:00.000Z',
  })
  const values = toPropertyValues(result, model)
  expect(values).toMatchObject({
    health_score: '72',
    health_tier: 'neutral',
    health_data_coverage: '85',
    health_model_version: 'default@' + model.model.version,
    health_scored_at: '2026-11-01T00:00:00.000Z',
    health_trend: result.trend.direction,
    health_top_driver: result.topDriver,
  })
  for (const component of model.model.components)
    expect(values[`health_${component.id}_score`]).toMatch(/^\d+$/)
  expect(values.health_value_track).toBe(result.segmentId)
  // A rescore writes every owned property but the CSM's sentiment, which only set_csm_sentiment
  // writes, and the tier transition, which tierTransition adds against the current values.
  const csm = Object.values(CSM_SENTIMENT_PROPERTIES) as string[]
  const transition = ['health_previous_tier', 'health_tier_changed_at']
  expect(Object.keys(values).sort()).toEqual(
    ownedPropertyNames(model)
      .filter((name) => !csm.includes(name) && !transition.includes(name))
      .sort(),
  )
  for (const name of csm) expect(values).not.toHaveProperty(name)
})

it('clears a missing component score, a missing 30-day change and an absent playbook', () => {
  const base = scored()
  const values = toPropertyValues(
    {
      ...base,
      playbook: null,
      trend: { ...base.trend, change30d: null },
      components: base.components.map((c) => (c.id === 'support' ? { ...c, score: null } : c)),
    },
    model,
  )
  expect(values.health_support_score).toBe('')
  expect(values.health_playbook).toBe('')
  expect(values.health_score_change_30d).toBe('')
  expect(values.health_usage_score).not.toBe('')
})

it('writes the playbook id and a rounded, signed 30-day change', () => {
  const base = scored()
  const values = toPropertyValues(
    {
      ...base,
      trend: { ...base.trend, change30d: -12.6 },
      playbook: { id: 'csm_checkin', label: 'At risk: CSM check-in', urgent: false, actions: [] },
    },
    model,
  )
  expect(values.health_score_change_30d).toBe('-13')
  expect(values.health_playbook).toBe('csm_checkin')
})

const DESIRED = {
  health_score: '72',
  health_tier: 'neutral',
  health_playbook: '',
  health_scored_at: '2026-11-02T00:00:00.000Z',
}

it('finds nothing to write when only the representation differs', () => {
  const current = {
    health_score: '72.0',
    health_tier: 'neutral',
    health_playbook: null,
    health_scored_at: String(Date.parse('2026-11-02T00:00:00.000Z')),
  }
  expect(diffProperties(DESIRED, current)).toBeNull()
})

it('never writes health_scored_at on its own', () => {
  const current = { ...DESIRED, health_scored_at: '2026-10-01T00:00:00.000Z' }
  expect(diffProperties(DESIRED, current)).toBeNull()
})

it('writes only the changed value, with health_scored_at', () => {
  const current = { ...DESIRED, health_tier: 'healthy', health_scored_at: '2026-10-01T00:00:00Z' }
  expect(diffProperties(DESIRED, current)).toEqual({
    health_tier: 'neutral',
    health_scored_at: '2026-11-02T00:00:00.000Z',
  })
})

it('writes a value that is new, cleared, or unreadable where it stands', () => {
  const { health_playbook: _cleared, ...set } = DESIRED
  expect(diffProperties(DESIRED, {})).toEqual(set)
  expect(diffProperties({ health_playbook: '' }, { health_playbook: 'csm_checkin' })).toEqual({
    health_playbook: '',
  })
  expect(diffProperties({ health_score: '72' }, { health_score: 'n/a' })).toEqual({
    health_score: '72',
  })
  expect(diffProperties({ health_score: '0' }, { health_score: null })).toEqual({
    health_score: '0',
  })
  expect(diffProperties({ health_top_driver: '7' }, { health_top_driver: '7.0' })).toEqual({
    health_top_driver: '7',
  })
})
