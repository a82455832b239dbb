/**
 * @module Reading property values typed by humans. "8", "8.0", " 8 " and "8/10" are numbers;
 * "N/A", "" and "unknown" are missing; out-of-range values are clamped or dropped; a number too
 * large to be finite and a date that is not ISO-8601 are missing. Every value that needed more than
 * a trim leaves a diagnostic behind, and nothing here throws.
 */
import { quote } from './issues.ts'
import { parseInstant } from './parse-instant.ts'
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
 * Reads a number from a human-typed property value. Only a finite number counts: a value too large
 * to be one (400 digits) is treated as missing.
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
  let value = readNumber(raw, path, rule, sink)
  if (value === null) return null
  if (!Number.isFinite(value)) {
    sink.push(
      diag(
        'unparseable_number',
        path,
        `${quote(raw)} is too large to be a number; treated as missing`,
        raw,
        'ignored',
      ),
    )
    return null
  }
  if (rule.min !== undefined && value < rule.min) {
    if (rule.belowMin === 'ignore') {
      const code = value < 0 && rule.min === 0 ? 'negative_value' : 'out_of_range'
      sink.push(diag(code, path, `${quote(raw)} is below ${rule.min}; ignored`, raw, 'ignored'))
      return null
    }
    sink.push(
      diag(
        'out_of_range',
        path,
        `${quote(raw)} is below ${rule.min}; read as ${rule.min}`,
        raw,
        'clamped',
      ),
    )
    value = rule.min
  }
  if (rule.max !== undefined && value > rule.max) {
    if (rule.aboveMax === 'ignore') {
      sink.push(
        diag('out_of_range', path, `${quote(raw)} is above ${rule.max}; ignored`, raw, 'ignored'),
      )
      return null
    }
    sink.push(
      diag(
        'out_of_range',
        path,
        `${quote(raw)} is above ${rule.max}; read as ${rule.max}`,
        raw,
        'clamped',
      ),
    )
    value = rule.max
  }
  return value
}

/** The number a value spells, possibly not finite; null (with a diagnostic) when it spells none. */
function readNumber(
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
        `${quote(raw)} means no value; treated as missing`,
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
          `${quote(raw)} is a fraction where a number belongs; ignored`,
          raw,
          'ignored',
        ),
      )
      return null
    }
    const value = round2((numerator / denominator) * rule.scale)
    if (!Number.isFinite(value)) return value
    sink.push(
      diag(
        'interpreted_value',
        path,
        `${quote(raw)} read as ${value} on a 0–${rule.scale} scale`,
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
      if (!Number.isFinite(value)) return value
      sink.push(
        diag('interpreted_value', path, `${quote(raw)} read as ${value}`, raw, 'interpreted'),
      )
      return value
    }
  }
  sink.push(
    diag(
      'unparseable_number',
      path,
      `${quote(raw)} is not a number; treated as missing`,
      raw,
      'ignored',
    ),
  )
  return null
}

export interface DateRule {
  /** The moment the score describes. */
  readonly asOf: number
  /** What to do with a date after `asOf` (a day of slack for time zones). */
  readonly future: 'allow' | 'ignore'
  /** What to do with a date before `asOf`. */
  readonly past?: 'allow' | 'ignore'
}

/**
 * Reads a date from a property value: an ISO-8601 date or date-time, or epoch milliseconds (see
 * `parseInstant`). Anything else, such as "8/10" or "2026-02-30", is treated as missing.
 * @returns epoch milliseconds, or null with a diagnostic
 * @example parseDate('2026-11-01', ['properties', 'renewal_date'], { asOf, future: 'allow' }, sink)
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
  if (PLACEHOLDERS.has(text.toLowerCase())) {
    sink.push(
      diag(
        'placeholder_value',
        path,
        `${quote(raw)} is not a date; treated as missing`,
        raw,
        'ignored',
      ),
    )
    return null
  }
  const parsed = parseInstant(text)
  if (!parsed.success) {
    const reason = parsed.issues[0]!.message
    sink.push(diag('invalid_date', path, `${reason}; treated as missing`, raw, 'ignored'))
    return null
  }
  const at = parsed.value
  if (rule.future === 'ignore' && at > rule.asOf + DAY_MS) {
    sink.push(
      diag(
        'future_date',
        path,
        `${quote(raw)} is in the future; treated as missing`,
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
        `${quote(raw)} has already passed; treated as missing`,
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

function round2(value: number): number {
  return Math.round(value * 100) / 100
}
