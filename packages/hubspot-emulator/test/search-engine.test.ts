import { expect, it } from 'vitest'

import { createPortalStore } from '../src/store/portal-store.ts'
import { compileSearch, type SearchFilter, type SearchSort } from '../src/store/search-engine.ts'
import { buildTestFixture, TEST_AS_OF } from '../src/testing/index.ts'

// Companies 101…112: `Company i`, nps_score i % 11 (a declared number), annualrevenue 1000·i.
const store = createPortalStore(buildTestFixture(12), { now: () => Date.parse(TEST_AS_OF) })
const companies = store.table('companies')

function search(request: {
  filterGroups?: SearchFilter[][]
  sorts?: SearchSort[]
  query?: string
}) {
  const compiled = compileSearch(companies, store.properties, {
    filterGroups: request.filterGroups ?? [],
    sorts: request.sorts ?? [],
    query: request.query,
  })
  if (!compiled.ok) throw new Error(compiled.message)
  return compiled.run().map((row) => companies.idOf(row))
}

const where = (...filters: SearchFilter[]) => search({ filterGroups: [filters] })

it('compares numbers as numbers, not as strings', () => {
  expect(where({ propertyName: 'nps_score', operator: 'GT', value: '9' })).toEqual(['111'])
  expect(where({ propertyName: 'annualrevenue', operator: 'LT', value: '2000' })).toEqual([
    '101',
    '102',
  ])
})

it('compares dates by time, whatever form the value takes', () => {
  const iso = where({ propertyName: 'renewal_date', operator: 'EQ', value: '2026-12-01' })
  const ms = where({
    propertyName: 'renewal_date',
    operator: 'EQ',
    value: String(Date.parse('2026-12-01')),
  })
  expect(iso).toHaveLength(12)
  expect(ms).toEqual(iso)
})

it('matches strings case-insensitively and tokens with a trailing wildcard', () => {
  expect(where({ propertyName: 'name', operator: 'EQ', value: 'COMPANY 3' })).toEqual(['104'])
  expect(where({ propertyName: 'domain', operator: 'CONTAINS_TOKEN', value: 'company1*' })).toEqual(
    ['102', '111', '112'],
  )
})

it('ANDs the filters of a group and ORs the groups', () => {
  const low = { propertyName: 'nps_score', operator: 'LTE', value: '1' } as const
  const rich = { propertyName: 'annualrevenue', operator: 'GTE', value: '11000' } as const
  expect(where(low, rich)).toEqual(['112'])
  expect(search({ filterGroups: [[low], [rich]] })).toEqual(['101', '102', '112'])
})

it('narrows by a free-text query over the searchable properties', () => {
  expect(search({ query: 'company11' })).toEqual(['112'])
})

it('sorts by several keys, ties broken by id, with empty values last', () => {
  const byScore = search({
    sorts: [
      { propertyName: 'nps_score', direction: 'DESCENDING' },
      { propertyName: 'annualrevenue', direction: 'ASCENDING' },
    ],
  })
  expect(byScore.slice(0, 3)).toEqual(['111', '110', '109'])
  expect(byScore.slice(-2)).toEqual(['101', '112'])
  expect(
    search({ sorts: [{ propertyName: 'description', direction: 'ASCENDING' }] }).slice(0, 2),
  ).toEqual(['101', '102'])
})

it('refuses unknown properties and filters missing their value', () => {
  const compile = (filter: SearchFilter) =>
    compileSearch(companies, store.properties, { filterGroups: [[filter]], sorts: [] })
  expect(compile({ propertyName: 'nope', operator: 'EQ', value: '1' })).toEqual({
    ok: false,
    message: 'Property "nope" does not exist on companies',
  })
  expect(compile({ propertyName: 'nps_score', operator: 'IN' })).toMatchObject({ ok: false })
  expect(compile({ propertyName: 'nps_score', operator: 'GT', value: 'high' })).toEqual({
    ok: false,
    message: `Filter GT on "nps_score": 'high' is not a valid number`,
  })
})
