/**
 * @module Records of one type modified since a moment, through CRM search on its own 5/s lane:
 * 200 a page, sorted by `hs_lastmodifieddate`, and re-windowed from the last timestamp seen
 * before a query reaches HubSpot's 10,000-result cap.
 */
import type { HubSpotConnection } from './connection.ts'
import { LIMITS } from './gather-plan.ts'
import type { RecordObject } from './read-records.ts'
import { searcherFor } from './record-search.ts'

const MODIFIED = 'hs_lastmodifieddate'

/**
 * Calls `onPage` with the ids of each page of `type` records modified at or after `sinceMs`, each
 * id once.
 * @throws Error when more than 10,000 records share one modification time (no window can split them)
 * @throws HubSpotApiError when a search fails for good (a 403 included: the caller decides)
 */
export async function searchModifiedSince(
  conn: HubSpotConnection,
  type: RecordObject,
  sinceMs: number,
  onPage: (ids: string[]) => Promise<void>,
): Promise<void> {
  const search = searcherFor(conn, type)
  let from = sinceMs
  let seenAtFrom = new Set<string>()
  for (;;) {
    let after: string | undefined
    let last = from
    let atLast = new Set<string>(seenAtFrom)
    for (;;) {
      const answer = await search({
        filterGroups: [
          { filters: [{ propertyName: MODIFIED, operator: 'GTE', value: String(from) }] },
        ],
        sorts: [MODIFIED],
        properties: [MODIFIED],
        limit: LIMITS.searchPage,
        ...(after ? { after } : {}),
      })
      const ids: string[] = []
      for (const record of answer.results) {
        const raw = record.properties[MODIFIED]
        const at = raw ? Date.parse(raw) : record.updatedAt.getTime()
        if (at === from && seenAtFrom.has(record.id)) continue
        ids.push(record.id)
        if (at > last) {
          last = at
          atLast = new Set()
        }
        if (at === last) atLast.add(record.id)
      }
      if (ids.length) await onPage(ids)
      after = answer.paging?.next?.after
      if (!after) return
      if (Number(after) >= LIMITS.searchResults) break
    }
    if (last === from && atLast.size >= LIMITS.searchResults)
      throw new Error(
        `more than ${LIMITS.searchResults} ${type} share the modification time ${new Date(from).toISOString()}; search cannot page past them`,
      )
    // The next window starts at the last time seen; the ids already seen at that time are skipped.
    from = last
    seenAtFrom = atLast
  }
}
