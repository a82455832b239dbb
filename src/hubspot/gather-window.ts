/**
 * @module The tickets and engagements of one window of companies (≤ 1,000): one associations call
 * per type, then every associated record read once in full batches, however many companies share it.
 */
import type { EngagementType, SnapshotEngagement, SnapshotRecord } from '../health/index.ts'
import type { HubSpotConnection } from './connection.ts'
import { ENGAGEMENT_OBJECTS, ENGAGEMENT_PROPERTIES, TICKET_PROPERTIES } from './gather-plan.ts'
import { readAssociations } from './read-associations.ts'
import { readRecords, type RecordData, type RecordObject } from './read-records.ts'

/** What a gather has learnt about the token, carried from window to window. */
export interface Readability {
  tickets: boolean
  engagements: boolean
}

/** The records of one window, by company; null where the source is not readable. */
export interface WindowRecords {
  readonly tickets: Map<string, SnapshotRecord[]> | null
  readonly engagements: Map<string, SnapshotEngagement[]> | null
  /** Companies whose records could not all be read, with the reason. */
  readonly failures: Map<string, string>
}

/** The records of one type associated with a window's companies. */
export interface TypeRead<T extends SnapshotRecord> {
  /** Records by company, in association order; a record shared by companies is one object. */
  readonly byCompany: Map<string, T[]>
  readonly unreadable: boolean
}

/** What to read of one associated type. */
export interface TypeReadPlan<T extends SnapshotRecord> {
  readonly type: RecordObject
  readonly properties: readonly string[]
  /** Properties to read with their history (batches of 50 instead of 100). Default none. */
  readonly history?: readonly string[]
  /** Read through CRM search as well as batch reads (see `readRecords`). Default false. */
  readonly searchLane?: boolean
  readonly build: (id: string, data: RecordData) => T
}

/**
 * Reads the records of `plan.type` associated with `companyIds`: one associations call per 1,000
 * companies, then each associated record once. Companies whose records could not all be read are
 * added to `failures`.
 * @throws DailyLimitError when the daily limit is spent
 */
export async function readAssociatedRecords<T extends SnapshotRecord>(
  conn: HubSpotConnection,
  plan: TypeReadPlan<T>,
  companyIds: readonly string[],
  failures: Map<string, string>,
  retries: number,
): Promise<TypeRead<T>> {
  const { type } = plan
  const byCompany = new Map<string, T[]>()
  const links = await readAssociations(conn, 'companies', type, companyIds, retries)
  if (links.unreadable) return { byCompany, unreadable: true }
  for (const [id, reason] of links.failed) failures.set(id, `${type} associations: ${reason}`)
  const wanted = new Set<string>()
  for (const targets of links.targets.values()) for (const target of targets) wanted.add(target)
  const read = await readRecords(conn, type, [...wanted], {
    properties: plan.properties,
    ...(plan.history?.length ? { propertiesWithHistory: plan.history } : {}),
    retries,
    searchLane: plan.searchLane === true,
  })
  if (read.unreadable) return { byCompany, unreadable: true }
  const built = new Map<string, T>()
  for (const [id, data] of read.records) built.set(id, plan.build(id, data))
  read.records.clear()
  for (const [companyId, targets] of links.targets) {
    const records: T[] = []
    for (const target of targets) {
      const record = built.get(target)
      if (record) records.push(record)
      else if (read.failed.has(target))
        failures.set(companyId, `${type} ${target}: ${read.failed.get(target)}`)
      // Not found: deleted or archived since it was associated; it is simply not there.
    }
    byCompany.set(companyId, records)
  }
  return { byCompany, unreadable: false }
}

/**
 * Reads the `types` engagements of `companyIds`, every type read in parallel, merged by company
 * (one list per company, in type order). Null records when a type may not be read. With
 * `searchLane`, CRM search reads alongside the batch reads.
 * @throws DailyLimitError when the daily limit is spent
 */
export async function readAssociatedEngagements(
  conn: HubSpotConnection,
  companyIds: readonly string[],
  types: readonly EngagementType[],
  failures: Map<string, string>,
  retries: number,
  searchLane = false,
): Promise<{ readonly byCompany: Map<string, SnapshotEngagement[]> | null; unreadable: boolean }> {
  const reads = await Promise.all(
    types.map((type) =>
      readAssociatedRecords(
        conn,
        {
          type: ENGAGEMENT_OBJECTS[type],
          properties: ENGAGEMENT_PROPERTIES[type],
          searchLane,
          build: (id, { properties }): SnapshotEngagement => ({ id, type, properties }),
        },
        companyIds,
        failures,
        retries,
      ),
    ),
  )
  if (reads.some((read) => read.unreadable)) return { byCompany: null, unreadable: true }
  const byCompany = new Map<string, SnapshotEngagement[]>()
  for (const id of companyIds)
    byCompany.set(
      id,
      reads.flatMap((read) => read.byCompany.get(id) ?? []),
    )
  return { byCompany, unreadable: false }
}

/**
 * Reads the tickets and the `engagementTypes` engagements of `companyIds`. A type found unreadable
 * is switched off in `readable`, so later windows do not ask again.
 * @throws DailyLimitError when the daily limit is spent
 */
export async function readWindowRecords(
  conn: HubSpotConnection,
  companyIds: readonly string[],
  engagementTypes: readonly EngagementType[],
  readable: Readability,
  retries: number,
): Promise<WindowRecords> {
  const failures = new Map<string, string>()
  const ticketRead = readable.tickets
    ? readAssociatedRecords(
        conn,
        {
          type: 'tickets',
          properties: TICKET_PROPERTIES,
          build: (id, { properties }): SnapshotRecord => ({ id, properties }),
        },
        companyIds,
        failures,
        retries,
      )
    : null
  const [tickets, engagements] = await Promise.all([
    ticketRead,
    readable.engagements
      ? readAssociatedEngagements(conn, companyIds, engagementTypes, failures, retries)
      : null,
  ])
  if (tickets?.unreadable) readable.tickets = false
  if (engagements?.unreadable) readable.engagements = false
  return {
    tickets: tickets && readable.tickets ? tickets.byCompany : null,
    engagements: engagements?.byCompany ?? null,
    failures,
  }
}
