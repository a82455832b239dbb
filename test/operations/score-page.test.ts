import { expect, it } from 'vitest'

import type { CompanySnapshot } from '../../src/health/index.ts'
import { getDefaultModel, scoreCompany } from '../../src/health/index.ts'
import { companyChanges, ownedPropertyNames } from '../../src/hubspot/index.ts'
import { scorePage } from '../../src/operations/index.ts'
import { createSnapshot } from '../health/support/mocks.ts'

const model = getDefaultModel()
const nothingWritten = () =>
  Object.fromEntries(ownedPropertyNames(model).map((name) => [name, null]))

/** What a first score writes to the company: what HubSpot holds once it is scored. */
function valuesOf(snapshot: CompanySnapshot): Record<string, string> {
  const result = scoreCompany(snapshot, model)
  if (!result.success) throw new Error('the snapshot should score')
  return companyChanges(result.value, model, nothingWritten()) ?? {}
}

const fresh = createSnapshot({ companyId: '101' })
const scoredBefore = createSnapshot({ companyId: '102' })
const empty = createSnapshot({
  companyId: '103',
  properties: {},
  propertyHistory: {},
  tickets: null,
  engagements: null,
})

it('gives every changed company its new values, and counts the unchanged, the unscored and the unread', () => {
  const page = scorePage(
    {
      companies: [
        { snapshot: fresh, current: nothingWritten() },
        { snapshot: scoredBefore, current: valuesOf(scoredBefore) },
        { snapshot: empty, current: nothingWritten() },
      ],
      failures: [{ companyId: '104', reason: 'OBJECT_NOT_FOUND' }],
    },
    model,
  )
  expect(page.updates).toEqual([{ id: '101', properties: valuesOf(fresh) }])
  expect(page.updates[0]?.properties.health_score).toBe(valuesOf(fresh).health_score)
  expect(page.totals).toMatchObject({
    companies: 4,
    scored: 2,
    unchanged: 1,
    skipped: 1,
    failed: 1,
    written: 0,
  })
  const { tiers } = page.totals
  expect(tiers.healthy + tiers.neutral + tiers.atRisk + tiers.critical).toBe(2)
  expect(page.results.map((r) => r.result.companyId)).toEqual(['101', '102'])
  expect(page.skipped).toEqual([{ companyId: '103', issues: expect.any(Array) }])
  expect(page.skipped[0]?.issues.length).toBeGreaterThan(0)
  expect(page.failures).toEqual([{ companyId: '104', reason: 'OBJECT_NOT_FOUND', kind: 'read' }])
})

it('sends only the properties whose value changed, with the moment they were scored', () => {
  const values = valuesOf(fresh)
  const current = { ...values, health_score: '1' }
  const { updates } = scorePage({ companies: [{ snapshot: fresh, current }], failures: [] }, model)
  expect(updates).toEqual([
    {
      id: '101',
      properties: { health_score: values.health_score, health_scored_at: expect.any(String) },
    },
  ])
})

it('is pure: the same page gives the same answer, and the page is left as it was', () => {
  const input = { companies: [{ snapshot: fresh, current: nothingWritten() }], failures: [] }
  const before = structuredClone(input)
  expect(scorePage(input, model)).toEqual(scorePage(input, model))
  expect(input).toEqual(before)
})
