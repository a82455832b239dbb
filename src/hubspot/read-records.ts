/**
 * @module Batch reads of records by id (≤ 100 a call, ≤ 50 with history), all chunks at once through
 * the connection's limiter. A 207's not-found ids are dropped (deleted or archived since they were
 * associated); its other failures are retried, then reported by id. A 403 means the token may not
 * read the type: the caller gets `unreadable`, not an exception.
 */
import type { HistoryPoint } from '../health/index.ts'
import { sortBatchErrors } from './batch-errors.ts'
import type { HubSpotConnection } from './connection.ts'
import { DailyLimitError, HubSpotApiError } from './errors.ts'
import { type EngagementObject, LIMITS } from './gather-plan.ts'

/** The object types a gather batch-reads. */
export type RecordObject = 'companies' | 'tickets' | 'deals' | EngagementObject

/** One record's requested values. */
export interface RecordData {
  readonly properties: Record<string, string | null>
  readonly history?: Record<string, HistoryPoint[]>
}

/** The outcome of reading a set of ids. */
export interface RecordsRead {
  readonly records: Map<string, RecordData>
  /** Ids that exist but could not be read, with the reason. */
  readonly failed: Map<string, string>
  /** Ids HubSpot says do not exist. */
  readonly notFound: Set<string>
  /** The token may not read this type (403). */
  readonly unreadable: boolean
}

/** The properties to read, and how often to retry inputs a 207 failed. */
export interface ReadRecordsOptions {
  readonly properties: readonly string[]
  readonly propertiesWithHistory?: readonly string[]
  /** Extra attempts for inputs a 207 failed (not "not found"). */
  readonly retries?: number
}

interface WireRecord {
  id: string
  properties: { [key: string]: string | null }
  propertiesWithHistory?: { [key: string]: { value: string; timestamp: Date | string }[] }
}

interface BatchAnswer {
  results: WireRecord[]
  errors?: unknown
}

interface BatchInput {
  inputs: { id: string }[]
  properties: string[]
  propertiesWithHistory: string[]
}

function readerFor(conn: HubSpotConnection, type: RecordObject) {
  const { crm } = conn.client
  const read = (input: BatchInput): Promise<BatchAnswer> => {
    switch (type) {
      case 'companies':
        return crm.companies.batchApi.read(input)
      case 'tickets':
        return crm.tickets.batchApi.read(input)
      case 'deals':
        return crm.deals.batchApi.read(input)
      default:
        return crm.objects[type].batchApi.read(input)
    }
  }
  const endpoint = `POST /crm/v3/objects/${type}/batch/read`
  return (input: BatchInput) => conn.call(endpoint, () => read(input))
}

/** Keeps only the requested values: a snapshot holds what the engine reads, nothing more. */
function toRecordData(record: WireRecord, names: readonly string[], history: readonly string[]) {
  const properties: Record<string, string | null> = {}
  for (const name of names) properties[name] = record.properties[name] ?? null
  if (history.length === 0) return { properties }
  const points: Record<string, HistoryPoint[]> = {}
  for (const name of history) {
    points[name] = (record.propertiesWithHistory?.[name] ?? []).map((entry) => ({
      value: entry.value ?? null,
      timestamp:
        entry.timestamp instanceof Date ? entry.timestamp.toISOString() : String(entry.timestamp),
    }))
  }
  return { properties, history: points }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

/**
 * Reads `ids` of one object type in as few calls as the batch limit allows.
 * @throws DailyLimitError when the daily limit is spent (the run must stop and resume later)
 * @example
 * const { records, failed } = await readRecords(conn, 'tickets', ids, { properties: TICKET_PROPERTIES })
 */
export async function readRecords(
  conn: HubSpotConnection,
  type: RecordObject,
  ids: readonly string[],
  options: ReadRecordsOptions,
): Promise<RecordsRead> {
  const history = options.propertiesWithHistory ?? []
  const size = history.length ? LIMITS.batchReadWithHistory : LIMITS.batchRead
  const read = readerFor(conn, type)
  const out = {
    records: new Map<string, RecordData>(),
    failed: new Map<string, string>(),
    notFound: new Set<string>(),
    unreadable: false,
  }
  let pending = [...new Set(ids)]
  for (let attempt = 0; pending.length && attempt <= (options.retries ?? 2); attempt++) {
    const retry: string[] = []
    await Promise.all(
      chunk(pending, size).map(async (batch) => {
        let answer: BatchAnswer
        try {
          answer = await read({
            inputs: batch.map((id) => ({ id })),
            properties: [...options.properties],
            propertiesWithHistory: [...history],
          })
        } catch (error) {
          if (error instanceof DailyLimitError || !(error instanceof HubSpotApiError)) throw error
          if (error.status === 403) out.unreadable = true
          // The connection already retried what is worth retrying: these ids fail for this run.
          else for (const id of batch) out.failed.set(id, error.message)
          return
        }
        for (const record of answer.results)
          out.records.set(record.id, toRecordData(record, options.properties, history))
        const errors = sortBatchErrors(answer.errors)
        for (const id of batch) {
          if (out.records.has(id)) continue
          if (errors.notFound.has(id)) out.notFound.add(id)
          else {
            out.failed.set(
              id,
              (errors.failed.get(id) ?? errors.unattributed[0])?.reason ?? 'not returned',
            )
            retry.push(id)
          }
        }
      }),
    )
    if (out.unreadable) return out
    pending = retry
    if (attempt < (options.retries ?? 2)) for (const id of retry) out.failed.delete(id)
  }
  return out
}
