/**
 * @module Reading property values typed by humans. "8", "8.0", " 8 " and "8/10" are numbers;
 * "N/A", "" and "unknown" are missing; out-of-range values are clamped or dropped. Every value that
 * needed more than a trim leaves a diagnostic behind, and nothing here throws.
 */
import { DAY_MS } from './time.ts'
import type { Diagnostic, IssuePath } from './types.ts'

const PLACEHOLDERS = new Set([
  'n/a',
  'na',
  'n.a.',
  'none',
  'null',
  'nil',
  'unknown',
  'unk',
  'tbd',
  'tba',
  '-',
  '--',
  '?',
  'nan',
  'undefined',
  '#n/a',
])

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/
const THOUSANDS = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/
const FRACTION = /^([+-]?\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)$/
const DECORATED = /^[$€£]?\s*([+-]?[\d.,]+)\s*(%|days?|d)?$/i

export interface NumberRule {
  /** Values below it are clamped up to it, or ignored when `belowMin` is `'ignore'`. */
  readonly min?: number
  readonly max?: number
  readonly belowMin?: 'clamp' | 'ignore'
  readonly aboveMax?: 'clamp' | 'ignore'
  /** A fraction like "8/10" or "4/5" is rescaled to this maximum. Without it, fractions are unreadable. */
  readonly scale?: number
}

/** Appends to `out` and returns it: the diagnostics of one snapshot share one array. */
export type DiagnosticSink = Diagnostic[]

/**
 * Reads a number from a human-typed property value.
 * @returns the number, or null when the value is absent or unusable (with a diagnostic in `sink`)
 * @example parseNumber('8/10', ['properties', 'nps_score'], { min: 0, max: 10, scale: 10 }, sink) // 8
 */
export function parseNumber(
  raw: string | null | undefined,
  path: IssuePath,
  rule: NumberRule,
  sink: DiagnosticSink,
): number | null {
  if (raw === null || raw === undefined) return null
  // Fast path: most values are already clean numbers.
  let value = PLAIN_NUMBER.test(raw) ? Number(raw) : readMessyNumber(raw, path, rule, sink)
  if (value === null) return null
  if (rule.min !== undefined && value < rule.min) {
    if (rule.belowMin === 'ignore') {
      sink.push(
        diag('negative_value', path, `${show(raw)} is below ${rule.min}; ignored`, raw, 'ignored'),
      )
      return null
    }
    sink.push(
      diag(
        'out_of_range',
        path,
        `${show(raw)} is below ${rule.min}; read as ${rule.min}`,
        raw,
        'clamped',
      ),
    )
    value = rule.min
  }
  if (rule.max !== undefined && value > rule.max) {
    if (rule.aboveMax === 'ignore') {
      sink.push(
        diag('out_of_range', path, `${show(raw)} is above ${rule.max}; ignored`, raw, 'ignored'),
      )
      return null
    }
    sink.push(
      diag(
        'out_of_range',
        path,
        `${show(raw)} is above ${rule.max}; read as ${rule.max}`,
        raw,
        'clamped',
      ),
    )
    value = rule.max
  }
  return value
}

function readMessyNumber(
  raw: string,
  path: IssuePath,
  rule: NumberRule,
  sink: DiagnosticSink,
): number | null {
  const text = raw.trim()
  if (text === '') {
    sink.push(diag('empty_value', path, 'the value is empty; treated as missing', raw, 'ignored'))
    return null
  }
  if (PLAIN_NUMBER.test(text)) return Number(text)
  if (PLACEHOLDERS.has(text.toLowerCase())) {
    sink.push(
      diag(
        'placeholder_value',
        path,
        `${show(raw)} means no value; treated as missing`,
        raw,
        'ignored',
      ),
    )
    return null
  }
  const fraction = FRACTION.exec(text)
  if (fraction) {
    const [numerator, denominator] = [Number(fraction[1]), Number(fraction[2])]
    if (rule.scale === undefined || denominator === 0) {
      sink.push(
        diag(
          'unparseable_number',
          path,
          `${show(raw)} is a fraction where a number belongs; ignored`,
          raw,
          'ignored',
        ),
      )
      return null
    }
    const value = round2((numerator / denominator) * rule.scale)
    sink.push(
      diag(
        'interpreted_value',
        path,
        `${show(raw)} read as ${value} on a 0–${rule.scale} scale`,
        raw,
        'interpreted',
      ),
    )
    return value
  }
  const decorated = DECORATED.exec(text)
  if (decorated) {
    const digits = decorated[1]!
    const plain = THOUSANDS.test(digits) ? digits.replaceAll(',', '') : digits
    if (PLAIN_NUMBER.test(plain)) {
      const value = Number(plain)
      sink.push(
        diag('interpreted_value', path, `${show(raw)} read as ${value}`, raw, 'interpreted'),
      )
      return value
    }
  }
  sink.push(
    diag(
      'unparseable_number',
      path,
      `${show(raw)} is not a number; treated as missing`,
      raw,
      'ignored',
    ),
  )
  return null
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/
const EPOCH = /^\d{10,13}$/

export interface DateRule {
  /** The moment the score describes. */
  readonly asOf: number
  /** What to do with a date after `asOf` (a day of slack for time zones). */
  readonly future: 'allow' | 'ignore'
  /** What to do with a date before `asOf`. */
  readonly past?: 'allow' | 'ignore'
}

/**
 * Reads a date: ISO-8601, a plain `YYYY-MM-DD`, or epoch milliseconds (or seconds) as HubSpot's
 * older APIs send them.
 * @returns epoch milliseconds, or null with a diagnostic
 */
export function parseDate(
  raw: string | null | undefined,
  path: IssuePath,
  rule: DateRule,
  sink: DiagnosticSink,
): number | null {
  if (raw === null || raw === undefined) return null
  const text = raw.trim()
  if (text === '') {
    sink.push(diag('empty_value', path, 'the date is empty; treated as missing', raw, 'ignored'))
    return null
  }
  const at = DATE_ONLY.test(text) ? Date.parse(`${text}T00:00:00Z`) : parseTimestamp(text)
  if (Number.isNaN(at)) {
    const code = PLACEHOLDERS.has(text.toLowerCase()) ? 'placeholder_value' : 'invalid_date'
    sink.push(diag(code, path, `${show(raw)} is not a date; treated as missing`, raw, 'ignored'))
    return null
  }
  if (rule.future === 'ignore' && at > rule.asOf + DAY_MS) {
    sink.push(
      diag(
        'future_date',
        path,
        `${show(raw)} is in the future; treated as missing`,
        raw,
        'ignored',
      ),
    )
    return null
  }
  if (rule.past === 'ignore' && at < rule.asOf - DAY_MS) {
    sink.push(
      diag(
        'past_date',
        path,
        `${show(raw)} has already passed; treated as missing`,
        raw,
        'ignored',
      ),
    )
    return null
  }
  return at
}

/** Builds a diagnostic. */
export function diag(
  code: Diagnostic['code'],
  path: IssuePath,
  message: string,
  input: unknown,
  action: Diagnostic['action'],
): Diagnostic {
  return { code, path, message, input, action }
}

function show(raw: string): string {
  return JSON.stringify(raw)
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}

/**
 * Reads a machine-written timestamp: the ISO form HubSpot sends (`2026-11-01T09:30:00.000Z`) on a
 * fast path, anything else `Date.parse` accepts, or epoch milliseconds.
 * @returns epoch milliseconds, or NaN
 */
export function parseTimestamp(text: string | null | undefined): number {
  if (!text) return Number.NaN
  if (text.length === 24 && text.charCodeAt(10) === 84 && text.charCodeAt(23) === 90) {
    const at = readIsoUtc(text)
    if (at === at) return at // not NaN
  }
  if (EPOCH.test(text)) return text.length === 10 ? Number(text) * 1000 : Number(text)
  return Date.parse(text)
}

/** `YYYY-MM-DDTHH:MM:SS.sssZ` read digit by digit: several times faster than `Date.parse`. */
function readIsoUtc(t: string): number {
  const y0 = t.charCodeAt(0) - 48,
    y1 = t.charCodeAt(1) - 48,
    y2 = t.charCodeAt(2) - 48,
    y3 = t.charCodeAt(3) - 48
  const mo0 = t.charCodeAt(5) - 48,
    mo1 = t.charCodeAt(6) - 48,
    d0 = t.charCodeAt(8) - 48,
    d1 = t.charCodeAt(9) - 48
  const h0 = t.charCodeAt(11) - 48,
    h1 = t.charCodeAt(12) - 48,
    mi0 = t.charCodeAt(14) - 48,
    mi1 = t.charCodeAt(15) - 48
  const s0 = t.charCodeAt(17) - 48,
    s1 = t.charCodeAt(18) - 48
  const ms0 = t.charCodeAt(20) - 48,
    ms1 = t.charCodeAt(21) - 48,
    ms2 = t.charCodeAt(22) - 48
  // Every digit in 0–9 (an unsigned compare catches the negatives), separators where they belong.
  if (
    y0 >>> 0 > 9 ||
    y1 >>> 0 > 9 ||
    y2 >>> 0 > 9 ||
    y3 >>> 0 > 9 ||
    mo0 >>> 0 > 9 ||
    mo1 >>> 0 > 9 ||
    d0 >>> 0 > 9 ||
    d1 >>> 0 > 9 ||
    h0 >>> 0 > 9 ||
    h1 >>> 0 > 9 ||
    mi0 >>> 0 > 9 ||
    mi1 >>> 0 > 9 ||
    s0 >>> 0 > 9 ||
    s1 >>> 0 > 9 ||
    ms0 >>> 0 > 9 ||
    ms1 >>> 0 > 9 ||
    ms2 >>> 0 > 9 ||
    t.charCodeAt(4) !== 45 ||
    t.charCodeAt(7) !== 45 ||
    t.charCodeAt(13) !== 58 ||
    t.charCodeAt(16) !== 58 ||
    t.charCodeAt(19) !== 46
  ) {
    return Number.NaN
  }
  const month = mo0 * 10 + mo1
  const day = d0 * 10 + d1
  const hour = h0 * 10 + h1
  const minute = mi0 * 10 + mi1
  const second = s0 * 10 + s1
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59)
    return Number.NaN
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
  return (
    daysFromCivil(year, month, day) * DAY_MS +
    hour * 3_600_000 +
    minute * 60_000 +
    second * 1000 +
    ms0 * 100 +
    ms1 * 10 +
    ms2
  )
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}
