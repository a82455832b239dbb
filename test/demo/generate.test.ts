import type { FixtureRecord } from '@health-score/hubspot-emulator'
import { describe, expect, it } from 'vitest'

import { generateDemoPortal, iterateDemoPortal } from '../../src/demo/index.ts'

const { fixture, truth } = generateDemoPortal()
const asOf = Date.parse(fixture.asOf)
const ENGAGEMENTS = ['calls', 'emails', 'meetings', 'notes', 'tasks'] as const
const allRecords = (): FixtureRecord[] => [
  ...fixture.companies,
  ...fixture.tickets,
  ...fixture.deals,
  ...ENGAGEMENTS.flatMap((type) => fixture[type]),
]

describe(generateDemoPortal, () => {
  it('gives byte-identical JSON for the same seed', () => {
    const a = JSON.stringify(generateDemoPortal({ companies: 150, seed: 42 }))
    const b = JSON.stringify(generateDemoPortal({ companies: 150, seed: 42 }))
    expect(a).toBe(b)
  })

  it('gives a different portal for a different seed', () => {
    const a = generateDemoPortal({ companies: 50, seed: 1 }).fixture
    const b = generateDemoPortal({ companies: 50, seed: 2 }).fixture
    expect(a.companies.map((c) => c.properties.name)).not.toEqual(
      b.companies.map((c) => c.properties.name),
    )
  })

  it('makes 2,000 companies by default, with about 60/30/10 SMB/mid-market/enterprise', () => {
    expect(fixture.companies).toHaveLength(2000)
    expect(truth).toHaveLength(2000)
    const share = (segment: string) => truth.filter((t) => t.segment === segment).length / 2000
    expect(share('smb')).toBeCloseTo(0.6, 1)
    expect(share('mid_market')).toBeCloseTo(0.3, 1)
    expect(share('enterprise')).toBeCloseTo(0.1, 1)
  })

  it('orders segments by annual revenue', () => {
    const revenue = (segment: string) =>
      fixture.companies
        .filter((_, i) => truth[i]?.segment === segment)
        .map((c) => Number(c.properties.annualrevenue))
    expect(Math.max(...revenue('smb'))).toBeLessThanOrEqual(Math.min(...revenue('mid_market')))
    expect(Math.max(...revenue('mid_market'))).toBeLessThanOrEqual(
      Math.min(...revenue('enterprise')),
    )
  })

  it('keeps volumes moderate: 60–200 engagements and 3–20 tickets per company', () => {
    const engagements = ENGAGEMENTS.reduce((sum, type) => sum + fixture[type].length, 0)
    expect(engagements / 2000).toBeGreaterThan(60)
    expect(engagements / 2000).toBeLessThan(200)
    expect(fixture.tickets.length / 2000).toBeGreaterThan(3)
    expect(fixture.tickets.length / 2000).toBeLessThan(20)
    for (const type of ENGAGEMENTS) expect(fixture[type].length).toBeGreaterThan(2000)
  })

  it('makes enterprise accounts much busier than SMB ones', () => {
    const perCompany = new Map<string, number>()
    for (const type of ENGAGEMENTS) {
      for (const r of fixture[type]) {
        const id = r.companyIds?.[0] ?? ''
        perCompany.set(id, (perCompany.get(id) ?? 0) + 1)
      }
    }
    const mean = (segment: string) => {
      const ids = truth.filter((t) => t.segment === segment).map((t) => t.companyId)
      return ids.reduce((sum, id) => sum + (perCompany.get(id) ?? 0), 0) / ids.length
    }
    expect(mean('enterprise')).toBeGreaterThan(3 * mean('smb'))
  })

  it('writes every property value as a string or null', () => {
    const bad = allRecords().filter((record) =>
      Object.values(record.properties).some((value) => value !== null && typeof value !== 'string'),
    )
    expect(bad).toEqual([])
  })

  it('uses unique numeric-string ids across the portal', () => {
    const ids = allRecords().map((r) => r.id)
    expect(ids.every((id) => /^\d+$/.test(id))).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('associates every ticket, deal and engagement with an existing company', () => {
    const companyIds = new Set(fixture.companies.map((c) => c.id))
    const orphans = allRecords()
      .slice(fixture.companies.length)
      .filter((r) => r.companyIds?.length !== 1 || !companyIds.has(r.companyIds[0] ?? ''))
    expect(orphans).toEqual([])
  })

  it('dates nothing after asOf except scheduled meetings, tasks due and upcoming renewals', () => {
    const late: string[] = []
    const check = (id: string, value: string | null | undefined) => {
      if (value != null && Date.parse(value) > asOf) late.push(`${id}: ${value}`)
    }
    for (const c of fixture.companies) {
      check(c.id, c.properties.createdate)
      check(c.id, c.properties.hs_lastmodifieddate)
      for (const list of Object.values(c.propertyHistory ?? {})) {
        for (const entry of list) check(c.id, entry.timestamp)
      }
    }
    for (const { id, properties: p } of fixture.tickets) {
      for (const key of ['createdate', 'closed_date', 'hs_lastmodifieddate']) check(id, p[key])
    }
    for (const type of ENGAGEMENTS) {
      for (const { id, properties: p } of fixture[type]) {
        check(id, p.hs_lastmodifieddate)
        const planned =
          p.hs_meeting_outcome === 'SCHEDULED' ||
          (p.hs_task_status !== undefined && p.hs_task_status !== 'COMPLETED')
        if (!planned) check(id, p.hs_timestamp)
      }
    }
    for (const { id, properties: p } of fixture.deals) {
      check(id, p.createdate)
      if (p.dealstage?.startsWith('closed')) check(id, p.closedate)
    }
    expect(late).toEqual([])
  })

  it('spreads createdate over the past one to four years', () => {
    const ages = fixture.companies.map(
      (c) => (asOf - Date.parse(c.properties.createdate ?? '')) / 864e5,
    )
    expect(Math.min(...ages)).toBeGreaterThanOrEqual(365)
    expect(Math.max(...ages)).toBeLessThanOrEqual(4 * 365)
  })

  it('uses HubSpot values for ticket stages, priorities and categories', () => {
    const categories = ['PRODUCT_ISSUE', 'BILLING_ISSUE', 'FEATURE_REQUEST', 'GENERAL_INQUIRY']
    const wrong = fixture.tickets.filter(({ properties: p }) => {
      const closed = p.hs_pipeline_stage === '4'
      const elapsed = Date.parse(p.closed_date ?? '') - Date.parse(p.createdate ?? '')
      return (
        p.hs_pipeline !== '0' ||
        !['1', '2', '3', '4'].includes(p.hs_pipeline_stage ?? '') ||
        !['LOW', 'MEDIUM', 'HIGH', 'URGENT'].includes(p.hs_ticket_priority ?? '') ||
        !(p.hs_ticket_category ?? '').split(';').every((c) => categories.includes(c)) ||
        (p.closed_date !== null) !== closed ||
        (closed && Number(p.time_to_close) !== elapsed)
      )
    })
    expect(wrong).toEqual([])
    expect(fixture.tickets.some((t) => t.properties.hs_ticket_category?.includes(';'))).toBe(true)
  })

  it('writes renewal deals closed won and lost in the default pipeline, plus open upcoming ones', () => {
    const stages = new Set(fixture.deals.map((d) => d.properties.dealstage))
    expect(stages).toContain('closedwon')
    expect(stages).toContain('closedlost')
    expect(stages).toContain('contractsent')
    expect(fixture.deals.every((d) => d.properties.pipeline === 'default')).toBe(true)
  })

  it('yields the same companies one at a time as it builds at once', () => {
    const streamed = [...iterateDemoPortal({ companies: 40, seed: 9 })]
    const built = generateDemoPortal({ companies: 40, seed: 9 })
    expect(streamed.map((b) => b.company)).toEqual(built.fixture.companies)
    expect(streamed.flatMap((b) => b.emails)).toEqual(built.fixture.emails)
    expect(streamed.map((b) => b.truth)).toEqual(built.truth)
  })

  it('rejects out-of-range options', () => {
    expect(() => generateDemoPortal({ companies: -1 })).toThrow(/companies/)
    expect(() => generateDemoPortal({ asOf: 'yesterday' })).toThrow(/asOf/)
    expect(() => generateDemoPortal({ messyShare: 2 })).toThrow(/messyShare/)
  })
})
