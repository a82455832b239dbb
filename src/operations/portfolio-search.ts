/**
 * @module The CRM searches the portfolio view makes on the app's company properties: one page of
 * one query, on the connection's search lane (5/s), counted like every other call.
 */
import { type TierId, TIERS } from '../health/index.ts'
import type { HubSpotConnection } from '../hubspot/index.ts'
import type { PortfolioAccount } from './portfolio-types.ts'

/** The transition properties (DESIGN.md, "Properties written") the newly-red list reads. */
export const TIER_CHANGED_AT = 'health_tier_changed_at'

/** What a portfolio list reads of each account. */
export const ACCOUNT_PROPERTIES = [
  'name',
  'health_score',
  'health_tier',
  'health_score_change_30d',
  TIER_CHANGED_AT,
] as const

/** One filter, as HubSpot's search takes it. */
export interface SearchFilter {
  readonly propertyName: string
  readonly operator: 'EQ' | 'IN' | 'LT' | 'GTE' | 'HAS_PROPERTY'
  readonly value?: string
  readonly values?: readonly string[]
}

/** One page of one company search: its filters ANDed, one sort. */
export interface CompanySearch {
  readonly filters: readonly SearchFilter[]
  readonly sort: { readonly propertyName: string; readonly direction: 'ASCENDING' | 'DESCENDING' }
  readonly properties: readonly string[]
  /** 1–200. */
  readonly limit: number
}

/** What HubSpot answers: every match counted in `total`, the first `limit` of them listed. */
export interface CompanyPage {
  readonly total: number
  readonly results: readonly {
    readonly id: string
    readonly properties: Readonly<Record<string, string | null>>
  }[]
}

/**
 * Runs one search page over companies.
 * @throws HubSpotApiError when HubSpot refuses it (400 for a property the portal lacks)
 * @example
 * const page = await searchCompanies(connection, {
 *   filters: [{ propertyName: 'health_tier', operator: 'EQ', value: 'healthy' }],
 *   sort: { propertyName: 'name', direction: 'ASCENDING' }, properties: ['name'], limit: 1,
 * })
 * page.total // the healthy accounts
 */
export async function searchCompanies(
  connection: HubSpotConnection,
  search: CompanySearch,
): Promise<CompanyPage> {
  const { searchApi } = connection.client.crm.companies
  // @note The client types `operator` and `sorts` narrowly (a TS enum, strings); the wire takes these.
  const request = {
    filterGroups: [{ filters: search.filters.map((filter) => ({ ...filter })) }],
    sorts: [{ ...search.sort }],
    properties: [...search.properties],
    limit: search.limit,
    after: '0',
  } as unknown as Parameters<typeof searchApi.doSearch>[0]
  const page = await connection.call(
    'POST /crm/v3/objects/companies/search',
    () => searchApi.doSearch(request),
    { search: true },
  )
  return { total: page.total, results: page.results }
}

/**
 * One search result as a portfolio list shows it.
 * @example toAccount({ id: '101', properties: { name: 'Acme', health_score: '41' } }).score // 41
 */
export function toAccount(record: CompanyPage['results'][number]): PortfolioAccount {
  const { properties: p } = record
  const tier = p.health_tier
  const changedAt = p[TIER_CHANGED_AT] ? Date.parse(p[TIER_CHANGED_AT]) : Number.NaN
  return {
    companyId: record.id,
    name: p.name?.trim() || `Company ${record.id}`,
    score: numberOf(p.health_score),
    tier: TIERS.includes(tier as TierId) ? (tier as TierId) : null,
    change30d: numberOf(p.health_score_change_30d),
    tierChangedAt: Number.isNaN(changedAt) ? null : new Date(changedAt).toISOString(),
  }
}

function numberOf(raw: string | null | undefined): number | null {
  if (raw === null || raw === undefined || raw.trim() === '') return null
  const value = Number(raw)
  return Number.isFinite(value) ? value : null
}
