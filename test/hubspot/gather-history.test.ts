import { ALL_SCOPES } from '@health-score/hubspot-emulator'
import { createTestPortal } from '@health-score/hubspot-emulator/testing'
import { describe, expect, it } from 'vitest'

import type { CompanyHistory } from '../../src/health/index.ts'
import {
  dealOutcomes,
  DEFAULT_OUTCOME_RULE,
  parseOutcomeRule,
  scoreCompany,
  snapshotAsOf,
} from '../../src/health/index.ts'
import type { CompanyWithHistory, HistoryPage } from '../../src/hubspot/index.ts'
import { gatherHistory, gatherPortal } from '../../src/hubspot/index.ts'
import { useMswServer } from '../support/msw.ts'
import { callsTo, connect, demoPortal, model } from '../support/portal.ts'
import { emptyFixture } from './gather-fixture.ts'

const server = useMswServer()
const DAY = 86_400_000

async function collect(options: Partial<Parameters<typeof gatherHistory>[1]> = {}) {
  const pages: HistoryPage[] = []
  for await (const page of gatherHistory(connect(), { model, ...options })) pages.push(page)
  return pages
}

const companiesOf = (pages: HistoryPage[]): CompanyWithHistory[] =>
  pages.flatMap((page) => page.companies)

const dealRule = DEFAULT_OUTCOME_RULE as Extract<typeof DEFAULT_OUTCOME_RULE, { source: 'deals' }>

describe('gatherHistory against the demo portal', () => {
  it('rebuilds today exactly as the live gather sees it, at bounded, counted batch calls', async () => {
    const demo = demoPortal(60, 7)
    server.use(...demo.handlers)
    const live = new Map<string, ReturnType<typeof scoreCompany>>()
    for await (const page of gatherPortal(connect(), {
      model,
      asOf: demo.asOf,
      ownedProperties: [],
    }))
      for (const { snapshot } of page.companies)
        live.set(snapshot.companyId, scoreCompany(snapshot, model))
    const before = demo.emulator.stats().calls.total
    const beforeBy = { ...demo.emulator.stats().calls.byEndpoint }

    const pages = await collect({ searchLane: false })
    const companies = companiesOf(pages)
    expect(pages.flatMap((page) => page.failures)).toEqual([])
    expect(pages.at(-1)!.unreadable).toEqual([])
    expect(companies.map((c) => c.company.companyId).sort()).toEqual([...live.keys()].sort())
    for (const { company } of companies) {
      const past = scoreCompany(snapshotAsOf(company, demo.asOf, model), model)
      expect(past, company.companyId).toEqual(live.get(company.companyId))
    }

    // 60 companies: 2 list pages of 50, one associations call per type, records in full batches.
    const { fixture } = demo
    const calls = demo.emulator.stats().calls.total - before
    const byEndpoint = (endpoint: string) =>
      callsTo(demo.emulator, endpoint) - (beforeBy[endpoint] ?? 0)
    expect(byEndpoint('POST /crm/v3/objects/tickets/batch/read')).toBe(
      Math.ceil(fixture.tickets.length / 50),
    )
    expect(byEndpoint('POST /crm/v3/objects/deals/batch/read')).toBe(
      Math.ceil(fixture.deals.length / 100),
    )
    const expected =
      2 + // companies, 50 a page with history
      5 + // associations: tickets, calls, emails, meetings, deals
      Math.ceil(fixture.tickets.length / 50) +
      Math.ceil(fixture.deals.length / 100) +
      (['calls', 'emails', 'meetings'] as const)
        .map((type) => Math.ceil(fixture[type].length / 100))
        .reduce((a, b) => a + b, 0)
    expect(calls).toBe(expected)
  })

  it('reads the same records through the search lane as batch reads alone, in fewer burst calls', async () => {
    const demo = demoPortal(60, 7)
    server.use(...demo.handlers)
    const batchOnly = companiesOf(await collect({ searchLane: false }))
    const before = { ...demo.emulator.stats().calls.byEndpoint }
    const since = (endpoint: string) => callsTo(demo.emulator, endpoint) - (before[endpoint] ?? 0)
    const bothLanes = companiesOf(await collect())
    expect(bothLanes).toEqual(batchOnly)
    let burst = 0
    let searched = 0
    for (const type of ['calls', 'emails', 'meetings', 'deals'] as const) {
      burst += since(`POST /crm/v3/objects/${type}/batch/read`)
      searched += since(`POST /crm/v3/objects/${type}/search`)
    }
    const { fixture } = demo
    const batchCalls = (['calls', 'emails', 'meetings', 'deals'] as const)
      .map((type) => Math.ceil(fixture[type].length / 100))
      .reduce((a, b) => a + b, 0)
    expect(searched).toBeGreaterThan(0)
    expect(burst).toBeLessThan(batchCalls)
    // Tickets are read with their history, which search cannot give: batch reads only.
    expect(since('POST /crm/v3/objects/tickets/search')).toBe(0)
  })

  it('reads exactly the given companies through the search lane when others share their id ranges', async () => {
    const demo = demoPortal(30, 7)
    server.use(...demo.handlers)
    // Every other company: each searched id range also holds records of companies not asked for.
    const ids = demo.fixture.companies.filter((_, i) => i % 2 === 0).map((c) => c.id)
    const batchOnly = companiesOf(await collect({ companyIds: ids, searchLane: false }))
    const before = callsTo(demo.emulator, 'POST /crm/v3/objects/emails/search')
    const bothLanes = companiesOf(await collect({ companyIds: ids }))
    expect(callsTo(demo.emulator, 'POST /crm/v3/objects/emails/search')).toBeGreaterThan(before)
    expect(bothLanes).toEqual(batchOnly)
    expect(bothLanes.map((c) => c.company.companyId)).toEqual(ids)
  })

  it('scores a company whose NPS changed after T with the NPS it had at T', async () => {
    const demo = demoPortal(12, 7)
    server.use(...demo.handlers)
    const T = demo.asOf
    const target = demo.fixture.companies.find((c) => Number(c.properties.nps_score) >= 8)!
    const [before] = companiesOf(await collect({ companyIds: [target.id] }))
    const scoreBefore = scoreCompany(snapshotAsOf(before!.company, T, model), model)
    expect(scoreBefore.success).toBe(true)

    // A day after T the NPS falls to 1, through the real client like any write.
    demo.clock.advance(DAY)
    await connect().client.crm.companies.basicApi.update(target.id, {
      properties: { nps_score: '1' },
    })
    const [after] = companiesOf(await collect({ companyIds: [target.id] }))
    const company: CompanyHistory = after!.company
    expect(company.properties.nps_score).toBe('1')
    expect(company.history.nps_score![0]).toMatchObject({ value: '1' })

    const asOfT = snapshotAsOf(company, T, model)
    expect(asOfT.properties.nps_score).toBe(target.properties.nps_score)
    expect(scoreCompany(asOfT, model)).toEqual(scoreBefore)
    const now = snapshotAsOf(company, T + 2 * DAY, model)
    expect(now.properties.nps_score).toBe('1')
    const scoreNow = scoreCompany(now, model)
    if (!scoreNow.success || !scoreBefore.success) throw new Error('scores expected')
    expect(scoreNow.value.score).toBeLessThan(scoreBefore.value.score)
  })

  it('reads the renewal deals the demo wrote as the outcomes its hidden truth holds', async () => {
    const { fixture, handlers } = demoPortal(40, 11)
    server.use(...handlers)
    const { truth } = await import('../../src/demo/index.ts').then((demo) =>
      demo.generateDemoPortal({ companies: 40, seed: 11 }),
    )
    const companies = companiesOf(await collect({ engagementTypes: [] }))
    expect(companies).toHaveLength(40)
    let churned = 0
    for (const { company, deals, outcomes } of companies) {
      expect(outcomes).toEqual(dealOutcomes(company.companyId, deals!, dealRule))
      const known = truth.find((t) => t.companyId === company.companyId)!
      const expected = known.renewals
        .filter((renewal) => renewal.observed)
        .map((renewal) => (renewal.churned ? 'churned' : 'renewed'))
      expect(
        outcomes!.map((o) => o.kind),
        company.companyId,
      ).toEqual(expected)
      for (const outcome of outcomes!)
        expect(outcome.at).toBeLessThanOrEqual(Date.parse(fixture.asOf))
      churned += outcomes!.filter((o) => o.kind === 'churned').length
    }
    // The demo's portal has both kinds, so the comparison above means something.
    expect(churned).toBeGreaterThan(0)
    expect(
      companies.some(({ deals }) => deals!.some((d) => d.properties.dealtype === 'newbusiness')),
    ).toBe(true)
  })

  it('returns deals as null when the token may not read them, and still gathers the rest', async () => {
    const demo = demoPortal(8, 7)
    demo.emulator.addPrivateAppToken(
      'no-deals',
      ALL_SCOPES.filter((scope) => scope !== 'crm.objects.deals.read'),
    )
    server.use(...demo.handlers)
    const pages: HistoryPage[] = []
    for await (const page of gatherHistory(connect({ token: 'no-deals' }), { model }))
      pages.push(page)
    expect(pages.at(-1)!.unreadable).toEqual(['deals'])
    expect(pages.flatMap((page) => page.failures)).toEqual([])
    const companies = companiesOf(pages)
    expect(companies).toHaveLength(8)
    expect(companies.every(({ deals }) => deals === null)).toBe(true)
    expect(companies.some(({ company }) => company.tickets!.length > 0)).toBe(true)
  })

  it('reads churn from a company property when the rule says so, and no deals', async () => {
    const { emulator } = createTestPortal({
      fixture: emptyFixture({
        companies: [
          { id: '1', properties: { name: 'Gone', churned: 'true', churned_on: '2026-06-01' } },
          { id: '2', properties: { name: 'Stays', churned: 'false' } },
        ],
        deals: [
          {
            id: '9',
            companyIds: ['2'],
            properties: {
              dealtype: 'existingbusiness',
              dealstage: 'closedlost',
              closedate: '2026-05-01',
            },
          },
        ],
      }),
      rateLimits: false,
    })
    server.use(...emulator.handlers)
    const rule = parseOutcomeRule({
      source: 'property',
      churnProperty: 'churned',
      dateProperty: 'churned_on',
    })
    const companies = companiesOf(await collect({ outcomes: rule }))
    expect(companies.map((c) => [c.company.companyId, c.deals, c.outcomes])).toEqual([
      ['1', null, [{ companyId: '1', kind: 'churned', at: Date.parse('2026-06-01') }]],
      ['2', null, []],
    ])
    expect(callsTo(emulator, 'POST /crm/v4/associations/companies/deals/batch/read')).toBe(0)
  })

  it('resumes from a page cursor with the same companies as one run', async () => {
    const demo = demoPortal(12, 7)
    server.use(...demo.handlers)
    const pages = await collect({ pageSize: 5, windowSize: 5 })
    expect(pages.map((page) => page.companies.length)).toEqual([5, 5, 2])
    const resumed = await collect({ pageSize: 5, windowSize: 5, after: pages[0]!.cursor! })
    expect(companiesOf(resumed)).toEqual(companiesOf(pages.slice(1)))
    const ids = companiesOf(pages).map((c) => c.company.companyId)
    const byIds = await collect({ companyIds: ids.slice(3, 9), pageSize: 4 })
    expect(byIds.map((page) => page.cursor)).toEqual(['4', null])
    expect(companiesOf(byIds)).toEqual(companiesOf(pages).slice(3, 9))
  })

  it('refuses a page bigger than the history limit with one line', async () => {
    await expect(collect({ pageSize: 51 })).rejects.toThrow(
      'pageSize must be an integer from 1 to 50 with history, got 51',
    )
  })
})
