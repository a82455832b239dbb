import { quote } from './issues.ts'
import type { Issue, Result } from './types.ts'

/**
 * The ISO-8601 forms HubSpot writes and people type: a date (`2026-11-01`), or a date and time with
 * `Z` or an offset (`2026-11-01T09:30Z`, `2026-11-01T09:30:00Z`, `2026-11-01T09:30:00.000+01:00`).
 * A time without a zone names no single instant, so it is refused.
 */
const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):(\d{2})))?$/

/**
 * Epoch milliseconds as HubSpot sends them: 12 or 13 digits, 1973 to 2286. Shorter digit strings
 * are years, day counts or typos, never instants.
 */
const EPOCH_MS = /^\d{12,13}$/

/**
 * Reads an instant strictly: an ISO-8601 date or date-time (HubSpot's forms, with `Z` or an offset)
 * or epoch milliseconds. Anything else is refused, including dates that are not on the calendar
 * (`2026-02-30`) and the loose forms `Date.parse` accepts (`8/10`, `March 7`).
 * @returns epoch milliseconds, or one `invalid_date` issue saying what is wrong
 * @example
 * parseInstant('2026-11-01') // { success: true, value: 1793491200000 }
 * parseInstant('2026-11-01T01:00:00+01:00') // { success: true, value: 1793491200000 }
 * parseInstant('2026-02-30').success // false: February has no 30th
 * parseInstant('March 7').success // false
 */
export function parseInstant(text: string): Result<number> {
  if (EPOCH_MS.test(text)) return { success: true, value: Number(text) }
  const match = ISO_8601.exec(text)
  if (!match) {
    return refuse(
      text,
      `${quote(text)} is not an ISO-8601 date (2026-11-01, 2026-11-01T09:30:00Z) or epoch milliseconds`,
    )
  }
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1, 7).map(toNumber)
  const millisecond = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3))
  const wallClock = Date.UTC(year!, month! - 1, day!, hour, minute, second, millisecond)
  // Date.UTC rolls 2026-02-30 over into March and 24:00 into the next day: a reading that does not
  // come back as written is not on the calendar.
  const back = new Date(wallClock)
  const roundTrips =
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month! - 1 &&
    back.getUTCDate() === day &&
    back.getUTCHours() === hour &&
    back.getUTCMinutes() === minute &&
    back.getUTCSeconds() === second
  if (!roundTrips) return refuse(text, `${quote(text)} is not a date on the calendar`)
  if (match[8] === undefined || match[8] === 'Z') return { success: true, value: wallClock }
  const [offsetHours, offsetMinutes] = [Number(match[10]), Number(match[11])]
  if (offsetHours > 23 || offsetMinutes > 59)
    return refuse(text, `${quote(text)} has an impossible offset from UTC`)
  const offset = (match[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMinutes) * 60_000
  return { success: true, value: wallClock - offset }
}

/**
 * A machine-written timestamp (`hs_timestamp`, `createdate`, a history entry) read by
 * `parseInstant`.
 * @returns epoch milliseconds, or null when it is absent or unreadable
 * @example readInstant('2026-11-01T00:00:00.000Z') // 1793491200000
 */
export function readInstant(text: string | null | undefined): number | null {
  if (!text) return null
  let value = READ.get(text)
  if (value === undefined) {
    const parsed = parseInstant(text)
    value = parsed.success ? parsed.value : null
    if (READ.size >= READ_MAX) READ.clear()
    READ.set(text, value)
  }
  return value
}

/**
 * Timestamps already read. A backtest rebuilds each company at a dozen or more moments, and each
 * rebuild reads every timestamp of its records again: a third of its CPU went to parsing the same
 * strings (`npm run bench:calibrate`). Bounded, so a long process holds at most this many.
 */
const READ = new Map<string, number | null>()
const READ_MAX = 100_000

function toNumber(digits: string | undefined): number | undefined {
  return digits === undefined ? undefined : Number(digits)
}

function refuse(text: string, message: string): Result<number> {
  const issue: Issue = { code: 'invalid_date', path: [], message, input: text }
  return { success: false, issues: [issue] }
}
