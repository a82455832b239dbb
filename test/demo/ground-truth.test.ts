import { expect, it } from 'vitest'

import {
  churnsWithin,
  type CompanyTruth,
  generateDemoPortal,
  latentOnDate,
  monthGrid,
} from '../../src/demo/index.ts'

const { fixture, truth } = generateDemoPortal()
const byId = new Map(fixture.companies.map((c) => [c.id, c]))
const clean = truth.filter((t) => t.messyProperties.length === 0)

/** Rates of `outcome` in the bottom and top quartiles of `score`. */
function quartileRates<T>(items: T[], score: (x: T) => number, outcome: (x: T) => boolean) {
  const sorted = [...items].sort((a, b) => score(a) - score(b))
  const q = Math.floor(sorted.length / 4)
  const rate = (part: T[]) => part.filter(outcome).length / part.length
  return { bottom: rate(sorted.slice(0, q)), top: rate(sorted.slice(-q)) }
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
const lastSimulatedRenewal = (t: CompanyTruth) =>
  t.renewals.filter((r) => r.observed && r.latent !== null).at(-1)

it('loses far more renewals in the bottom latent quartile than in the top one', () => {
  const rows = truth.flatMap((t) => lastSimulatedRenewal(t) ?? [])
  const { bottom, top } = quartileRates(
    rows,
    (r) => r.latent ?? 0,
    (r) => r.churned,
  )
  expect(bottom).toBeGreaterThan(0.25)
  expect(bottom).toBeGreaterThanOrEqual(3 * Math.max(top, 0.01))
})

it('keeps overall yearly churn at a plausible SaaS level', () => {
  const churned = truth.filter((t) => t.churnedAt !== null).length / truth.length
  expect(churned).toBeGreaterThan(0.05)
  expect(churned).toBeLessThan(0.25)
})

it('gives low-latent companies lower NPS and usage on average', () => {
  const active = clean.filter((t) => t.churnedAt === null)
  const sorted = [...active].sort((a, b) => a.latentNow - b.latentNow)
  const q = Math.floor(sorted.length / 4)
  const nps = (ts: CompanyTruth[]) =>
    mean(ts.flatMap((t) => byId.get(t.companyId)?.properties.nps_score ?? []).map(Number))
  const usage = (ts: CompanyTruth[]) =>
    mean(
      ts.map((t) => {
        const p = byId.get(t.companyId)?.properties ?? {}
        return Number(p.product_active_users_30d) / Number(p.product_active_users_baseline)
      }),
    )
  expect(nps(sorted.slice(-q)) - nps(sorted.slice(0, q))).toBeGreaterThan(2)
  expect(usage(sorted.slice(-q)) / usage(sorted.slice(0, q))).toBeGreaterThan(1.5)
})

it('lets observable usage two months before a renewal predict its outcome', () => {
  const rows = clean.flatMap((t) => {
    const renewal = lastSimulatedRenewal(t)
    const history = byId.get(t.companyId)?.propertyHistory
    if (!renewal || !history) return []
    const cutoff = Date.parse(renewal.date) - 60 * 864e5
    const seen = history.product_active_users_30d?.find((e) => Date.parse(e.timestamp) <= cutoff)
    const baseline = Number(history.product_active_users_baseline?.[0]?.value)
    return seen ? [{ ratio: Number(seen.value) / baseline, churned: renewal.churned }] : []
  })
  const { bottom, top } = quartileRates(
    rows,
    (r) => r.ratio,
    (r) => r.churned,
  )
  expect(rows.length).toBeGreaterThan(1000)
  expect(bottom).toBeGreaterThanOrEqual(3 * Math.max(top, 0.01))
})

it('stops activity and usage after a customer leaves', () => {
  const gone = truth.filter((t) => t.churnedAt !== null)
  expect(gone.length).toBeGreaterThan(50)
  const lastEmail = new Map<string, number>()
  for (const e of fixture.emails) {
    const id = e.companyIds?.[0] ?? ''
    lastEmail.set(id, Math.max(lastEmail.get(id) ?? 0, Date.parse(e.properties.hs_timestamp ?? '')))
  }
  for (const t of gone) {
    expect(lastEmail.get(t.companyId) ?? 0).toBeLessThan(Date.parse(t.churnedAt ?? ''))
    expect(byId.get(t.companyId)?.properties.lifecyclestage).toBe('other')
  }
})

it('puts messy human-typed values in a small share of companies', () => {
  const messy = truth.filter((t) => t.messyProperties.length > 0)
  expect(messy.length / truth.length).toBeGreaterThan(0.01)
  expect(messy.length / truth.length).toBeLessThan(0.05)
  const tidy = (property: string, value: string) => {
    if (property === 'renewal_date') return /^\d{4}-\d\d-\d\d$/.test(value)
    if (property === 'notes_last_contacted') return Date.parse(value) <= Date.parse(fixture.asOf)
    const max = property === 'nps_score' ? 10 : property === 'csat_score' ? 5 : Infinity
    return /^\d+$/.test(value) && Number(value) <= max
  }
  for (const t of messy) {
    const company = byId.get(t.companyId)
    for (const property of t.messyProperties) {
      const value = company?.properties[property] ?? ''
      expect(tidy(property, value), `${property}: ${value}`).toBe(false)
      expect(company?.propertyHistory?.[property]?.[0]?.value ?? value).toBe(value)
    }
  }
  const values = new Set(
    messy.flatMap((t) => t.messyProperties.map((p) => byId.get(t.companyId)?.properties[p])),
  )
  expect([...values].some((v) => v === 'N/A' || v === '' || v === 'unknown')).toBe(true)
})

it('keeps every clean current value equal to its newest history entry', () => {
  const drift = fixture.companies.flatMap((c) =>
    Object.entries(c.propertyHistory ?? {})
      .filter(([name, list]) => list[0]?.value !== c.properties[name])
      .map(([name]) => `${c.id}.${name}`),
  )
  expect(drift).toEqual([])
})

it('serves history newest first, with about monthly usage points', () => {
  const history = fixture.companies[0]?.propertyHistory?.product_active_users_30d ?? []
  expect(history.length).toBeGreaterThanOrEqual(12)
  const times = history.map((e) => Date.parse(e.timestamp))
  expect(times).toEqual([...times].sort((a, b) => b - a))
})

it('never lets the latent truth into the fixture', () => {
  const text = JSON.stringify(fixture.companies.slice(0, 200))
  expect(/"[^"]*(latent|truth|churn)[^"]*":/i.test(text)).toBe(false)
  const names = new Set(fixture.companies.flatMap((c) => Object.keys(c.properties)))
  expect([...names].filter((n) => /latent|truth|churn|segment/i.test(n))).toEqual([])
})

it('exports monthly latent points ending at asOf, readable at any date', () => {
  const t = truth[0] as CompanyTruth
  expect(t.latentByMonth).toHaveLength(13)
  expect(t.latentByMonth.at(-1)).toBe(t.latentNow)
  expect(t.latentByMonth.every((h) => h >= 0 && h <= 1)).toBe(true)
  const grid = monthGrid(fixture.asOf)
  expect(grid.at(-1)).toBe(fixture.asOf)
  expect(latentOnDate(t, grid[3] ?? '', fixture.asOf)).toBeCloseTo(t.latentByMonth[3] ?? -1, 10)
})

it('answers churnsWithin from renewals on either side of asOf', () => {
  const t = truth.find((x) => x.churnedAt !== null) as CompanyTruth
  const dayBefore = new Date(Date.parse(t.churnedAt ?? '') - 864e5).toISOString()
  expect(churnsWithin(t, dayBefore, 2)).toBe(true)
  expect(churnsWithin(t, t.churnedAt ?? '', 30)).toBe(false)
  const future = truth.find((x) => x.renewals.some((r) => !r.observed && r.churned))
  expect(future && churnsWithin(future, fixture.asOf, 366)).toBe(true)
})
