/**
 * @module Engagement signals: when the customer last talked back, how often, how much outreach has
 * gone unanswered since, and whether they turn up to meetings.
 */
import type { HealthModel } from './model.ts'
import { readFiniteNumber } from './parse-finite-number.ts'
import { readInstant } from './parse-instant.ts'
import { diag } from './parse-value.ts'
import { DAY_MS } from './time.ts'
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

/** What an engagement says about the relationship. */
type Touch = 'two_way' | 'outreach' | 'neither'

/** Reads the engagement signals as of `asOf`; null when engagements are not readable. */
export function readEngagements(
  engagements: readonly SnapshotEngagement[] | null,
  asOf: number,
  inputs: HealthModel['inputs'],
  sink: Diagnostic[],
): EngagementSignals | null {
  if (engagements === null) return null
  const lookbackFrom = asOf - inputs.lookbackDays * DAY_MS
  let lastTwoWay: number | null = null
  let twoWayInLookback = 0
  let held = 0
  let noShows = 0
  const outreach: number[] = []

  engagements.forEach((engagement, i) => {
    const raw = engagement.properties.hs_timestamp
    const at = readInstant(raw)
    if (at === null) {
      sink.push(
        diag(
          'invalid_date',
          ['engagements', i, 'hs_timestamp'],
          `${engagement.type} ${engagement.id} has no readable hs_timestamp; skipped`,
          raw,
          'ignored',
        ),
      )
      return
    }
    if (at > asOf) return // scheduled, not yet happened
    const touch = classify(engagement)
    if (touch === 'two_way') {
      if (lastTwoWay === null || at > lastTwoWay) lastTwoWay = at
      if (at > lookbackFrom) twoWayInLookback++
    } else if (touch === 'outreach') {
      outreach.push(at)
    }
    if (engagement.type === 'meeting' && at > lookbackFrom) {
      const outcome = engagement.properties.hs_meeting_outcome
      if (outcome === 'COMPLETED') held++
      else if (outcome === 'NO_SHOW') noShows++
    }
  })

  // Outreach counts only after the last two-way touch, and only within the lookback.
  const since = Math.max(lastTwoWay ?? lookbackFrom, lookbackFrom)
  return {
    lastTwoWay,
    twoWayInLookback,
    unansweredOutreach: outreach.filter((at) => at > since).length,
    meetingShowRate: held + noShows ? Math.round((held / (held + noShows)) * 100) : null,
  }
}

function classify(engagement: SnapshotEngagement): Touch {
  const p = engagement.properties
  switch (engagement.type) {
    case 'email':
      if (p.hs_email_direction === 'INCOMING_EMAIL') return 'two_way'
      return p.hs_email_direction === 'EMAIL' &&
        p.hs_email_status !== 'BOUNCED' &&
        p.hs_email_status !== 'FAILED'
        ? 'outreach'
        : 'neither'
    case 'call': {
      if (p.hs_call_direction === 'INBOUND') return 'two_way'
      // A completed call of unknown length counts as connected.
      const duration = readFiniteNumber(p.hs_call_duration)
      const connected =
        p.hs_call_status === 'COMPLETED' && (duration === null || duration >= CONNECTED_CALL_MS)
      return connected ? 'two_way' : 'outreach'
    }
    case 'meeting':
      if (p.hs_meeting_outcome === 'COMPLETED') return 'two_way'
      return p.hs_meeting_outcome === 'NO_SHOW' ? 'outreach' : 'neither'
    default:
      return 'neither'
  }
}
