/**
 * @module The demo portal's past, as the app would have written it had it been scoring the portal
 * weekly: the demo is generated fresh, so it has no `health_score` history for trends, the weekly
 * chart or the save rate. Each company's scores at each of the last weeks are replayed from its own
 * history (`replayScores`, as calibrate does for a portal without score history) and written into
 * the emulator's store at those moments, oldest first, only where the value changed, so the
 * emulator's property history reads as a real portal's would. Each tier change carries its
 * transition (`health_previous_tier`, `health_tier_changed_at`) in the same write, as a rescore's
 * `tierTransition` would have, so the rescore after it finds them in step with the replayed tiers.
 * Demo only: a real portal's past is what the app actually wrote.
 */
import type { CompiledModel } from '../health/index.ts'
import { replayScores, tierOf } from '../health/index.ts'
import { ensurePropertySchema, gatherHistory, tierTransition } from '../hubspot/index.ts'
import type { Target } from './connect.ts'

const WEEK_MS = 7 * 86_400_000

/** What was replayed. */
export interface DemoPast {
  readonly companies: number
  /** The moments replayed, epoch ms, oldest first. */
  readonly moments: readonly number[]
}

/**
 * The moments to replay: each of the last `weeks` weeks, and every fourth week before them back to
 * `months` months, so that red accounts of a few months ago have had the save rate's 90 days.
 * @example pastMoments(now, 12, 8).length // 17: weeks 1–12, then 16, 20, 24, 28, 32
 */
export function pastMoments(now: number, weeks: number, months: number): number[] {
  const moments: number[] = []
  const oldest = Math.floor((months * 30) / 7)
  for (let week = oldest; week >= 1; week--)
    if (week <= weeks || (week - weeks) % 4 === 0) moments.push(now - week * WEEK_MS)
  return moments
}

/**
 * Replays the demo portal's scores at `pastMoments` into its store.
 * @throws Error when the target is not the demo portal
 * @example
 * await seedDemoPast(target, getDefaultModel(), { weeks: 12, months: 8 })
 * await rescoreTarget(target, { progress: true }) // today's scores, with a 30-day trend
 */
export async function seedDemoPast(
  target: Target,
  model: CompiledModel,
  options: { readonly weeks: number; readonly months: number; readonly now?: number },
): Promise<DemoPast> {
  if (!target.demo) throw new Error('only the demo portal has a past to replay')
  const now = options.now ?? Date.now()
  const moments = pastMoments(now, options.weeks, options.months)
  const table = target.demo.emulator.store.table('companies')
  const scoreName = model.model.inputs.scoreHistory
  // @note The store types a column when it is first written: the properties must exist first, so
  //   `health_tier_changed_at` is kept as a date-time that searches compare as one.
  await ensurePropertySchema(target.connection, model)
  let companies = 0
  for await (const page of gatherHistory(target.connection, { model, outcomes: null })) {
    for (const { company } of page.companies) {
      const row = table.rowOf(company.companyId)
      // replayScores lists newest first, as HubSpot does; the store takes writes in time order.
      const points = replayScores(company, model, moments).reverse()
      let last: Record<string, string> = {}
      for (const point of points) {
        const tier = tierOf(Number(point.value), model)
        // daysInTier 0: a first replayed score has no score before it, so its tier begins there.
        const transition = tierTransition(
          { tier, scoredAt: point.timestamp, trend: { daysInTier: 0 } },
          last,
        )
        const values = { [scoreName]: point.value ?? '', health_tier: tier }
        const changed = Object.fromEntries(
          Object.entries(values).filter(([name, value]) => last[name] !== value),
        )
        if (Object.keys(changed).length)
          table.write(
            row,
            { ...changed, ...transition },
            { at: Date.parse(point.timestamp), sourceType: 'INTEGRATION' },
          )
        last = { ...last, ...values, ...transition }
      }
      if (points.length) companies++
    }
  }
  return { companies, moments }
}
