/**
 * @module Engagement signals: when the customer last talked back, how often, how much outreach has
 * gone unanswered since, and whether they turn up to meetings.
 */
import type { HealthModel } from './model.ts'
import { diag, parseTimestamp } from './parse-value.ts'
import type { Diagnostic, SnapshotEngagement } from './types.ts'

const DAY_MS = 86_400_000
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
let scratchAt = new Float64Array(256)
let scratchKind = new Uint8Array(256)

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
  const lookbackFrom = asOf - inputs.lookbackDays * DAY_MS
  const count = engagements.length
  if (scratchAt.length < count) {
    scratchAt = new Float64Array(count * 2)
    scratchKind = new Uint8Array(count * 2)
  }
  const at = scratchAt
  const kind = scratchKind
  let lastTwoWay = -Infinity
  let twoWayInLookback = 0
  let held = 0
  let noShows = 0

  for (let i = 0; i < count; i++) {
    const engagement = engagements[i]!
    const t = parseTimestamp(engagement.properties.hs_timestamp)
    kind[i] = NEITHER
    if (Number.isNaN(t)) {
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
    if (t > asOf) continue // scheduled, not yet happened
    at[i] = t
    const k = classify(engagement)
    kind[i] = k
    if (k === TWO_WAY) {
      if (t > lastTwoWay) lastTwoWay = t
      if (t > lookbackFrom) twoWayInLookback++
    }
    if (engagement.type === 'meeting' && t > lookbackFrom) {
      const outcome = engagement.properties.hs_meeting_outcome
      if (outcome === 'COMPLETED') held++
      else if (outcome === 'NO_SHOW') noShows++
    }
  }

  // Outreach counts only after the last two-way touch, and only within the lookback.
  const since = Math.max(lastTwoWay, lookbackFrom)
  let unansweredOutreach = 0
  for (let i = 0; i < count; i++) if (kind[i] === OUTREACH && at[i]! > since) unansweredOutreach++

  return {
    lastTwoWay: lastTwoWay === -Infinity ? null : lastTwoWay,
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
