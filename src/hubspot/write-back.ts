/**
 * @module Writing changed health properties to companies in batches of 100: a 207 retries just the
 * records that can succeed, and a rejected batch is split until the bad records stand alone, so one
 * bad company never blocks 99 good ones.
 */
import { sortBatchErrors, UNREPORTED } from './batch-errors.ts'
import type { HubSpotConnection } from './connection.ts'
import { DailyLimitError, HubSpotApiError } from './errors.ts'
import { HEALTH_OBJECT_TYPE } from './health-properties.ts'

/** One company's changed properties. */
export interface CompanyUpdate {
  readonly id: string
  readonly properties: Readonly<Record<string, string>>
}

/** A company whose write did not land, and why. */
export interface WriteFailure {
  readonly id: string
  readonly reason: string
}

export interface WriteBackResult {
  /** The updates HubSpot confirmed, as sent. */
  readonly written: CompanyUpdate[]
  readonly failed: WriteFailure[]
}

/** What `onBatch` hears: before a batch is sent, and once its outcome is known. */
export type BatchEvent =
  | { readonly phase: 'start'; readonly ids: readonly string[] }
  | {
      readonly phase: 'done'
      readonly ids: readonly string[]
      readonly written: readonly string[]
      readonly failed: readonly WriteFailure[]
    }

export interface WriteBackOptions {
  /** Called before and after each batch of ≤ 100, e.g. to journal confirmed batches. */
  readonly onBatch?: (event: BatchEvent) => void | Promise<void>
  /** Further attempts for records a 207 reports as failed but retryable. Default 3. */
  readonly partialRetries?: number
  /** Pause before retrying a 207's failed records, ms, times the attempt. Default 250. */
  readonly retryDelayMs?: number
  /** Batches in flight at once. Default 1, so batches land in order. */
  readonly concurrency?: number
}

/** HubSpot's maximum inputs per batch update. */
export const BATCH_SIZE = 100
const SCHEMA_PROBLEMS = /PROPERTY_DOESNT_EXIST|READ_ONLY_VALUE/
const ENDPOINT = `POST /crm/v3/objects/${HEALTH_OBJECT_TYPE}/batch/update`

/**
 * Writes each update's properties to its company.
 * @throws DailyLimitError when the daily limit is spent: stop, and resume after it resets.
 * @throws HubSpotApiError when the call itself is refused (401, 403, 404) or a property is missing
 *   or read-only (run `ensurePropertySchema` first): no retry or split would fix those.
 * @example
 * const { written, failed } = await writeBack(conn, [{ id: '101', properties: { health_tier: 'at_risk' } }])
 */
export async function writeBack(
  conn: HubSpotConnection,
  updates: readonly CompanyUpdate[],
  options: WriteBackOptions = {},
): Promise<WriteBackResult> {
  const batches = chunk(mergeById(updates), BATCH_SIZE)
  const results: WriteBackResult[] = new Array(batches.length)
  let next = 0
  async function worker(): Promise<void> {
    while (next < batches.length) {
      const index = next++
      const batch = batches[index] as CompanyUpdate[]
      const ids = batch.map((update) => update.id)
      await options.onBatch?.({ phase: 'start', ids })
      const outcome = await writeBatch(conn, batch, options)
      results[index] = outcome
      await options.onBatch?.({
        phase: 'done',
        ids,
        written: outcome.written.map((update) => update.id),
        failed: outcome.failed,
      })
    }
  }
  const workers = Math.max(1, Math.min(options.concurrency ?? 1, batches.length))
  await Promise.all(Array.from({ length: workers }, worker))
  return {
    written: results.flatMap((result) => result.written),
    failed: results.flatMap((result) => result.failed),
  }
}

/** One batch: retries a 207's retryable failures, splits a rejected batch to isolate bad records. */
async function writeBatch(
  conn: HubSpotConnection,
  batch: readonly CompanyUpdate[],
  options: WriteBackOptions,
): Promise<WriteBackResult> {
  const written: CompanyUpdate[] = []
  const failed: WriteFailure[] = []
  let pending = batch
  const retries = options.partialRetries ?? 3
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await pause((options.retryDelayMs ?? 250) * attempt)
    let response
    try {
      response = await conn.call(ENDPOINT, () =>
        conn.client.crm.companies.batchApi.update({
          inputs: pending.map(({ id, properties }) => ({ id, properties: { ...properties } })),
        }),
      )
    } catch (error) {
      const outcome = await onRejected(conn, pending, error, options)
      written.push(...outcome.written)
      failed.push(...outcome.failed)
      break
    }
    const landed = new Set(response.results.map((record) => record.id))
    const errors = sortBatchErrors('errors' in response ? response.errors : undefined)
    const again: CompanyUpdate[] = []
    for (const update of pending) {
      if (landed.has(update.id)) written.push(update)
      else {
        const error = errors.failed.get(update.id) ?? errors.unattributed[0] ?? UNREPORTED
        if (error.retryable && attempt < retries) again.push(update)
        else failed.push({ id: update.id, reason: error.reason })
      }
    }
    pending = again
  }
  return { written, failed }
}

/** A whole batch was refused: isolate bad records (400), or report a batch that stayed failing. */
async function onRejected(
  conn: HubSpotConnection,
  pending: readonly CompanyUpdate[],
  error: unknown,
  options: WriteBackOptions,
): Promise<WriteBackResult> {
  if (error instanceof DailyLimitError || !(error instanceof HubSpotApiError)) throw error
  const reason = `${error.status || 'no answer'}${error.category ? ` ${error.category}` : ''}: ${error.detail}`
  const retryable = error.status === 429 || error.status >= 500 || error.status === 0
  // Already retried by conn.call: the records are fine, HubSpot is not. Report them for a later run.
  if (retryable) return { written: [], failed: pending.map(({ id }) => ({ id, reason })) }
  // Not one record's fault: the schema is missing or someone else owns the property. Splitting
  // would only multiply the same failure.
  if (error.status !== 400 || SCHEMA_PROBLEMS.test(error.detail)) throw error
  const [only] = pending
  if (pending.length === 1 && only) return { written: [], failed: [{ id: only.id, reason }] }
  const half = Math.ceil(pending.length / 2)
  const [first, second] = await Promise.all([
    writeBatch(conn, pending.slice(0, half), options),
    writeBatch(conn, pending.slice(half), options),
  ])
  return {
    written: [...first.written, ...second.written],
    failed: [...first.failed, ...second.failed],
  }
}

/** One update per company: a later update's properties win over an earlier one's. */
function mergeById(updates: readonly CompanyUpdate[]): CompanyUpdate[] {
  const merged = new Map<string, Record<string, string>>()
  for (const { id, properties } of updates) {
    if (Object.keys(properties).length === 0) continue
    merged.set(id, { ...merged.get(id), ...properties })
  }
  return [...merged].map(([id, properties]) => ({ id, properties }))
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

function pause(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve()
}
