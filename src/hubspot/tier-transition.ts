/**
 * @module The tier-transition properties: the tier before the last change and when it changed,
 * from the tier HubSpot holds now and the new result, so workflows can trigger on transitions
 * (Healthy → Neutral, Healthy for 90 days) and re-enrol only when the tier really moves.
 */
import type { HealthResult, TierId } from '../health/index.ts'
import { TIERS } from '../health/index.ts'
import { type CurrentValues, TIER_CHANGED_AT_PROPERTY } from './property-diff.ts'

/** The names of the transition properties and of the segment (value track) property. */
export const TRANSITION_PROPERTIES = {
  previousTier: 'health_previous_tier',
  changedAt: TIER_CHANGED_AT_PROPERTY,
  valueTrack: 'health_value_track',
} as const

const DAY_MS = 86_400_000

function isTier(value: string): value is TierId {
  return (TIERS as readonly string[]).includes(value)
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : ''
}

/**
 * The transition values a result should add to the write, given the company's current values:
 * - the tier changed: `health_previous_tier` = the tier HubSpot held, `health_tier_changed_at` =
 *   the scoring moment;
 * - the tier is unchanged and its change time is known: nothing, so a rerun writes nothing;
 * - no tier yet (first score), or a tier scored before these properties existed: the change time
 *   is when the current tier began by the score history (the scoring moment when there is none),
 *   and the previous tier stays empty: the app saw no change.
 *
 * @note They go into the same update as `health_tier`, so a run killed mid-write cannot land one
 *   without the other; a resumed run reads the new tier back and sees no change.
 * @example
 * tierTransition(result, { health_tier: 'healthy', health_tier_changed_at: '2026-01-05T00:00:00.000Z' })
 * // result.tier 'neutral' → { health_previous_tier: 'healthy', health_tier_changed_at: result.scoredAt }
 */
export function tierTransition(
  result: Pick<HealthResult, 'tier' | 'scoredAt'> & {
    readonly trend: Pick<HealthResult['trend'], 'daysInTier'>
  },
  current: CurrentValues,
): Record<string, string> {
  const before = current.health_tier?.trim() ?? ''
  const scoredAt = Date.parse(result.scoredAt)
  if (before !== '' && before !== result.tier)
    return {
      [TRANSITION_PROPERTIES.previousTier]: isTier(before) ? before : '',
      [TRANSITION_PROPERTIES.changedAt]: iso(scoredAt),
    }
  if (before !== '' && current[TRANSITION_PROPERTIES.changedAt]?.trim()) return {}
  // @note daysInTier is whole days, so the start is at most a day late: what a "more than 90 days
  //   ago" filter needs, and the same count the engine's minDaysInTier playbooks use.
  return { [TRANSITION_PROPERTIES.changedAt]: iso(scoredAt - result.trend.daysInTier * DAY_MS) }
}
