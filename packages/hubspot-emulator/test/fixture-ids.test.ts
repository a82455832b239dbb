/**
 * Fixture ids as HubSpot has them: digits, unique per type, exact past 2^53, and associations only
 * to companies that exist. Whatever HubSpot could never hold is refused with the type and id named.
 */
import { FilterOperatorEnum } from '@hubspot/api-client/lib/codegen/crm/companies/index.js'
import { expect, it, onTestFinished } from 'vitest'

import {
  createPortalStore,
  emptyFixture,
  type Fixture,
  type FixtureRecord,
  parseFixture,
} from '../src/index.ts'
import { createTestPortal } from '../src/testing/index.ts'
import { createClient, TOKEN } from './support.ts'

const AS_OF = '2026-11-01T00:00:00.000Z'

/** 2^53 and 2^53 + 1: one JavaScript number, two HubSpot ids. */
const TWO_53 = '9007199254740992'
const TWO_53_PLUS_1 = '9007199254740993'

function fixtureOf(parts: Partial<Fixture>): Fixture {
  return { ...emptyFixture(1, AS_OF), ...parts }
}

const company = (id: string, name = `company ${id}`) => ({ id, properties: { name } })
const ticket = (id: string, companyIds: string[]): FixtureRecord => ({
  id,
  properties: { subject: `ticket ${id}` },
  companyIds,
})

/** The one problem line `parseFixture` reports for `input`. */
function problemOf(input: unknown): string {
  try {
    parseFixture(input)
  } catch (error) {
    return (error as Error).message.replace(/^Invalid fixture:\n\s*/, '')
  }
  throw new Error('the fixture was accepted')
}

it('refuses an id used twice within one type, naming both places', () => {
  const companies = [company('101'), company('102'), company('103'), company('101')]
  expect(problemOf({ portalId: 1, asOf: AS_OF, companies })).toBe(
    'companies[3].id: "101" is used twice (also companies[0])',
  )
  const tickets = [ticket('9001', ['101']), ticket('9001', ['102'])]
  expect(problemOf({ portalId: 1, asOf: AS_OF, companies: companies.slice(0, 2), tickets })).toBe(
    'tickets[1].id: "9001" is used twice (also tickets[0])',
  )
})

it('reports the first five problems of a fixture with many, and how many more', () => {
  const companies = Array.from({ length: 8 }, () => company('101'))
  const problems = problemOf({ portalId: 1, asOf: AS_OF, companies }).split(/\n\s*/)
  expect(problems).toHaveLength(6)
  expect(problems[0]).toBe('companies[1].id: "101" is used twice (also companies[0])')
  expect(problems[5]).toBe('and 2 more problems')
})

it('accepts one id in two types: ids are unique per object type, as in HubSpot', () => {
  const fixture = parseFixture({
    portalId: 1,
    asOf: AS_OF,
    companies: [company('101')],
    tickets: [ticket('101', ['101'])],
  })
  expect(createPortalStore(fixture).counts()).toMatchObject({ companies: 1, tickets: 1 })
})

it.each([
  ['0', 'must be a HubSpot id'],
  ['007', 'must be a HubSpot id'],
  ['-5', 'must be a HubSpot id'],
  ['1e3', 'must be a HubSpot id'],
  ['9223372036854775808', 'must be a HubSpot id'],
  [Number(TWO_53_PLUS_1), 'past 2^53 a JSON number is not exact'],
  [1.5, 'past 2^53 a JSON number is not exact'],
])('refuses the company id %j', (id, message) => {
  const problem = problemOf({ portalId: 1, asOf: AS_OF, companies: [{ id }] })
  expect(problem.startsWith('companies[0].id: ')).toBe(true)
  expect(problem).toContain(message)
})

it('refuses an association to a company the fixture does not have', () => {
  const input = {
    portalId: 1,
    asOf: AS_OF,
    companies: [company('101')],
    calls: [ticket('5001', ['101', '999'])],
  }
  expect(problemOf(input)).toBe('calls[0].companyIds[1]: company "999" is not in the fixture')
})

it('refuses in the store too what a fixture built in code could still hold', () => {
  const duplicate = fixtureOf({ companies: [company('102'), company('101'), company('102')] })
  expect(() => createPortalStore(duplicate)).toThrow('fixture: companies id "102" is used twice')
  const inOrder = fixtureOf({ companies: [company('101'), company('101')] })
  expect(() => createPortalStore(inOrder)).toThrow('fixture: companies id "101" is used twice')
  const dangling = fixtureOf({ companies: [company('101')], tickets: [ticket('9001', ['404'])] })
  expect(() => createPortalStore(dangling)).toThrow(
    'fixture: tickets id "9001" names company "404", which the fixture does not have',
  )
  const notAnId = fixtureOf({ companies: [company('1e3')] })
  expect(() => createPortalStore(notAnId)).toThrow('fixture: companies id "1e3" is not an id')
})

it('refuses the same in a streamed portal, which never goes through parseFixture', () => {
  const streamed = (
    bundles: { company: ReturnType<typeof company>; tickets?: FixtureRecord[] }[],
  ) => createPortalStore({ portalId: 1, asOf: AS_OF, bundles: () => bundles })
  expect(() => streamed([{ company: company('7') }, { company: company('7') }])).toThrow(
    'fixture: companies id "7" is used twice',
  )
  expect(() =>
    streamed([{ company: company('7'), tickets: [ticket('1', ['7']), ticket('1', ['7'])] }]),
  ).toThrow('fixture: tickets id "1" is used twice')
  expect(() => streamed([{ company: company('7'), tickets: [ticket('1', ['8'])] }])).toThrow(
    'fixture: tickets id "1" names company "8", which the fixture does not have',
  )
})

it('keeps ids past 2^53 apart, in order and exact on the wire', async () => {
  const fixture = parseFixture({
    portalId: 1,
    asOf: AS_OF,
    companies: [
      company(TWO_53_PLUS_1, 'plus one'),
      company('101', 'small'),
      company(TWO_53, 'two to the 53'),
      company('9223372036854775807', 'largest'),
    ],
    tickets: [ticket(TWO_53_PLUS_1, [TWO_53_PLUS_1]), ticket(TWO_53, [TWO_53])],
  })
  const portal = createTestPortal({ fixture })
  onTestFinished(portal.listen())
  const client = createClient(portal.basePath)

  const one = await client.crm.companies.basicApi.getById(TWO_53_PLUS_1, ['name'])
  expect([one.id, one.properties.name]).toEqual([TWO_53_PLUS_1, 'plus one'])
  const other = await client.crm.companies.basicApi.getById(TWO_53, ['name'])
  expect([other.id, other.properties.name]).toEqual([TWO_53, 'two to the 53'])

  const ids: string[] = []
  let after: string | undefined
  do {
    const page = await client.crm.companies.basicApi.getPage(1, after)
    ids.push(...page.results.map((r) => r.id))
    after = page.paging?.next?.after
  } while (after)
  expect(ids).toEqual(['101', TWO_53, TWO_53_PLUS_1, '9223372036854775807'])

  // The v4 batch read sends `toObjectId` as a number: its digits must be the id's, not 2^53's.
  const response = await fetch(
    `${portal.basePath}/crm/v4/associations/companies/tickets/batch/read`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ inputs: [{ id: TWO_53_PLUS_1 }, { id: TWO_53 }] }),
    },
  )
  const text = await response.text()
  expect(text).toContain(`"toObjectId":${TWO_53_PLUS_1},`)
  expect(text).toContain(`"toObjectId":${TWO_53},`)

  const search = (operator: FilterOperatorEnum, value: string) =>
    client.crm.companies.searchApi.doSearch({
      filterGroups: [{ filters: [{ propertyName: 'hs_object_id', operator, value }] }],
      sorts: ['-hs_object_id'],
    })
  const equal = await search(FilterOperatorEnum.Eq, TWO_53_PLUS_1)
  expect(equal.results.map((r) => r.id)).toEqual([TWO_53_PLUS_1])
  const above = await search(FilterOperatorEnum.Gt, TWO_53)
  expect(above.results.map((r) => r.id)).toEqual(['9223372036854775807', TWO_53_PLUS_1])

  const created = await client.crm.tickets.basicApi.create({
    properties: { subject: 'new', hs_pipeline: '0', hs_pipeline_stage: '1' },
  })
  expect(created.id).toBe('9007199254740994')
})

it.each([1e9, 100_001, -1, 1.5, Number.NaN])(
  'refuses a generated test portal of %d companies at once, before building it',
  (companies) => {
    expect(() => createTestPortal({ companies })).toThrow(
      `test portal: companies must be a whole number from 0 to 100000, got ${companies}`,
    )
  },
)
