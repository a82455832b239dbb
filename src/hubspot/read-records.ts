/**
 * @module Batch reads of records by id (≤ 100 a call, ≤ 50 with history), all chunks at once through
 * the connection's limiter. A 207's not-found ids are dropped (deleted or archived since they were
 * associated); its other failures are retried, then reported by id. A 403 means the token may not
 * read the type: the caller gets `unreadable`, not an exception.
 *
 * With `searchLane` (reads without history only), CRM search reads ids alongside the batch reads:
 * search has its own limit (5/s) outside the burst window, so the two lanes together read more per
 * second than either. The ids, sorted, are taken from both ends: batch reads take 100 from the low
 * end, searches 200 from the high end as one `hs_object_id` range. A searched id the range did not
 * return (beyond its first page, deleted, or not yet indexed) goes to a batch read after all, so the
 * records read are exactly those the batch reads alone would read.
 */
import type { HistoryPoint } from '../health/index.ts'
import { sortBatchErrors } from './batch-errors.ts'
import type { HubSpotConnection } from './connection.ts'
import { DailyLimitError, HubSpotApiError } from './errors.ts'
import { type EngagementObject, LIMITS } from './gather-plan.ts'
import { searcherFor } from './record-search.ts'

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
  /** Read through CRM search too, on its own lane (ignored with history). Default false. */
  readonly searchLane?: boolean
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
 * Batch reads and searches each read has waiting at once. A worker takes its ids before it waits
 * for its lane, so few workers keep the split between the lanes close to their pace; a gather runs
 * several reads at once, which keeps both lanes busy.
 */
const BATCH_WORKERS = 4
const SEARCH_WORKERS = 1

/** Ids compare as numbers: by length, then as text. */
function compareIds(a: string, b: string): number {
  return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)
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
  const readBatch = async (batch: string[], retry: string[]): Promise<void> => {
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
  }
  let pending = [...new Set(ids)]
  for (let attempt = 0; pending.length && attempt <= (options.retries ?? 2); attempt++) {
    const retry: string[] = []
    if (attempt === 0 && options.searchLane && history.length === 0)
      await readBothLanes(conn, type, pending, options.properties, out, (batch) =>
        readBatch(batch, retry),
      )
    else await Promise.all(chunk(pending, size).map((batch) => readBatch(batch, retry)))
    if (out.unreadable) return out
    pending = retry
    if (attempt < (options.retries ?? 2)) for (const id of retry) out.failed.delete(id)
  }
  return out
}

/**
 * The first attempt of a read on both lanes: batch reads from the low end of the sorted ids,
 * searches from the high end, until they meet; then a batch read of every searched id the search
 * did not return. A search the token may not run, or that fails, hands its ids to the batch lane
 * and the search lane stops.
 */
async function readBothLanes(
  conn: HubSpotConnection,
  type: RecordObject,
  ids: readonly string[],
  properties: readonly string[],
  out: { records: Map<string, RecordData> },
  readBatch: (batch: string[]) => Promise<void>,
): Promise<void> {
  const sorted = [...ids].sort(compareIds)
  const search = searcherFor(conn, type)
  let low = 0
  let high = sorted.length
  let searching = true
  const unreturned: string[] = []
  const batchWorker = async () => {
    while (low < high) {
      const batch = sorted.slice(low, Math.min(high, low + LIMITS.batchRead))
      low += batch.length
      await readBatch(batch)
    }
  }
  const searchWorker = async () => {
    while (searching && low < high) {
      const claim = sorted.slice(Math.max(low, high - LIMITS.searchPage), high)
      high -= claim.length
      let answer
      try {
        answer = await search({
          filterGroups: [
            {
              filters: [
                {
                  propertyName: 'hs_object_id',
                  operator: 'BETWEEN',
                  value: claim[0]!,
                  highValue: claim.at(-1)!,
                },
              ],
            },
          ],
          sorts: ['hs_object_id'],
          properties: [...properties],
          limit: LIMITS.searchPage,
        })
      } catch (error) {
        if (error instanceof DailyLimitError || !(error instanceof HubSpotApiError)) throw error
        // @note Search is a second lane, not a source: the batch lane reads what it could not.
        searching = false
        unreturned.push(...claim)
        return
      }
      const wanted = new Set(claim)
      for (const record of answer.results)
        if (wanted.delete(record.id))
          out.records.set(record.id, toRecordData(record, properties, []))
      unreturned.push(...wanted)
    }
  }
  await Promise.all([
    ...Array.from({ length: BATCH_WORKERS }, batchWorker),
    ...Array.from({ length: SEARCH_WORKERS }, searchWorker),
  ])
  await Promise.all(chunk(unreturned, LIMITS.batchRead).map(readBatch))
}
