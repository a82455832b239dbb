/**
 * @module The companies an incremental run rescores: those whose own properties changed, and those
 * associated with a ticket or engagement that changed, since a moment.
 */
import type { EngagementType } from '../health/index.ts'
import type { HubSpotConnection } from './connection.ts'
import { HubSpotApiError } from './errors.ts'
import { ENGAGEMENT_OBJECTS, LIMITS, SIGNAL_ENGAGEMENT_TYPES } from './gather-plan.ts'
import { readAssociations } from './read-associations.ts'
import type { RecordObject } from './read-records.ts'
import { searchModifiedSince } from './search-modified.ts'

/** Which record types' changes mark their companies. */
export interface ChangedSinceOptions {
  /** Engagement types whose changes count. Default: those the signals read, as `gatherPortal`. */
  readonly engagementTypes?: readonly EngagementType[]
}

/**
 * The ids of companies whose properties, tickets or engagements changed at or after `sinceMs`,
 * in ascending numeric order. A changed ticket or engagement marks every company it is associated
 * with. Types the token may not read (403) are skipped: their changes cannot be seen.
 * @note Writing scores changes a company's `hs_lastmodifieddate` too, so pass the end of the last
 * write, not its start.
 * @throws Error when a changed record's companies cannot be read: the run would miss them
 * @example const ids = await companyIdsChangedSince(conn, Date.parse('2026-11-01T00:00:00Z'))
 */
export async function companyIdsChangedSince(
  conn: HubSpotConnection,
  sinceMs: number,
  options: ChangedSinceOptions = {},
): Promise<string[]> {
  if (!Number.isFinite(sinceMs)) throw new Error(`since must be epoch milliseconds, got ${sinceMs}`)
  const companies = new Set<string>()
  await searchModifiedSince(conn, 'companies', sinceMs, async (ids) => {
    for (const id of ids) companies.add(id)
  })
  const types: RecordObject[] = [
    'tickets',
    ...(options.engagementTypes ?? SIGNAL_ENGAGEMENT_TYPES).map((type) => ENGAGEMENT_OBJECTS[type]),
  ]
  await Promise.all(types.map((type) => markCompaniesOf(conn, type, sinceMs, companies)))
  return [...companies].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b))
}

async function markCompaniesOf(
  conn: HubSpotConnection,
  type: RecordObject,
  sinceMs: number,
  companies: Set<string>,
): Promise<void> {
  let pending: string[] = []
  const flush = async () => {
    const ids = pending
    pending = []
    const links = await readAssociations(conn, type, 'companies', ids)
    if (links.unreadable) return
    if (links.failed.size)
      throw new Error(
        `the companies of ${links.failed.size} changed ${type} could not be read (e.g. ${[...links.failed][0]?.join(': ')})`,
      )
    for (const targets of links.targets.values()) for (const id of targets) companies.add(id)
  }
  try {
    await searchModifiedSince(conn, type, sinceMs, async (ids) => {
      pending.push(...ids)
      if (pending.length >= LIMITS.associationInputs - LIMITS.searchPage) await flush()
    })
  } catch (error) {
    if (error instanceof HubSpotApiError && error.status === 403) return
    throw error
  }
  if (pending.length) await flush()
}
