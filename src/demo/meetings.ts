import type { FixtureRecord } from '@health-score/hubspot-emulator'

import {
  type CompanyContext,
  forEachActiveWeek,
  isActiveTime,
  makeRecord,
  touch,
  upcomingTime,
  workingTime,
} from './context.ts'
import { latentAt } from './latent.ts'
import type { Rng } from './prng.ts'
import { DAY_MS, HOUR_MS } from './time.ts'

const TITLES = [
  'Quarterly business review',
  'Onboarding review',
  'Renewal planning',
  'Product roadmap session',
  'Executive sponsor sync',
  'Admin training',
] as const

const OUTCOMES = ['COMPLETED', 'NO_SHOW', 'CANCELED', 'RESCHEDULED'] as const

const RATE = 0.1
/** How far ahead meetings are already on the calendar at `asOf`. */
const LOOKAHEAD_DAYS = 21

/**
 * A year of meetings with outcomes (no-shows and cancellations are likelier when health is low),
 * plus meetings already scheduled in the three weeks after `asOf` for active customers.
 */
export function buildMeetings(ctx: CompanyContext, rng: Rng): FixtureRecord[] {
  const meetings: FixtureRecord[] = []
  forEachActiveWeek(ctx, (week, health) => {
    const count = rng.poisson(RATE * ctx.activity * (0.5 + health))
    for (let i = 0; i < count; i++) {
      const start = workingTime(rng, week)
      if (!isActiveTime(ctx, start)) continue
      const bad = 1 - health
      const outcome = rng.weighted(OUTCOMES, [
        0.55 + 0.4 * health,
        0.02 + 0.15 * bad,
        0.03 + 0.2 * bad,
        0.06,
      ])
      meetings.push(meeting(ctx, rng, start, outcome, start))
      if (outcome === 'COMPLETED' || outcome === 'RESCHEDULED') touch(ctx, start, true)
    }
  })
  if (ctx.churned) return meetings
  const health = latentAt(ctx.latent, ctx.asOf)
  const upcoming = rng.poisson(RATE * ctx.activity * (0.5 + health) * (LOOKAHEAD_DAYS / 7))
  for (let i = 0; i < upcoming; i++) {
    const start = upcomingTime(rng, ctx.asOf, LOOKAHEAD_DAYS)
    const bookedAt = ctx.asOf - rng.int(1, 14 * 24) * HOUR_MS
    meetings.push(meeting(ctx, rng, start, 'SCHEDULED', bookedAt))
  }
  return meetings
}

function meeting(
  ctx: CompanyContext,
  rng: Rng,
  start: number,
  outcome: string,
  modified: number,
): FixtureRecord {
  const at = ctx.stamp(start)
  const end = start + (rng.chance(0.6) ? 30 : 60) * 60_000
  // @note A past meeting's record is last touched when its outcome is logged, shortly after it ends.
  const loggedAt = outcome === 'SCHEDULED' ? modified : Math.min(end + DAY_MS / 24, ctx.asOf)
  return makeRecord(ctx, 'engagement', {
    hs_timestamp: at,
    hs_meeting_title: rng.pick(TITLES),
    hs_meeting_start_time: at,
    hs_meeting_end_time: ctx.stamp(end),
    hs_meeting_outcome: outcome,
    hs_lastmodifieddate: ctx.stamp(loggedAt),
  })
}
