/**
 * @module Companies, page by page: the whole portal through the list endpoint (its properties and
 * score history in one call per 50 companies), or given ids through batch reads (50 a call).
 */
import type { HubSpotConnection } from './connection.ts'
import { LIMITS } from './gather-plan.ts'
import type { GatherFailure } from './gather-types.ts'
import { readRecords, type RecordData } from './read-records.ts'

/** One company as read: its id, requested values and history. */
export interface CompanyRow {
  readonly id: string
  readonly data: RecordData
}

/** One page of companies, as the caller will yield it. */
export interface CompanyPage {
  readonly cursor: string | null
  readonly companies: readonly CompanyRow[]
  readonly failures: readonly GatherFailure[]
}

/** What to read of each company, and how many at a time. */
export interface CompanyReadPlan {
  readonly properties: readonly string[]
  readonly history: readonly string[]
  readonly pageSize: number
  readonly windowSize: number
  readonly retries: number
}

/**
 * Lists one window of pages from the list cursor `after` (undefined: from the start). Each page's
 * cursor is the list's own `paging.next.after`, so a page can be resumed from exactly.
 * @throws HubSpotApiError when a list call fails for good: there is no company to blame it on
 */
export async function listCompanyWindow(
  conn: HubSpotConnection,
  plan: CompanyReadPlan,
  after: string | undefined,
): Promise<CompanyPage[]> {
  const listMax = plan.history.length ? LIMITS.listPageWithHistory : LIMITS.listPage
  const pages: CompanyPage[] = []
  let total = 0
  let cursor = after
  while (total + plan.pageSize <= Math.max(plan.windowSize, plan.pageSize)) {
    const companies: CompanyRow[] = []
    let next: string | null = null
    do {
      const limit = Math.min(listMax, plan.pageSize - companies.length)
      const answer = await conn.call('GET /crm/v3/objects/companies', () =>
        conn.client.crm.companies.basicApi.getPage(
          limit,
          cursor,
          [...plan.properties],
          plan.history.length ? [...plan.history] : undefined,
        ),
      )
      for (const record of answer.results) {
        const properties: Record<string, string | null> = {}
        for (const name of plan.properties) properties[name] = record.properties[name] ?? null
        const history: Record<string, { value: string | null; timestamp: string }[]> = {}
        for (const name of plan.history)
          history[name] = (record.propertiesWithHistory?.[name] ?? []).map((entry) => ({
            value: entry.value ?? null,
            timestamp: new Date(entry.timestamp).toISOString(),
          }))
        companies.push({ id: record.id, data: { properties, history } })
      }
      next = answer.paging?.next?.after ?? null
      cursor = next ?? undefined
    } while (next !== null && companies.length < plan.pageSize)
    pages.push({ cursor: next, companies, failures: [] })
    total += companies.length
    if (next === null) break
  }
  return pages
}

/**
 * Reads one window of the given ids, from position `offset`. A page's cursor is the position after
 * it; an id HubSpot does not know is a failure of its page.
 */
export async function readCompanyWindow(
  conn: HubSpotConnection,
  plan: CompanyReadPlan,
  ids: readonly string[],
  offset: number,
): Promise<CompanyPage[]> {
  const end = Math.min(ids.length, offset + Math.max(plan.windowSize, plan.pageSize))
  const slice = ids.slice(offset, end)
  const read = await readRecords(conn, 'companies', slice, {
    properties: plan.properties,
    propertiesWithHistory: plan.history,
    retries: plan.retries,
  })
  if (read.unreadable)
    throw new Error('the token may not read companies (403): it needs crm.objects.companies.read')
  const pages: CompanyPage[] = []
  for (let start = 0; start < slice.length; start += plan.pageSize) {
    const companies: CompanyRow[] = []
    const failures: GatherFailure[] = []
    for (const id of slice.slice(start, start + plan.pageSize)) {
      const data = read.records.get(id)
      if (data) companies.push({ id, data })
      else
        failures.push({
          companyId: id,
          reason: read.notFound.has(id)
            ? 'company not found'
            : (read.failed.get(id) ?? 'not returned'),
        })
    }
    const position = offset + Math.min(start + plan.pageSize, slice.length)
    pages.push({ cursor: position < ids.length ? String(position) : null, companies, failures })
  }
  return pages
}

/** One window of company pages and the ids they hold, for one batch of associated reads. */
export interface CompanyWindow {
  readonly pages: readonly CompanyPage[]
  readonly companyIds: readonly string[]
}

/**
 * Every window of companies from `after` on: the given ids (deduplicated) through batch reads, or
 * the whole portal through the list, each window resumable from its last page's cursor.
 * @example
 * for await (const { pages, companyIds } of companyWindows(conn, plan, null, undefined)) …
 */
export async function* companyWindows(
  conn: HubSpotConnection,
  plan: CompanyReadPlan,
  companyIds: readonly string[] | undefined,
  after: string | undefined,
): AsyncGenerator<CompanyWindow, void, undefined> {
  const ids = companyIds ? [...new Set(companyIds)] : null
  let cursor: string | null = after ?? null
  let first = true
  while (first || cursor !== null) {
    first = false
    const pages = ids
      ? await readCompanyWindow(conn, plan, ids, cursor === null ? 0 : Number(cursor))
      : await listCompanyWindow(conn, plan, cursor ?? undefined)
    yield { pages, companyIds: pages.flatMap((page) => page.companies.map((c) => c.id)) }
    cursor = pages.at(-1)?.cursor ?? null
  }
}
