/**
 * @module Engagement signals: when the customer last talked back, how often, how much outreach has
 * gone unanswered since, and whether they turn up to meetings.
 */
import type { HealthModel } from './model.ts'
import { diag, parseTimestamp } from './parse-value.ts'
import { DAY_MS, isoAt } from './time.ts'
import type { Diagnostic, SnapshotEngagement } from './types.ts'

/** A call shorter than this did not reach anyone. */
const CONNECTED_CALL_MS = 30_000

export interface EngagementSignals {
  /** The last time the customer took part: a reply, an inbound call, a connected call, a held meeting. */
  readonly lastTwoWay: number | null
  readonly twoWayInLookback: number
  /** Outreach attempts since the last two-way touch: sent emails, unconnected calls, no-shows. */
  readonly unansweredOutreach: number
  /** Held meetings as a percentage of held plus no-shows in the lookback, or null. */
  readonly meetingShowRate: number | null
}

// Scratch space reused across calls: one snapshot's engagements at a time, no allocation per company.
let scratchKey = new Array<string>(256)
let scratchKind = new Uint8Array(256)

/** A timestamp as a canonical ISO string (`2026-11-01T09:30:00.000Z`), or null when unreadable. */
function timestampKey(raw: string | null | undefined): string | null {
  if (raw && raw.length === 24 && raw.charCodeAt(10) === 84 && raw.charCodeAt(23) === 90) return raw
  const at = parseTimestamp(raw)
  return Number.isNaN(at) ? null : new Date(at).toISOString()
}

const TWO_WAY = 1
const OUTREACH = 2
const NEITHER = 0

/** Reads the engagement signals as of `asOf`; null when engagements are not readable. */
export function readEngagements(
  engagements: readonly SnapshotEngagement[] | null,
  asOf: number,
  inputs: HealthModel['inputs'],
  sink: Diagnostic[],
): EngagementSignals | null {
  if (engagements === null) return null
  // @note Timestamps are compared as ISO strings, which order like the times they name: HubSpot
  // writes hs_timestamp in one canonical form, so most records need no parsing at all.
  const asOfKey = isoAt(asOf)
  const lookbackKey = isoAt(asOf - inputs.lookbackDays * DAY_MS)
  const count = engagements.length
  if (scratchKey.length < count) {
    scratchKey = new Array<string>(count * 2)
    scratchKind = new Uint8Array(count * 2)
  }
  const keys = scratchKey
  const kind = scratchKind
  let lastTwoWay = ''
  let twoWayInLookback = 0
  let held = 0
  let noShows = 0

  for (let i = 0; i < count; i++) {
    const engagement = engagements[i]!
    const key = timestampKey(engagement.properties.hs_timestamp)
    kind[i] = NEITHER
    if (key === null) {
      const raw = engagement.properties.hs_timestamp
      sink.push(
        diag(
          'invalid_date',
          ['engagements', i, 'hs_timestamp'],
          `${engagement.type} ${engagement.id} has no readable hs_timestamp; skipped`,
          raw,
          'ignored',
        ),
      )
      continue
    }
    if (key > asOfKey) continue // scheduled, not yet happened
    keys[i] = key
    const k = classify(engagement)
    kind[i] = k
    if (k === TWO_WAY) {
      if (key > lastTwoWay) lastTwoWay = key
      if (key > lookbackKey) twoWayInLookback++
    }
    if (engagement.type === 'meeting' && key > lookbackKey) {
      const outcome = engagement.properties.hs_meeting_outcome
      if (outcome === 'COMPLETED') held++
      else if (outcome === 'NO_SHOW') noShows++
    }
  }

  // Outreach counts only after the last two-way touch, and only within the lookback.
  const since = lastTwoWay > lookbackKey ? lastTwoWay : lookbackKey
  let unansweredOutreach = 0
  for (let i = 0; i < count; i++) if (kind[i] === OUTREACH && keys[i]! > since) unansweredOutreach++

  return {
    lastTwoWay: lastTwoWay === '' ? null : timeOrNull(parseTimestamp(lastTwoWay)),
    twoWayInLookback,
    unansweredOutreach,
    meetingShowRate: held + noShows ? Math.round((held / (held + noShows)) * 100) : null,
  }
}

function classify(engagement: SnapshotEngagement): number {
  const p = engagement.properties
  switch (engagement.type) {
    case 'email':
      if (p.hs_email_direction === 'INCOMING_EMAIL') return TWO_WAY
      return p.hs_email_direction === 'EMAIL' &&
        p.hs_email_status !== 'BOUNCED' &&
        p.hs_email_status !== 'FAILED'
        ? OUTREACH
        : NEITHER
    case 'call': {
      if (p.hs_call_direction === 'INBOUND') return TWO_WAY
      const duration = Number(p.hs_call_duration ?? Number.NaN)
      const connected = p.hs_call_status === 'COMPLETED' && !(duration < CONNECTED_CALL_MS)
      return connected ? TWO_WAY : OUTREACH
    }
    case 'meeting':
      if (p.hs_meeting_outcome === 'COMPLETED') return TWO_WAY
      return p.hs_meeting_outcome === 'NO_SHOW' ? OUTREACH : NEITHER
    default:
      return NEITHER
  }
}

function timeOrNull(at: number): number | null {
  return Number.isNaN(at) ? null : at
}
