/** @module When a daily UTC time of day next comes: the nightly rescore's clock arithmetic, pure. */

/** A time of day, UTC (the config's `rescoreAt`). */
export interface TimeOfDay {
  readonly hour: number
  readonly minute: number
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/
const DAY_MS = 24 * 60 * 60 * 1000

/**
 * The first moment strictly after `now` (epoch ms) at `at` UTC: today's if it is still to come,
 * else tomorrow's. UTC has no daylight saving: every day is 24 h.
 * @throws Error when `at` is not HH:MM from 00:00 to 23:59
 * @example
 * nextRunAt(Date.parse('2026-12-01T23:30:00Z'), '02:00') // Date.parse('2026-12-02T02:00:00Z')
 */
export function nextRunAt(now: number, at: TimeOfDay | string): number {
  const { hour, minute } = typeof at === 'string' ? parseTimeOfDay(at) : at
  const valid = (n: number, below: number) => Number.isInteger(n) && n >= 0 && n < below
  if (!valid(hour, 24) || !valid(minute, 60))
    throw new Error(`a time of day must be HH:MM from 00:00 to 23:59, got ${hour}:${minute}`)
  const day = new Date(now)
  const today = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), hour, minute)
  return today > now ? today : today + DAY_MS
}

function parseTimeOfDay(text: string): TimeOfDay {
  const match = HH_MM.exec(text)
  if (!match) throw new Error(`a time of day must be HH:MM from 00:00 to 23:59, got "${text}"`)
  return { hour: Number(match[1]), minute: Number(match[2]) }
}
