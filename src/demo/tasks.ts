import type { FixtureRecord } from '@health-score/hubspot-emulator'

import {
  type CompanyContext,
  forEachActiveWeek,
  isActiveTime,
  makeRecord,
  upcomingTime,
  workingTime,
} from './context.ts'
import type { Rng } from './prng.ts'
import { HOUR_MS } from './time.ts'

const SUBJECTS = [
  'Follow up on QBR action items',
  'Send renewal quote',
  'Schedule training session',
  'Check in with champion',
  'Review open tickets',
  'Share adoption report',
] as const

const TYPES = ['TODO', 'CALL', 'EMAIL'] as const
const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH'] as const
const OPEN_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'DEFERRED'] as const

const RATE = 0.12
const LOOKAHEAD_DAYS = 14

/**
 * A year of CSM tasks (more for struggling accounts; `hs_timestamp` is the due date), mostly completed
 * once due, plus open tasks due in the two weeks after `asOf` for active customers.
 */
export function buildTasks(ctx: CompanyContext, rng: Rng): FixtureRecord[] {
  const tasks: FixtureRecord[] = []
  forEachActiveWeek(ctx, (week, health) => {
    const count = rng.poisson(RATE * ctx.activity * (0.8 + 0.6 * (1 - health)))
    for (let i = 0; i < count; i++) {
      const due = workingTime(rng, week)
      if (!isActiveTime(ctx, due)) continue
      const done = rng.chance(0.6 + 0.35 * health)
      const modified = done ? Math.min(due + rng.int(-72, 24) * HOUR_MS, ctx.asOf) : due
      const status = done ? 'COMPLETED' : rng.pick(OPEN_STATUSES)
      tasks.push(
        task(
          ctx,
          rng,
          due,
          status,
          rng.weighted(PRIORITIES, [0.4, 0.4, 0.2 + 0.4 * (1 - health)]),
          modified,
        ),
      )
    }
  })
  if (ctx.churned) return tasks
  const upcoming = rng.poisson(RATE * ctx.activity * (LOOKAHEAD_DAYS / 7))
  for (let i = 0; i < upcoming; i++) {
    const due = upcomingTime(rng, ctx.asOf, LOOKAHEAD_DAYS)
    const created = ctx.asOf - rng.int(1, 7 * 24) * HOUR_MS
    const status = rng.chance(0.8) ? 'NOT_STARTED' : 'IN_PROGRESS'
    tasks.push(task(ctx, rng, due, status, rng.pick(PRIORITIES), created))
  }
  return tasks
}

function task(
  ctx: CompanyContext,
  rng: Rng,
  due: number,
  status: string,
  priority: string,
  modified: number,
): FixtureRecord {
  return makeRecord(ctx, 'engagement', {
    hs_timestamp: ctx.stamp(due),
    hs_task_subject: rng.pick(SUBJECTS),
    hs_task_status: status,
    hs_task_priority: priority,
    hs_task_type: rng.pick(TYPES),
    hs_lastmodifieddate: ctx.stamp(modified),
  })
}
