import type { PublicObjectSearchRequest } from '@hubspot/api-client/lib/codegen/crm/companies/index.js'
import { expect, it } from 'vitest'

import { BASE_PATH, createClient, openPortal, readJson, TOKEN } from './support.ts'

type Filter = {
  propertyName: string
  operator: string
  value?: string
  highValue?: string
  values?: string[]
}

function search(body: object): Promise<Response> {
  return fetch(`${BASE_PATH}/crm/v3/objects/companies/search`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

async function ids(filterGroups: { filters: Filter[] }[], extra: object = {}): Promise<string[]> {
  const response = await search({ filterGroups, limit: 200, ...extra })
  expect(response.status).toBe(200)
  return (await readJson(response)).results.map((r: { id: string }) => r.id)
}

it('applies every operator with the property type', async () => {
  const { clock } = openPortal(12)
  const one = (filter: Filter) => {
    clock.advance(1000)
    return ids([{ filters: [filter] }])
  }
  expect(await one({ propertyName: 'nps_score', operator: 'EQ', value: '3' })).toEqual(['104'])
  expect(await one({ propertyName: 'nps_score', operator: 'GT', value: '9' })).toEqual(['111'])
  expect(await one({ propertyName: 'nps_score', operator: 'GTE', value: '9' })).toEqual([
    '110',
    '111',
  ])
  expect(await one({ propertyName: 'nps_score', operator: 'LT', value: '1' })).toEqual([
    '101',
    '112',
  ])
  expect(await one({ propertyName: 'nps_score', operator: 'LTE', value: '1' })).toEqual([
    '101',
    '102',
    '112',
  ])
  expect(
    await one({
      propertyName: 'annualrevenue',
      operator: 'BETWEEN',
      value: '2000',
      highValue: '4000',
    }),
  ).toEqual(['103', '104', '105'])
  expect(
    await one({ propertyName: 'name', operator: 'IN', values: ['company 1', 'Company 2'] }),
  ).toEqual(['102', '103'])
  expect(
    await one({ propertyName: 'name', operator: 'NOT_IN', values: ['Company 1'] }),
  ).toHaveLength(11)
  expect(await one({ propertyName: 'name', operator: 'NEQ', value: 'company 0' })).toHaveLength(11)
  expect(await one({ propertyName: 'description', operator: 'HAS_PROPERTY' })).toEqual([])
  expect(await one({ propertyName: 'description', operator: 'NOT_HAS_PROPERTY' })).toHaveLength(12)
  expect(
    await one({ propertyName: 'domain', operator: 'CONTAINS_TOKEN', value: 'company1*' }),
  ).toEqual(['102', '111', '112'])
  expect(
    await one({ propertyName: 'name', operator: 'NOT_CONTAINS_TOKEN', value: '1' }),
  ).toHaveLength(11)
  expect(
    await one({
      propertyName: 'createdate',
      operator: 'GTE',
      value: String(Date.parse('2025-01-01')),
    }),
  ).toHaveLength(12)
})

it('ANDs filters within a group and ORs the groups', async () => {
  openPortal(12)
  const found = await ids([
    {
      filters: [
        { propertyName: 'nps_score', operator: 'GTE', value: '5' },
        { propertyName: 'nps_score', operator: 'LTE', value: '6' },
      ],
    },
    { filters: [{ propertyName: 'name', operator: 'EQ', value: 'Company 0' }] },
  ])
  expect(found).toEqual(['101', '106', '107'])
})

it('sorts by string or object form, descending and ascending', async () => {
  const { clock } = openPortal(5)
  expect(await ids([], { sorts: ['-annualrevenue'] })).toEqual(['105', '104', '103', '102', '101'])
  clock.advance(1000)
  expect(
    await ids([], { sorts: [{ propertyName: 'annualrevenue', direction: 'DESCENDING' }] }),
  ).toEqual(['105', '104', '103', '102', '101'])
  clock.advance(1000)
  expect(await ids([], { sorts: ['nps_score'] })).toEqual(['101', '102', '103', '104', '105'])
})

it('pages with a numeric after and reports the total, through the client', async () => {
  const { clock } = openPortal(25)
  const client = createClient()
  const request: PublicObjectSearchRequest = {
    filterGroups: [],
    sorts: [],
    properties: ['name'],
    limit: 10,
    after: '0',
  }
  const seen: string[] = []
  for (let after: string | undefined = '0'; after !== undefined; clock.advance(1000)) {
    const page = await client.crm.companies.searchApi.doSearch({ ...request, after })
    expect(page.total).toBe(25)
    seen.push(...page.results.map((r) => r.id))
    after = page.paging?.next?.after
  }
  expect(seen).toHaveLength(25)
  expect(new Set(seen).size).toBe(25)
})

async function pageToTheEnd(count: number): Promise<{ fetched: number; status: number }> {
  const { clock } = openPortal(count)
  let fetched = 0
  let after: string | undefined = '0'
  while (after !== undefined) {
    clock.advance(1000)
    const response = await search({ limit: 200, after, properties: ['name'] })
    if (response.status !== 200) return { fetched, status: response.status }
    const page: { results: unknown[]; paging?: { next: { after: string } } } =
      await readJson(response)
    fetched += page.results.length
    after = page.paging?.next.after
  }
  return { fetched, status: 200 }
}

it('serves all 10,000 results of a search', async () => {
  expect(await pageToTheEnd(10_000)).toEqual({ fetched: 10_000, status: 200 })
})

it('answers 400 when paging past 10,000 results', async () => {
  expect(await pageToTheEnd(10_001)).toEqual({ fetched: 10_000, status: 400 })
})

it('rejects a page size above 200 and too many filters', async () => {
  const { clock } = openPortal(1)
  expect((await search({ limit: 201 })).status).toBe(400)
  const filter = { propertyName: 'name', operator: 'HAS_PROPERTY' }
  clock.advance(1000)
  expect(
    (await search({ filterGroups: Array.from({ length: 6 }, () => ({ filters: [filter] })) }))
      .status,
  ).toBe(400)
  clock.advance(1000)
  expect(
    (await search({ filterGroups: [{ filters: Array.from({ length: 11 }, () => filter) }] }))
      .status,
  ).toBe(400)
  clock.advance(1000)
  const fiveByFive = Array.from({ length: 5 }, () => ({
    filters: Array.from({ length: 5 }, () => filter),
  }))
  expect((await search({ filterGroups: fiveByFive })).status).toBe(200)
  clock.advance(1000)
  const fiveBySix = Array.from({ length: 5 }, () => ({
    filters: Array.from({ length: 6 }, () => filter),
  }))
  expect((await search({ filterGroups: fiveBySix })).status).toBe(400)
})

it('allows 5 searches per second, answers the 6th with the SECONDLY 429, and sends no rate-limit headers', async () => {
  const { clock } = openPortal(1)
  for (let i = 0; i < 5; i++) {
    const ok = await search({})
    expect(ok.status).toBe(200)
    expect([...ok.headers.keys()].filter((h) => h.startsWith('x-hubspot-ratelimit'))).toEqual([])
  }
  const limited = await search({})
  expect(limited.status).toBe(429)
  expect(await readJson(limited)).toMatchObject({
    message: 'You have reached your secondly limit.',
    policyName: 'SECONDLY',
    errorType: 'RATE_LIMIT',
  })
  clock.advance(1000)
  expect((await search({})).status).toBe(200)
})
