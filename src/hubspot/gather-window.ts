/**
 * @module The tickets and engagements of one window of companies (≤ 1,000): one associations call
 * per type, then every associated record read once in full batches, however many companies share it.
 */
import type { EngagementType, SnapshotEngagement, SnapshotRecord } from '../health/index.ts'
import type { HubSpotConnection } from './connection.ts'
import { ENGAGEMENT_OBJECTS, ENGAGEMENT_PROPERTIES, TICKET_PROPERTIES } from './gather-plan.ts'
import { readAssociations } from './read-associations.ts'
import { readRecords, type RecordObject } from './read-records.ts'

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

interface TypeRead<T extends SnapshotRecord> {
  /** Records by company, in association order; a record shared by companies is one object. */
  readonly byCompany: Map<string, T[]>
  readonly unreadable: boolean
}

async function readType<T extends SnapshotRecord>(
  conn: HubSpotConnection,
  type: RecordObject,
  properties: readonly string[],
  build: (id: string, properties: Record<string, string | null>) => T,
  companyIds: readonly string[],
  failures: Map<string, string>,
  retries: number,
): Promise<TypeRead<T>> {
  const byCompany = new Map<string, T[]>()
  const links = await readAssociations(conn, 'companies', type, companyIds, retries)
  if (links.unreadable) return { byCompany, unreadable: true }
  for (const [id, reason] of links.failed) failures.set(id, `${type} associations: ${reason}`)
  const wanted = new Set<string>()
  for (const targets of links.targets.values()) for (const target of targets) wanted.add(target)
  const read = await readRecords(conn, type, [...wanted], { properties, retries })
  if (read.unreadable) return { byCompany, unreadable: true }
  const built = new Map<string, T>()
  for (const [id, data] of read.records) built.set(id, build(id, data.properties))
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
    ? readType(
        conn,
        'tickets',
        TICKET_PROPERTIES,
        (id, properties): SnapshotRecord => ({ id, properties }),
        companyIds,
        failures,
        retries,
      )
    : null
  const engagementReads = readable.engagements
    ? engagementTypes.map((type) =>
        readType(
          conn,
          ENGAGEMENT_OBJECTS[type],
          ENGAGEMENT_PROPERTIES[type],
          (id, properties): SnapshotEngagement => ({ id, type, properties }),
          companyIds,
          failures,
          retries,
        ).then((read) => ({ read })),
      )
    : null
  const [tickets, engagements] = await Promise.all([
    ticketRead,
    engagementReads ? Promise.all(engagementReads) : null,
  ])
  if (tickets?.unreadable) readable.tickets = false
  if (engagements?.some(({ read }) => read.unreadable)) readable.engagements = false

  let engagementMap: Map<string, SnapshotEngagement[]> | null = null
  if (engagements && readable.engagements) {
    engagementMap = new Map()
    for (const companyId of companyIds) {
      const list: SnapshotEngagement[] = []
      for (const { read } of engagements)
        for (const record of read.byCompany.get(companyId) ?? []) list.push(record)
      engagementMap.set(companyId, list)
    }
  }
  return {
    tickets: tickets && readable.tickets ? tickets.byCompany : null,
    engagements: engagementMap,
    failures,
  }
}
