/**
 * @module The CSM's own read of an account, set from the card: a sentiment, when it was given and
 * why. It feeds the sentiment component while it is recent, and says nothing once it is stale.
 */
import { quote } from './issues.ts'
import type { HealthModel } from './model.ts'
import { parseDate } from './parse-value.ts'
import { diag } from './parse-value.ts'
import { DAY_MS } from './time.ts'
import type { Diagnostic, PropertyValues } from './types.ts'

/** The app-owned company properties that hold the CSM's read (written by the card only). */
export const CSM_SENTIMENT_PROPERTIES = {
  sentiment: 'health_csm_sentiment',
  at: 'health_csm_sentiment_at',
  reason: 'health_csm_sentiment_reason',
} as const

/** The `health_csm_sentiment` options, and the signal value each stands for. */
export const CSM_SENTIMENTS = { negative: -1, neutral: 0, positive: 1 } as const
export type CsmSentiment = keyof typeof CSM_SENTIMENTS

/** How much of the reason a driver sentence quotes. */
const MAX_REASON_LENGTH = 120

export interface CsmRead {
  /** -1 negative, 0 neutral, 1 positive; null without a recent read. */
  readonly value: number | null
  readonly reason?: string
}

/**
 * Reads the CSM's sentiment as of `asOf`. A read older than `maxAgeDays`, or dated after `asOf`,
 * simply has no data; an unknown sentiment or an unreadable date gets a diagnostic.
 * @example
 * readCsmSentiment({ health_csm_sentiment: 'negative', health_csm_sentiment_at: '2026-10-20',
 *   health_csm_sentiment_reason: 'Champion left' }, asOf, inputs, sink)
 * // { value: -1, reason: 'Champion left' }
 */
export function readCsmSentiment(
  properties: PropertyValues,
  asOf: number,
  inputs: HealthModel['inputs']['csmSentiment'],
  sink: Diagnostic[],
): CsmRead {
  const raw = properties[inputs.property]
  if (raw === null || raw === undefined || raw.trim() === '') return { value: null }
  const sentiment = raw.trim().toLowerCase()
  if (!Object.hasOwn(CSM_SENTIMENTS, sentiment)) {
    sink.push(
      diag(
        'unparseable_number',
        ['properties', inputs.property],
        `${quote(raw)} is not one of ${Object.keys(CSM_SENTIMENTS).join(', ')}; treated as missing`,
        raw,
        'ignored',
      ),
    )
    return { value: null }
  }
  const atPath = ['properties', inputs.atProperty]
  const rawAt = properties[inputs.atProperty]
  if (!rawAt) {
    sink.push(
      diag(
        'empty_value',
        atPath,
        `the CSM's read has no date; treated as missing`,
        rawAt,
        'ignored',
      ),
    )
    return { value: null }
  }
  const at = parseDate(rawAt, atPath, { asOf, future: 'allow' }, sink)
  if (at === null || at > asOf || at < asOf - inputs.maxAgeDays * DAY_MS) return { value: null }
  const reason = shorten(properties[inputs.reasonProperty] ?? '')
  const value = CSM_SENTIMENTS[sentiment as CsmSentiment]
  return reason ? { value, reason } : { value }
}

/** One line of at most `MAX_REASON_LENGTH` characters, cut at a word where it can be. */
function shorten(text: string): string {
  const line = [...text]
    .map((c) => (isControl(c) ? ' ' : c))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()
  if (line.length <= MAX_REASON_LENGTH) return line
  const cut = line.slice(0, MAX_REASON_LENGTH - 1)
  const atWord = cut.lastIndexOf(' ')
  return `${(atWord > MAX_REASON_LENGTH / 2 ? cut.slice(0, atWord) : cut).trimEnd()}…`
}

/** C0 and C1 control characters: a reason reaches terminals and cards, never escape sequences. */
function isControl(char: string): boolean {
  const code = char.charCodeAt(0)
  return code < 0x20 || (code >= 0x7f && code <= 0x9f)
}
