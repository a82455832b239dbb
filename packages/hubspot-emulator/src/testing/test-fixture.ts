/** A small generated portal whose counts a test can predict. */
import { emptyFixture, type Fixture } from '../store/fixture.ts'
import type { PropertyCreate } from '../store/property-input.ts'

/** The moment the test portal describes. */
export const TEST_AS_OF = '2026-11-01T00:00:00.000Z'
export const TEST_PORTAL_ID = 12345

/** The test portal's two custom company properties (a number and a date), in their own group. */
export const TEST_COMPANY_PROPERTIES: readonly PropertyCreate[] = [
  {
    name: 'nps_score',
    label: 'NPS score',
    type: 'number',
    fieldType: 'number',
    groupName: 'testing',
  },
  {
    name: 'renewal_date',
    label: 'Renewal date',
    type: 'date',
    fieldType: 'date',
    groupName: 'testing',
  },
]

/** The most companies a generated test portal has: it is held whole in memory. */
export const MAX_TEST_COMPANIES = 100_000

/**
 * A portal with `companies` companies (ids 101, 102, …): company i is named `Company i`, has
 * `annualrevenue` 1000·i, `nps_score` i % 11, i % 3 tickets (ids from 9001) and one call (id
 * 50000 + i), so counts are predictable. `overrides` replace whole top-level keys.
 * @throws Error when `companies` is not a whole number from 0 to MAX_TEST_COMPANIES
 * @example buildTestFixture(3, { deals: [] })
 */
export function buildTestFixture(companies: number, overrides: Partial<Fixture> = {}): Fixture {
  if (!Number.isInteger(companies) || companies < 0 || companies > MAX_TEST_COMPANIES)
    throw new Error(
      `test portal: companies must be a whole number from 0 to ${MAX_TEST_COMPANIES}, got ${companies}`,
    )
  const fixture: Fixture = {
    ...emptyFixture(TEST_PORTAL_ID, TEST_AS_OF),
    propertyGroups: { companies: [{ name: 'testing', label: 'Test inputs', displayOrder: -1 }] },
    propertyDefinitions: { companies: TEST_COMPANY_PROPERTIES.map((def) => ({ ...def })) },
  }
  let ticketId = 9001
  for (let i = 0; i < companies; i++) {
    const id = String(101 + i)
    fixture.companies.push({
      id,
      properties: {
        name: `Company ${i}`,
        domain: `company${i}.example`,
        annualrevenue: String(1000 * i),
        nps_score: String(i % 11),
        createdate: '2025-01-01T00:00:00.000Z',
        renewal_date: '2026-12-01',
      },
    })
    for (let t = 0; t < i % 3; t++) {
      fixture.tickets.push({
        id: String(ticketId++),
        properties: {
          subject: `Ticket ${t} of ${id}`,
          hs_pipeline: '0',
          hs_pipeline_stage: String(1 + (t % 4)),
          createdate: '2026-10-01T00:00:00.000Z',
        },
        companyIds: [id],
      })
    }
    fixture.calls.push({
      id: String(50_000 + i),
      properties: {
        hs_timestamp: '2026-10-15T12:00:00.000Z',
        hs_call_direction: i % 2 ? 'INBOUND' : 'OUTBOUND',
      },
      companyIds: [id],
    })
  }
  return { ...fixture, ...overrides }
}
