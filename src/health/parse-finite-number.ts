import { quote } from './issues.ts'
import type { Result } from './types.ts'

/** Digits with an optional sign and decimal point: no exponent, no separators, no units. */
const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/

/**
 * Reads a plain decimal number strictly. `Infinity`, `NaN`, `1e3`, `0x10`, `1,230` and a number
 * too large to be finite (400 digits) are all refused.
 * @returns the number, or one `invalid_number` issue saying what is wrong
 * @example
 * parseFiniteNumber('190') // { success: true, value: 190 }
 * parseFiniteNumber('-2.5') // { success: true, value: -2.5 }
 * parseFiniteNumber('Infinity').success // false
 * parseFiniteNumber('9'.repeat(400)).success // false: too large to be finite
 */
export function parseFiniteNumber(text: string): Result<number> {
  if (!PLAIN_NUMBER.test(text)) return refuse(text, `${quote(text)} is not a number`)
  const value = Number(text)
  if (!Number.isFinite(value)) return refuse(text, `${quote(text)} is too large to be a number`)
  return { success: true, value }
}

/**
 * A machine-written number (`time_to_close`, `hs_call_duration`, a past score) read by
 * `parseFiniteNumber`.
 * @returns the number, or null when it is absent or unreadable
 * @example readFiniteNumber('900000') // 900000
 */
export function readFiniteNumber(text: string | null | undefined): number | null {
  if (!text) return null
  const parsed = parseFiniteNumber(text)
  return parsed.success ? parsed.value : null
}

function refuse(text: string, message: string): Result<number> {
  return { success: false, issues: [{ code: 'invalid_number', path: [], message, input: text }] }
}
