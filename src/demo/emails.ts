import type { FixtureRecord } from '@health-score/hubspot-emulator'

import {
  type CompanyContext,
  forEachActiveWeek,
  isActiveTime,
  makeRecord,
  toMinute,
  touch,
  workingTime,
} from './context.ts'
import type { Rng } from './prng.ts'
import { HOUR_MS } from './time.ts'

const OUTREACH_SUBJECTS = [
  'Checking in',
  'Quarterly business review',
  'Your renewal',
  'New features this month',
  'Training session invite',
  'Following up on your ticket',
  'Adoption tips for your team',
  'Quick question',
  'Invoice reminder',
] as const

const REPLY_SUBJECTS = OUTREACH_SUBJECTS.map((subject) => `Re: ${subject}`)

const CUSTOMER_SUBJECTS = [
  'Question about our invoice',
  'Adding users',
  'How do I export reports?',
  'Integration issue',
  'Feedback on the new release',
  'Contract question',
] as const

/** Outreach per week at neutral health; struggling accounts get a little more. */
const OUTREACH_RATE = 0.3
const CUSTOMER_RATE = 0.2

/**
 * A year of emails: CSM outreach (`EMAIL`), the customer's replies (`INCOMING_EMAIL`, likelier the
 * healthier the account), and emails the customer starts.
 */
export function buildEmails(ctx: CompanyContext, rng: Rng): FixtureRecord[] {
  const emails: FixtureRecord[] = []
  forEachActiveWeek(ctx, (week, health) => {
    const outreach = rng.poisson(OUTREACH_RATE * ctx.activity * (0.8 + 0.4 * (1 - health)))
    for (let i = 0; i < outreach; i++) {
      const t = workingTime(rng, week)
      if (!isActiveTime(ctx, t)) continue
      const s = rng.int(0, OUTREACH_SUBJECTS.length - 1)
      const bounced = rng.chance(0.015)
      emails.push(email(ctx, t, 'EMAIL', bounced ? 'BOUNCED' : 'SENT', OUTREACH_SUBJECTS[s] ?? ''))
      touch(ctx, t, true)
      if (bounced || !rng.chance(0.1 + 0.75 * health)) continue
      const reply = toMinute(t + rng.logUniform(0.5, 96) * HOUR_MS)
      if (!isActiveTime(ctx, reply)) continue
      emails.push(email(ctx, reply, 'INCOMING_EMAIL', 'SENT', REPLY_SUBJECTS[s] ?? ''))
      touch(ctx, reply, false)
    }
    const inbound = rng.poisson(CUSTOMER_RATE * ctx.activity * health)
    for (let i = 0; i < inbound; i++) {
      const t = workingTime(rng, week)
      if (!isActiveTime(ctx, t)) continue
      emails.push(email(ctx, t, 'INCOMING_EMAIL', 'SENT', rng.pick(CUSTOMER_SUBJECTS)))
      touch(ctx, t, false)
    }
  })
  return emails
}

function email(
  ctx: CompanyContext,
  t: number,
  direction: 'EMAIL' | 'INCOMING_EMAIL',
  status: 'SENT' | 'BOUNCED',
  subject: string,
): FixtureRecord {
  const at = ctx.stamp(t)
  return makeRecord(ctx, 'engagement', {
    hs_timestamp: at,
    hs_email_direction: direction,
    hs_email_status: status,
    hs_email_subject: subject,
    hs_lastmodifieddate: at,
  })
}
