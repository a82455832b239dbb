/**
 * @module Gather: every company of a portal (or a given list) as engine snapshots, streamed page by
 * page at the fewest calls HubSpot's batch endpoints allow.
 *
 * Per window of up to 1,000 companies:
 * - companies: the list endpoint with `propertiesWithHistory` (50 a call: properties and score
 *   history together), or batch reads (50 a call) for given ids;
 * - associations: one v4 batch call per type for the whole window (≤ 1,000 inputs);
 * - tickets and engagements: batch reads of 100, filled across the window, each record read once
 *   however many companies share it, with only the properties the signals read.
 * Memory is bounded by the window, never by the portal.
 */
import type { CompanySnapshot } from '../health/index.ts'
import { type CompanyPage, type CompanyReadPlan, companyWindows } from './company-pages.ts'
import type { HubSpotConnection } from './connection.ts'
import {
  companyProperties,
  historyProperties,
  LIMITS,
  SIGNAL_ENGAGEMENT_TYPES,
} from './gather-plan.ts'
import type {
  GatheredCompany,
  GatherFailure,
  GatherOptions,
  GatherPage,
  UnreadableSource,
} from './gather-types.ts'
import { type Readability, readWindowRecords, type WindowRecords } from './gather-window.ts'

/**
 * Companies gathered together by default. A window's records are held until it is scored: 250
 * keeps a run under ~270 MB RSS on a busy portal, for ~1% more association calls than 1,000.
 */
export const DEFAULT_WINDOW_SIZE = 250

function checkOptions(options: GatherOptions): { pageSize: number; windowSize: number } {
  const pageSize = options.pageSize ?? LIMITS.batchRead
  const windowSize = options.windowSize ?? DEFAULT_WINDOW_SIZE
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > LIMITS.batchRead)
    throw new Error(`pageSize must be an integer from 1 to 100, got ${pageSize}`)
  if (!Number.isInteger(windowSize) || windowSize < 1 || windowSize > LIMITS.associationInputs)
    throw new Error(`windowSize must be an integer from 1 to 1000, got ${windowSize}`)
  if (options.companyIds && options.after !== undefined && !/^\d+$/.test(options.after))
    throw new Error(
      `after must be a cursor from a gather of the same companyIds, got ${options.after}`,
    )
  return { pageSize, windowSize }
}

/**
 * Streams the companies of a portal, or `options.companyIds`, as snapshots ready to score, with the
 * current values of the app's own properties. A company whose data cannot be read is reported in
 * its page's `failures` and left out; the gather goes on. Tickets or engagements the token may not
 * read come back as null (and are named in `unreadable`).
 * @throws DailyLimitError when the daily limit is spent: resume later from the last page's cursor
 * @throws HubSpotApiError when listing companies fails for good (no company to blame it on)
 * @example
 * for await (const page of gatherPortal(conn, { model, asOf: Date.now(), ownedProperties })) {
 *   for (const { snapshot, current } of page.companies) score(snapshot, current)
 *   journal.save(page.cursor)
 * }
 */
export async function* gatherPortal(
  conn: HubSpotConnection,
  options: GatherOptions,
): AsyncGenerator<GatherPage, void, undefined> {
  const { pageSize, windowSize } = checkOptions(options)
  const modelProperties = companyProperties(options.model, [])
  const plan: CompanyReadPlan = {
    properties: companyProperties(options.model, options.ownedProperties),
    history: historyProperties(options.model),
    pageSize,
    windowSize,
    retries: options.partialRetries ?? 2,
  }
  const engagementTypes = options.engagementTypes ?? SIGNAL_ENGAGEMENT_TYPES
  const readable: Readability = { tickets: true, engagements: engagementTypes.length > 0 }
  const windows = companyWindows(conn, plan, options.companyIds, options.after)
  for await (const { pages, companyIds } of windows) {
    const records = companyIds.length
      ? await readWindowRecords(conn, companyIds, engagementTypes, readable, plan.retries)
      : { tickets: null, engagements: null, failures: new Map<string, string>() }
    const unreadable: UnreadableSource[] = []
    if (!readable.tickets) unreadable.push('tickets')
    if (!readable.engagements && engagementTypes.length) unreadable.push('engagements')
    for (const page of pages) {
      const built = buildPage(page, records, modelProperties, options, unreadable)
      if (built.companies.length || built.failures.length || built.cursor !== null) yield built
    }
  }
}

function buildPage(
  page: CompanyPage,
  records: WindowRecords,
  modelProperties: readonly string[],
  options: GatherOptions,
  unreadable: readonly UnreadableSource[],
): GatherPage {
  const companies: GatheredCompany[] = []
  const failures: GatherFailure[] = [...page.failures]
  for (const { id, data } of page.companies) {
    const reason = records.failures.get(id)
    if (reason) {
      failures.push({ companyId: id, reason })
      continue
    }
    const properties: Record<string, string | null> = {}
    for (const name of modelProperties) properties[name] = data.properties[name] ?? null
    const current: Record<string, string | null> = {}
    for (const name of options.ownedProperties) current[name] = data.properties[name] ?? null
    const snapshot: CompanySnapshot = {
      companyId: id,
      asOf: options.asOf,
      properties,
      propertyHistory: data.history ?? {},
      tickets: records.tickets ? (records.tickets.get(id) ?? []) : null,
      // No engagement types asked for: not read, so null rather than "none on record".
      engagements: records.engagements ? (records.engagements.get(id) ?? []) : null,
    }
    companies.push({ snapshot, current })
  }
  return { cursor: page.cursor, companies, failures, unreadable }
}

export { companyIdsChangedSince } from './gather-changed.ts'
