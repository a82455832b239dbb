import { describe, expect, it } from 'vitest'

import type { SnapshotRecord } from '../../src/health/index.ts'
import {
  companyOutcomes,
  dealOutcomes,
  DEFAULT_OUTCOME_RULE,
  parseOutcomeRule,
  propertyOutcome,
} from '../../src/health/index.ts'

const deal = (id: string, properties: Record<string, string | null>): SnapshotRecord => ({
  id,
  properties: {
    dealname: 'Acme renewal',
    pipeline: 'default',
    dealtype: 'existingbusiness',
    dealstage: 'closedwon',
    closedate: '2026-03-01T00:00:00.000Z',
    ...properties,
  },
})

describe('dealOutcomes with the default rule', () => {
  it('reads won renewals as renewed and lost ones as churned, oldest first', () => {
    const outcomes = dealOutcomes(
      '101',
      [
        deal('2', { dealstage: 'closedlost', closedate: '2026-06-01T00:00:00.000Z' }),
        deal('1', {}),
      ],
      DEFAULT_OUTCOME_RULE as Extract<typeof DEFAULT_OUTCOME_RULE, { source: 'deals' }>,
    )
    expect(outcomes).toEqual([
      { companyId: '101', kind: 'renewed', at: Date.parse('2026-03-01'), dealId: '1' },
      { companyId: '101', kind: 'churned', at: Date.parse('2026-06-01'), dealId: '2' },
    ])
  })

  it('leaves out new business, open deals and deals with no readable close date', () => {
    const rule = parseOutcomeRule({ source: 'deals', dealTypes: ['existingbusiness'] })
    if (rule.source !== 'deals') throw new Error('deal rule expected')
    const deals = [
      deal('1', { dealtype: 'newbusiness' }),
      deal('2', { dealtype: null }),
      deal('3', { dealstage: 'contractsent' }),
      deal('4', { closedate: 'someday' }),
      deal('5', { closedate: null }),
    ]
    expect(dealOutcomes('101', deals, rule)).toEqual([])
  })
})

describe('a configured deal rule', () => {
  it('filters by pipeline, stage ids and name pattern', () => {
    const rule = parseOutcomeRule({
      source: 'deals',
      pipelines: ['renewals'],
      namePattern: '^renewal',
      renewedStages: ['won-7'],
      churnedStages: ['lost-7'],
    })
    if (rule.source !== 'deals') throw new Error('deal rule expected')
    const deals = [
      deal('1', { pipeline: 'renewals', dealname: 'Renewal 2026', dealstage: 'won-7' }),
      deal('2', { pipeline: 'renewals', dealname: 'Renewal 2027', dealstage: 'lost-7' }),
      deal('3', { pipeline: 'default', dealname: 'Renewal 2026', dealstage: 'won-7' }),
      deal('4', { pipeline: 'renewals', dealname: 'Upsell', dealstage: 'won-7' }),
      deal('5', { pipeline: 'renewals', dealname: 'Renewal', dealstage: 'closedwon' }),
      // Deal type is not filtered when the rule names none.
      deal('6', { pipeline: 'renewals', dealname: 'renewal', dealstage: 'lost-7', dealtype: null }),
    ]
    expect(dealOutcomes('9', deals, rule).map((o) => [o.dealId, o.kind])).toEqual([
      ['1', 'renewed'],
      ['2', 'churned'],
      ['6', 'churned'],
    ])
  })

  it('refuses a bad rule with one line naming the problem', () => {
    expect(() => parseOutcomeRule({ source: 'deals', namePattern: '(' })).toThrow(
      /^outcome rule: namePattern: namePattern must be a valid regular expression$/,
    )
    expect(() =>
      parseOutcomeRule({ source: 'deals', renewedStages: ['x'], churnedStages: ['x'] }),
    ).toThrow('outcome rule: churnedStages: a stage cannot be both renewed and churned')
    expect(() => parseOutcomeRule({ source: 'deals', pipelines: [] })).toThrow(
      /^outcome rule: pipelines: /,
    )
    expect(() => parseOutcomeRule({ source: 'crm' })).toThrow(/^outcome rule: /)
    expect(() => parseOutcomeRule({ source: 'deals', stage: 'won' })).toThrow(/^outcome rule: /)
  })
})

describe('a churn property rule', () => {
  const rule = parseOutcomeRule({
    source: 'property',
    churnProperty: 'churned',
    churnValues: ['true', 'Yes'],
    dateProperty: 'churned_on',
  })
  if (rule.source !== 'property') throw new Error('property rule expected')

  it('reads a churned company at its date', () => {
    expect(propertyOutcome('7', { churned: ' YES ', churned_on: '2026-02-01' }, rule)).toEqual({
      companyId: '7',
      kind: 'churned',
      at: Date.parse('2026-02-01'),
    })
  })

  it('reads nothing when the company did not churn or the date is unreadable', () => {
    expect(propertyOutcome('7', { churned: 'false', churned_on: '2026-02-01' }, rule)).toBeNull()
    expect(propertyOutcome('7', { churned: null }, rule)).toBeNull()
    expect(propertyOutcome('7', { churned: 'true', churned_on: 'last spring' }, rule)).toBeNull()
  })
})

describe('companyOutcomes', () => {
  it('reads deals under a deal rule, and says null when the deals are unknown', () => {
    expect(companyOutcomes('1', {}, [deal('5', {})], DEFAULT_OUTCOME_RULE)).toEqual([
      { companyId: '1', kind: 'renewed', at: Date.parse('2026-03-01'), dealId: '5' },
    ])
    expect(companyOutcomes('1', {}, null, DEFAULT_OUTCOME_RULE)).toBeNull()
  })

  it('reads the churn property under a property rule, whatever the deals say', () => {
    const rule = parseOutcomeRule({ source: 'property', churnProperty: 'c', dateProperty: 'd' })
    const lost = [deal('5', { dealstage: 'closedlost' })]
    expect(companyOutcomes('1', { c: 'false' }, lost, rule)).toEqual([])
    expect(companyOutcomes('1', { c: 'true', d: '2026-01-02' }, null, rule)).toEqual([
      { companyId: '1', kind: 'churned', at: Date.parse('2026-01-02') },
    ])
  })
})
