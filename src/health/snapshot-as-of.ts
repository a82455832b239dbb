/**
 * @module Point-in-time snapshots: a company's full record (every property's history, its tickets
 * with theirs, its engagements) turned into the `CompanySnapshot` the engine would have seen at a
 * past moment T. Pure. Nothing dated after T reaches the snapshot:
 * - a property's value at T is the newest history point at or before T (none: null, unknown then);
 * - a ticket is there if its `createdate` is at or before T, with each property as it stood at T;
 *   one closed after T was open at T (no close date, no time to close, not in a closed stage);
 * - an engagement is there if its `hs_timestamp` is at or before T;
 * - the history handed on (the app's past scores among it) holds only points at or before T.
 * `createdate`, `closed_date` and `hs_timestamp` are read as the dates of the events they name, not
 * by when they were recorded: an import (whose history is stamped at the import) still rebuilds,
 * and a record back-dated after T is taken at its word. A company's own creation is not checked:
 * before it, its properties simply have no value yet.
 */
import type { CompiledModel } from './compile-model.ts'
import { readInstant } from './parse-instant.ts'
import type {
  CompanySnapshot,
  HistoryPoint,
  PropertyValues,
  SnapshotEngagement,
  SnapshotRecord,
} from './types.ts'

/** Property histories by name, each as HubSpot lists it (newest first). */
export type PropertyHistories = Readonly<Record<string, readonly HistoryPoint[]>>

/** A record with the history of its properties. */
export interface RecordWithHistory extends SnapshotRecord {
  /** Current values. */
  readonly properties: PropertyValues
  readonly history: PropertyHistories
}

/** All that is known of a company today, from which any past moment can be rebuilt. */
export interface CompanyHistory {
  readonly companyId: string
  /** Current values; only names in `history` are carried into a past snapshot. */
  readonly properties: PropertyValues
  /** The history of every property the model reads, and of the score-history property. */
  readonly history: PropertyHistories
  /** The company's tickets with their histories, or null when they are not readable. */
  readonly tickets: readonly RecordWithHistory[] | null
  /**
   * Engagements, or null when not readable. An engagement records an event at its `hs_timestamp`;
   * its other properties describe that event and are taken as they are.
   */
  readonly engagements: readonly SnapshotEngagement[] | null
}

/**
 * The value a property held at `asOf`: the newest point at or before it. Points with unreadable
 * timestamps are skipped (they cannot be placed in time); of points sharing a timestamp the one
 * listed first (HubSpot lists newest first) wins. A cleared value stays as HubSpot shows it
 * (an empty string), so a past moment reads as today's values do.
 * @example
 * valueAsOf([{ value: '9', timestamp: '2026-03-01T00:00:00Z' }], Date.parse('2026-01-01')) // null
 */
export function valueAsOf(
  points: readonly HistoryPoint[] | undefined,
  asOf: number,
): string | null {
  let best: { at: number; value: string | null } | null = null
  for (const point of points ?? []) {
    const at = readInstant(point.timestamp)
    if (at === null || at > asOf) continue
    if (best === null || at > best.at) best = { at, value: point.value }
  }
  return best?.value ?? null
}

function historyAsOf(history: PropertyHistories, asOf: number): Record<string, HistoryPoint[]> {
  const out: Record<string, HistoryPoint[]> = {}
  for (const name of Object.keys(history)) {
    out[name] = (history[name] ?? []).filter((point) => {
      const at = readInstant(point.timestamp)
      return at !== null && at <= asOf
    })
  }
  return out
}

function valuesAsOf(history: PropertyHistories, asOf: number): Record<string, string | null> {
  const out: Record<string, string | null> = {}
  for (const name of Object.keys(history)) out[name] = valueAsOf(history[name], asOf)
  return out
}

/**
 * A ticket as it stood at `asOf`, or null if it did not exist yet (or has no readable
 * `createdate`, so cannot be placed in time). `createdate` is read as the event it names.
 */
function ticketAsOf(
  ticket: RecordWithHistory,
  asOf: number,
  closedStages: readonly string[],
): SnapshotRecord | null {
  const created = readInstant(ticket.properties.createdate)
  if (created === null || created > asOf) return null
  const properties = valuesAsOf(ticket.history, asOf)
  properties.createdate = ticket.properties.createdate ?? null
  // `closed_date` names an event: a close dated after T had not happened at T, whenever it was
  // recorded (an import stamps its history at creation, with the later close date in it).
  const recorded = readInstant(properties.closed_date)
  const current = readInstant(ticket.properties.closed_date)
  const closedAt = recorded ?? (current !== null && current <= asOf ? current : null)
  if (closedAt !== null && closedAt <= asOf) {
    properties.closed_date =
      recorded === null ? (ticket.properties.closed_date ?? null) : (properties.closed_date ?? null)
  } else if (closedAt !== null || current !== null) {
    // Closed after T: open at T, in a stage the history may not tell.
    properties.closed_date = null
    properties.time_to_close = null
    const stage = properties.hs_pipeline_stage
    if (stage != null && closedStages.includes(stage)) properties.hs_pipeline_stage = null
  }
  return { id: ticket.id, properties }
}

/**
 * The snapshot the engine scores for `company` as of `asOf` (epoch ms), holding nothing dated after
 * it. `model` names the ticket stages that count as closed.
 * @example
 * const past = snapshotAsOf(company, Date.parse('2026-01-01'), model)
 * scoreCompany(past, model) // the score the company would have had on 1 January
 */
export function snapshotAsOf(
  company: CompanyHistory,
  asOf: number,
  model: CompiledModel,
): CompanySnapshot {
  const closedStages = model.model.inputs.tickets.closedStages
  return {
    companyId: company.companyId,
    asOf,
    properties: valuesAsOf(company.history, asOf),
    propertyHistory: historyAsOf(company.history, asOf),
    tickets:
      company.tickets === null
        ? null
        : company.tickets.flatMap((ticket) => ticketAsOf(ticket, asOf, closedStages) ?? []),
    engagements:
      company.engagements === null
        ? null
        : company.engagements.filter((engagement) => {
            const at = readInstant(engagement.properties.hs_timestamp)
            return at !== null && at <= asOf
          }),
  }
}
