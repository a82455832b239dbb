import type { FixtureRecord } from '@health-score/hubspot-emulator'

import {
  type CompanyContext,
  forEachActiveWeek,
  isActiveTime,
  makeRecord,
  touch,
  workingTime,
} from './context.ts'
import type { Rng } from './prng.ts'

const OUTBOUND_TITLES = [
  'Check-in call',
  'Renewal discussion',
  'Onboarding follow-up',
  'Usage review',
]
const INBOUND_TITLES = ['Support call', 'Billing question', 'Escalation', 'Account question']
const MISSED = ['NO_ANSWER', 'NO_ANSWER', 'NO_ANSWER', 'BUSY', 'FAILED'] as const

const OUTBOUND_RATE = 0.2
const INBOUND_RATE = 0.06

/**
 * A year of calls. Outbound calls connect more often with healthy accounts; unhealthy ones call in
 * more (support, billing, escalations) and talk for longer.
 */
export function buildCalls(ctx: CompanyContext, rng: Rng): FixtureRecord[] {
  const calls: FixtureRecord[] = []
  forEachActiveWeek(ctx, (week, health) => {
    const outbound = rng.poisson(OUTBOUND_RATE * ctx.activity)
    for (let i = 0; i < outbound; i++) {
      const t = workingTime(rng, week)
      if (!isActiveTime(ctx, t)) continue
      const connected = rng.chance(0.3 + 0.6 * health)
      const status = connected ? 'COMPLETED' : rng.pick(MISSED)
      const minutes = connected ? rng.logUniform(3, 45) : rng.range(0, 0.6)
      calls.push(call(ctx, t, rng.pick(OUTBOUND_TITLES), 'OUTBOUND', status, minutes))
      touch(ctx, t, true)
    }
    const inbound = rng.poisson(INBOUND_RATE * ctx.activity * (0.5 + 1.5 * (1 - health)))
    for (let i = 0; i < inbound; i++) {
      const t = workingTime(rng, week)
      if (!isActiveTime(ctx, t)) continue
      const minutes = rng.logUniform(2, 30) * (1.6 - 0.8 * health)
      calls.push(call(ctx, t, rng.pick(INBOUND_TITLES), 'INBOUND', 'COMPLETED', minutes))
      touch(ctx, t, true)
    }
  })
  return calls
}

function call(
  ctx: CompanyContext,
  t: number,
  title: string,
  direction: 'INBOUND' | 'OUTBOUND',
  status: string,
  minutes: number,
): FixtureRecord {
  const at = ctx.stamp(t)
  return makeRecord(ctx, 'engagement', {
    hs_timestamp: at,
    hs_call_title: title,
    hs_call_direction: direction,
    hs_call_status: status,
    hs_call_duration: String(Math.round(minutes * 60) * 1000),
    hs_lastmodifieddate: at,
  })
}
