import type { FixtureRecord } from '@health-score/hubspot-emulator'

import {
  type CompanyContext,
  forEachActiveWeek,
  isActiveTime,
  makeRecord,
  workingTime,
} from './context.ts'
import type { Rng } from './prng.ts'

const POSITIVE = [
  'Great call. Team is expanding usage to a second department.',
  'Champion very happy with the latest release; open to a case study.',
  'Discussed upsell to the premium tier; strong interest.',
  'Admin reports smooth rollout, weekly usage up.',
] as const

const NEUTRAL = [
  'Routine check-in. No blockers raised.',
  'Walked through reporting features; follow-up training requested.',
  'Confirmed billing contact and renewal owner.',
  'Shared roadmap update; questions on integrations.',
] as const

const NEGATIVE = [
  'Champion left the company; new contact not yet engaged.',
  'Customer frustrated with open support issues.',
  'Budget cuts mentioned; renewal at risk.',
  'Usage has dropped; team evaluating a competitor.',
  'Complaints about performance and missing features.',
] as const

const RATE = 0.15

/** A year of CSM notes whose tone follows the latent health, with noise. */
export function buildNotes(ctx: CompanyContext, rng: Rng): FixtureRecord[] {
  const notes: FixtureRecord[] = []
  forEachActiveWeek(ctx, (week, health) => {
    const count = rng.poisson(RATE * ctx.activity)
    for (let i = 0; i < count; i++) {
      const t = workingTime(rng, week)
      if (!isActiveTime(ctx, t)) continue
      const mood = health + 0.2 * rng.normal()
      const body = rng.pick(mood > 0.65 ? POSITIVE : mood < 0.4 ? NEGATIVE : NEUTRAL)
      const at = ctx.stamp(t)
      notes.push(
        makeRecord(ctx, 'engagement', {
          hs_timestamp: at,
          hs_note_body: body,
          hs_lastmodifieddate: at,
        }),
      )
    }
  })
  return notes
}
