/**
 * @module Ticket signals: how many are open, how many were urgent lately, how fast they close and
 * whether customers write in to ask how or to complain.
 */
import type { HealthModel } from './model.ts'
import { readFiniteNumber } from './parse-finite-number.ts'
import { readInstant } from './parse-instant.ts'
import { diag } from './parse-value.ts'
import { DAY_MS } from './time.ts'
import type { Diagnostic, SnapshotRecord } from './types.ts'

const HOUR_MS = 3_600_000

export interface TicketSignals {
  readonly open: number
  readonly highPriorityRecent: number
  readonly escalatedRecent: number
  readonly medianHoursToClose: number | null
  /** Complaints as a percentage of complaints plus how-to questions, or null when neither came in. */
  readonly complaintShare: number | null
}

/** Reads the ticket signals as of `asOf`; null when tickets are not readable. */
export function readTickets(
  tickets: readonly SnapshotRecord[] | null,
  asOf: number,
  inputs: HealthModel['inputs'],
  sink: Diagnostic[],
): TicketSignals | null {
  if (tickets === null) return null
  const rules = inputs.tickets
  const recentFrom = asOf - inputs.recentDays * DAY_MS
  const lookbackFrom = asOf - inputs.lookbackDays * DAY_MS
  let open = 0
  let highPriorityRecent = 0
  let escalatedRecent = 0
  let complaints = 0
  let howTos = 0
  const hoursToClose: number[] = []

  for (let i = 0; i < tickets.length; i++) {
    const p = tickets[i]!.properties
    const created = readInstant(p.createdate)
    if (created === null) {
      sink.push(
        diag(
          'invalid_date',
          ['tickets', i, 'createdate'],
          `ticket ${tickets[i]!.id} has no readable createdate; skipped`,
          p.createdate,
          'ignored',
        ),
      )
      continue
    }
    if (created > asOf) continue

    const closedAt = readInstant(p.closed_date)
    if (closedAt === null && p.closed_date) {
      sink.push(
        diag(
          'invalid_date',
          ['tickets', i, 'closed_date'],
          `ticket ${tickets[i]!.id} has an unreadable closed_date; its pipeline stage says whether it is closed`,
          p.closed_date,
          'ignored',
        ),
      )
    }
    const closedStage =
      p.hs_pipeline_stage != null && rules.closedStages.includes(p.hs_pipeline_stage)
    // A ticket closed after `asOf` was still open then.
    const closed = closedAt === null ? closedStage : closedAt <= asOf
    if (!closed) open++

    const priority = p.hs_ticket_priority ?? ''
    if (created > recentFrom) {
      if (rules.highPriorities.includes(priority)) highPriorityRecent++
      if (rules.escalatedPriorities.includes(priority)) escalatedRecent++
    }
    if (created > lookbackFrom) {
      const categories = p.hs_ticket_category ? p.hs_ticket_category.split(';') : []
      for (const category of categories) {
        if (rules.complaintCategories.includes(category)) complaints++
        else if (rules.howToCategories.includes(category)) howTos++
      }
    }
    if (closed && closedAt !== null && closedAt > lookbackFrom) {
      const reported = readFiniteNumber(p.time_to_close)
      const ms = reported !== null && reported >= 0 ? reported : closedAt - created
      if (ms >= 0) hoursToClose.push(ms / HOUR_MS)
    }
  }

  return {
    open,
    highPriorityRecent,
    escalatedRecent,
    medianHoursToClose: hoursToClose.length ? Math.round(median(hoursToClose) * 10) / 10 : null,
    complaintShare:
      complaints + howTos ? Math.round((complaints / (complaints + howTos)) * 100) : null,
  }
}

function median(values: number[]): number {
  values.sort((a, b) => a - b)
  const mid = Math.floor(values.length / 2)
  return values.length % 2 ? values[mid]! : (values[mid - 1]! + values[mid]!) / 2
}
