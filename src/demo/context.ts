import type { FixtureRecord, PropertyValues } from '@health-score/hubspot-emulator'

import { latentAt, type LatentPath } from './latent.ts'
import type { Rng } from './prng.ts'
import type { SegmentProfile } from './segments.ts'
import { DAY_MS, HOUR_MS, MINUTE_MS, mondayOnOrBefore, WEEK_MS } from './time.ts'

/**
 * Numeric id spaces per record kind, so ids are unique across the whole portal.
 * @note They stay below 2^30 so V8 formats them as small integers, about twice as fast.
 */
const ID_BASES = {
  company: 100_000_000,
  ticket: 200_000_000,
  deal: 300_000_000,
  engagement: 400_000_000,
} as const

export type IdKind = keyof typeof ID_BASES

/** Hands out sequential numeric-string ids per kind; engagement types share one sequence. */
export class IdAllocator {
  private readonly last: Record<IdKind, number> = { ...ID_BASES }

  next(kind: IdKind): string {
    return String(++this.last[kind])
  }
}

/** What every record builder knows about the company it is generating for. */
export interface CompanyContext {
  id: string
  /**
   * `[id]`, frozen and shared by every record of this company to keep large portals lean.
   * @note Consumers must copy before mutating a record's `companyIds`.
   */
  companyIds: readonly string[]
  name: string
  profile: SegmentProfile
  latent: LatentPath
  asOf: number
  createdAt: number
  /** Start of the engagement year: `asOf − 365 days`. */
  windowStart: number
  /** When activity stops: the lost renewal's date, or `asOf`. */
  activeUntil: number
  churned: boolean
  /** Engagement-rate multiplier: segment activity times the portal's activity scale. */
  activity: number
  ticketScale: number
  ids: IdAllocator
  /** Formats a timestamp (ms) as ISO-8601, sharing strings across the portal. */
  stamp: (ms: number) => string
  /** Roll-up inputs, updated by the engagement builders (ms; 0 when never). */
  touches: Touches
}

/** The moments behind HubSpot's activity roll-ups on the company. */
export interface Touches {
  /** Last logged call, sales email or meeting: `notes_last_contacted`. */
  lastContacted: number
  /** Last activity of either side, replies included: `hs_last_sales_activity_timestamp`. */
  lastActivity: number
}

/** Records a past touch in the company's roll-ups. */
export function touch(ctx: CompanyContext, t: number, contacted: boolean): void {
  if (t > ctx.asOf) return
  if (contacted && t > ctx.touches.lastContacted) ctx.touches.lastContacted = t
  if (t > ctx.touches.lastActivity) ctx.touches.lastActivity = t
}

/** Builds a fixture record sharing the company's `companyIds` array. */
export function makeRecord(
  ctx: CompanyContext,
  kind: IdKind,
  properties: PropertyValues,
): FixtureRecord {
  return { id: ctx.ids.next(kind), properties, companyIds: ctx.companyIds as string[] }
}

/**
 * Calls `visit(weekStart, health)` for each Monday-aligned week overlapping the company's active part
 * of the engagement year, with the latent health in the middle of that week.
 */
export function forEachActiveWeek(
  ctx: CompanyContext,
  visit: (weekStart: number, health: number) => void,
): void {
  const from = Math.max(ctx.windowStart, ctx.createdAt)
  for (let week = mondayOnOrBefore(from); week < ctx.activeUntil; week += WEEK_MS) {
    visit(week, latentAt(ctx.latent, week + WEEK_MS / 2))
  }
}

/** True when `t` lies in the company's active part of the engagement year. */
export function isActiveTime(ctx: CompanyContext, t: number): boolean {
  return t >= ctx.windowStart && t >= ctx.createdAt && t < ctx.activeUntil && t <= ctx.asOf
}

/** A working-hours moment (Monday–Friday, 13:00–23:00 UTC, whole minutes) in the week. */
export function workingTime(rng: Rng, weekStart: number): number {
  const day = rng.int(0, 4)
  const minutes = rng.int(13 * 60, 23 * 60 - 1)
  return weekStart + day * DAY_MS + minutes * MINUTE_MS
}

/** Rounds a moment to the whole minute (the generator's time granularity). */
export function toMinute(ms: number): number {
  return Math.round(ms / MINUTE_MS) * MINUTE_MS
}

/** A working-hours moment within `days` days after `from` (for upcoming, scheduled items). */
export function upcomingTime(rng: Rng, from: number, days: number): number {
  const day = Math.floor(from / DAY_MS) + rng.int(1, days)
  return day * DAY_MS + rng.int(13, 21) * HOUR_MS + (rng.chance(0.5) ? 30 * 60_000 : 0)
}
