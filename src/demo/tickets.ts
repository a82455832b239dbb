import type { FixtureRecord } from '@health-score/hubspot-emulator'

import {
  type CompanyContext,
  forEachActiveWeek,
  isActiveTime,
  makeRecord,
  toMinute,
  workingTime,
} from './context.ts'
import type { Rng } from './prng.ts'
import { DAY_MS, HOUR_MS } from './time.ts'

const CATEGORIES = ['PRODUCT_ISSUE', 'BILLING_ISSUE', 'FEATURE_REQUEST', 'GENERAL_INQUIRY'] as const
const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT'] as const
/** Typical close time by priority, relative to a MEDIUM ticket. */
const PRIORITY_SPEED = { LOW: 1.5, MEDIUM: 1, HIGH: 0.6, URGENT: 0.3 } as const

const SUBJECTS: Record<(typeof CATEGORIES)[number], readonly string[]> = {
  PRODUCT_ISSUE: [
    'Dashboard not loading',
    'Sync errors since update',
    'Export fails',
    'Login loop',
  ],
  BILLING_ISSUE: ['Charged twice', 'Invoice does not match contract', 'Update payment method'],
  FEATURE_REQUEST: ['Request: custom fields on reports', 'Request: SSO for contractors'],
  GENERAL_INQUIRY: ['How do I add a user?', 'Where are the API docs?', 'How to set up alerts'],
}

/**
 * A year of tickets in the default pipeline. Unhealthy accounts file more, with more product and
 * billing problems, higher priorities and slower closes; tickets still open at `asOf` sit in
 * stages 1–3, closed ones in stage 4 with `closed_date` and `time_to_close` (ms).
 */
export function buildTickets(ctx: CompanyContext, rng: Rng): FixtureRecord[] {
  const tickets: FixtureRecord[] = []
  forEachActiveWeek(ctx, (week, health) => {
    const bad = 1 - health
    const count = rng.poisson(ctx.profile.ticketRate * ctx.ticketScale * (0.6 + 1.6 * bad))
    for (let i = 0; i < count; i++) {
      const created = workingTime(rng, week)
      if (!isActiveTime(ctx, created)) continue
      const weights = [
        0.25 + 0.3 * bad,
        0.05 + 0.2 * bad * bad,
        0.15 + 0.15 * health,
        0.25 + 0.2 * health,
      ]
      const first = rng.weighted(CATEGORIES, weights)
      const second = rng.chance(0.06) ? rng.weighted(CATEGORIES, weights) : first
      const category = second === first ? first : `${first};${second}`
      const priority = rng.weighted(PRIORITIES, [
        0.1 + 0.35 * health,
        0.4,
        0.1 + 0.3 * bad,
        0.02 + 0.15 * bad * bad,
      ])
      const hours =
        Math.exp(Math.log(8) + 1.1 * rng.normal()) * (1 + 2 * bad) * PRIORITY_SPEED[priority]
      let closed = toMinute(created + hours * HOUR_MS)
      // @note A departing customer's tickets are closed out within a week of the churn.
      if (ctx.churned) closed = Math.min(closed, ctx.activeUntil + rng.int(1, 7) * DAY_MS)
      const subject = rng.pick(SUBJECTS[first])
      tickets.push(ticket(ctx, rng, { created, closed, priority, category, subject }))
    }
  })
  return tickets
}

interface TicketDraft {
  created: number
  closed: number
  priority: string
  category: string
  subject: string
}

function ticket(ctx: CompanyContext, rng: Rng, draft: TicketDraft): FixtureRecord {
  const isClosed = draft.closed <= ctx.asOf
  const lastTouch = isClosed
    ? draft.closed
    : Math.min(toMinute(draft.created + rng.logUniform(0.1, 72) * HOUR_MS), ctx.asOf)
  return makeRecord(ctx, 'ticket', {
    subject: draft.subject,
    hs_pipeline: '0',
    hs_pipeline_stage: isClosed ? '4' : rng.pick(['1', '2', '3']),
    hs_ticket_priority: draft.priority,
    hs_ticket_category: draft.category,
    createdate: ctx.stamp(draft.created),
    closed_date: isClosed ? ctx.stamp(draft.closed) : null,
    time_to_close: isClosed ? String(draft.closed - draft.created) : null,
    hs_lastmodifieddate: ctx.stamp(lastTouch),
  })
}
