import { readFileSync } from 'node:fs'

import { parseFixture } from '@health-score/hubspot-emulator'
import { expect, it } from 'vitest'

import { snapshotsFromFixture } from '../../src/demo/fixture-snapshots.ts'
import type { HealthResult } from '../../src/health/index.ts'
import { scoreCompany } from '../../src/health/index.ts'

const fixture = parseFixture(
  JSON.parse(readFileSync(new URL('../../examples/sample-portal.json', import.meta.url), 'utf8')),
)
const results = new Map<string, HealthResult>()
for (const snapshot of snapshotsFromFixture(fixture)) {
  const result = scoreCompany(snapshot)
  if (result.success) results.set(snapshot.companyId, result.value)
}
const byName = (name: string) => {
  const company = fixture.companies.find((c) => c.properties.name === name)!
  return results.get(company.id)!
}

// What a customer-success lead would say about each sample account.
it.each([
  ['Northwind Analytics', 'healthy', 'expansion_advocacy'],
  ['Bluebird Logistics', 'healthy', 'healthy_cadence'],
  ['Cobalt Health', 'neutral', 'qbr_adoption'],
  ['Driftwood Retail', 'neutral', 'sharp_decline_save'],
  ['Ember Foods', 'at_risk', 'tech_touch_rescue'],
  ['Fjord Systems', 'at_risk', 'csm_checkin'],
  ['Granite Manufacturing', 'critical', 'executive_escalation'],
  ['Harbor Legal', 'healthy', 'healthy_cadence'],
])('rates %s %s and recommends %s', (name, tier, playbook) => {
  const result = byName(name)
  expect(result.tier).toBe(tier)
  expect(result.playbook?.id).toBe(playbook)
})

it('ranks the critical account first and the falling one above steadier, lower scores', () => {
  const ranked = [...results.values()]
    .sort((a, b) => b.priority - a.priority)
    .map((r) => r.companyId)
  const granite = byName('Granite Manufacturing').companyId
  expect(ranked[0]).toBe(granite)
  expect(byName('Driftwood Retail').priority).toBeGreaterThan(byName('Ember Foods').priority)
})

it('explains the critical account by its collapsed usage and its red flags', () => {
  const granite = byName('Granite Manufacturing')
  expect(granite.drivers[0]!.componentId).toBe('usage')
  expect(granite.redFlags).toEqual(
    expect.arrayContaining([
      'Usage is below half of the onboarding baseline',
      'NPS below 7 (a detractor)',
      'Payment 30+ days overdue',
    ]),
  )
})

it('scores the messy account on what is valid and says what it could not read', () => {
  const harbor = byName('Harbor Legal')
  expect(harbor.segmentId).toBe('unsegmented')
  expect(harbor.components.find((c) => c.id === 'adoption')!.score).toBeNull()
  expect(harbor.coverage).toBe(80)
  expect(harbor.diagnostics.map((d) => d.path.at(-1))).toEqual([
    'product_logins_30d',
    'product_core_features_used',
    'nps_score',
    'csat_score',
    'days_payment_overdue',
    'renewal_date',
  ])
})
