import type { Fixture, FixtureRecord } from '@health-score/hubspot-emulator'

import type {
  CompanySnapshot,
  EngagementType,
  SnapshotEngagement,
  SnapshotRecord,
} from '../health/index.ts'

const ENGAGEMENT_KEYS = [
  ['calls', 'call'],
  ['emails', 'email'],
  ['meetings', 'meeting'],
  ['notes', 'note'],
  ['tasks', 'task'],
] as const satisfies readonly (readonly [keyof Fixture, EngagementType])[]

/**
 * Builds each company's snapshot straight from a fixture, as of `asOf` (the fixture's own moment by
 * default): what the portal pipeline gathers through the API, without the API.
 */
export function snapshotsFromFixture(
  fixture: Fixture,
  asOf = Date.parse(fixture.asOf),
): CompanySnapshot[] {
  const tickets = groupByCompany(fixture.tickets, (record) => record as SnapshotRecord)
  const engagements = new Map<string, SnapshotEngagement[]>()
  for (const [key, type] of ENGAGEMENT_KEYS) {
    for (const [companyId, list] of groupByCompany(fixture[key], (record) => ({
      ...record,
      type,
    }))) {
      const existing = engagements.get(companyId)
      if (existing) existing.push(...list)
      else engagements.set(companyId, list)
    }
  }
  return fixture.companies.map((company) => ({
    companyId: company.id,
    asOf,
    properties: company.properties,
    propertyHistory: company.propertyHistory,
    tickets: tickets.get(company.id) ?? [],
    engagements: engagements.get(company.id) ?? [],
  }))
}

function groupByCompany<T>(
  records: readonly FixtureRecord[],
  map: (record: FixtureRecord) => T,
): Map<string, T[]> {
  const byCompany = new Map<string, T[]>()
  for (const record of records) {
    for (const companyId of record.companyIds ?? []) {
      const list = byCompany.get(companyId)
      if (list) list.push(map(record))
      else byCompany.set(companyId, [map(record)])
    }
  }
  return byCompany
}
