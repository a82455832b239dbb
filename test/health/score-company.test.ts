/**
 * Whatever people type into a company's properties, and whatever a record's dates and numbers
 * hold, the result stays finite and its sentences never say "NaN", "Infinity" or "undefined".
 */
import fc from 'fast-check'
import { expect, it } from 'vitest'

import type { CompanySnapshot, HealthResult } from '../../src/health/index.ts'
import {
  describeSignals,
  extractSignals,
  getDefaultModel,
  scoreCompany,
} from '../../src/health/index.ts'
import { createSnapshot, daysAgo, HEALTHY_PROPERTIES } from './support/mocks.ts'

const model = getDefaultModel()

/** Every company property the default model reads. */
const INPUT_PROPERTIES = [
  'product_active_users_30d',
  'product_active_users_baseline',
  'product_logins_30d',
  'product_core_features_used',
  'nps_score',
  'csat_score',
  'days_payment_overdue',
  'renewal_date',
  'notes_last_contacted',
  'hs_last_sales_activity_timestamp',
  'annualrevenue',
] as const

/** The CSM's read, fuzzed with its possible values too (its reason is quoted as written, by design). */
const CSM_PROPERTIES = ['health_csm_sentiment', 'health_csm_sentiment_at'] as const

const digits = (min: number, max: number) => fc.integer({ min, max }).map((n) => '9'.repeat(n))

/** What a field can hold: anything at all, and the shapes most likely to break arithmetic. */
const raw = fc.oneof(
  fc.string(),
  fc.string({ unit: fc.constantFrom(...'0123456789.,-+/eE: TZ%$'.split('')), maxLength: 30 }),
  digits(1, 400),
  digits(300, 320).map((n) => `-${n}`),
  fc.integer({ min: 290, max: 330 }).map((n) => `0.${'0'.repeat(n)}1`),
  digits(300, 400).map((n) => `${n}/10`),
  fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e309', 'undefined', 'null', '8/10', '0', '-0'),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => String(d.getTime())),
  fc.constantFrom('2026-02-30', '2026-13-01', '2026-10-01', '1793491200000', '99999999999999'),
)

const snapshot: fc.Arbitrary<CompanySnapshot> = fc
  .record({
    properties: fc.record(
      Object.fromEntries(
        [...INPUT_PROPERTIES, ...CSM_PROPERTIES].map((name) => [
          name,
          fc.option(fc.oneof(raw, fc.constantFrom('positive', 'neutral', 'negative')), {
            nil: null,
          }),
        ]),
      ),
    ),
    ticket: fc.record({ createdate: raw, closed_date: raw, time_to_close: raw }),
    call: fc.record({ hs_timestamp: raw, hs_call_duration: raw }),
    history: raw,
  })
  .map(({ properties, ticket, call, history }) =>
    createSnapshot({
      properties: { ...HEALTHY_PROPERTIES, ...properties },
      tickets: [{ id: '1', properties: { hs_pipeline_stage: '4', ...ticket } }],
      engagements: [
        { id: '2', type: 'call', properties: { hs_call_status: 'COMPLETED', ...call } },
        {
          id: '3',
          type: 'email',
          properties: { hs_timestamp: daysAgo(200), hs_email_direction: 'EMAIL' },
        },
      ],
      propertyHistory: { health_score: [{ value: history, timestamp: daysAgo(31) }] },
    }),
  )

/** Every number anywhere in a value, with its path. */
function numbersIn(value: unknown, path = ''): [string, number][] {
  if (typeof value === 'number') return [[path, value]]
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, v]) => numbersIn(v, `${path}.${key}`))
}

function sentencesOf(result: HealthResult): string[] {
  return [
    result.topDriver,
    ...result.drivers.map((d) => d.sentence),
    ...result.redFlags,
    ...(result.playbook?.actions.map((a) => a.title) ?? []),
  ]
}

it('keeps every result finite and every sentence free of NaN, Infinity and undefined', () => {
  fc.assert(
    fc.property(snapshot, (s) => {
      const signals = extractSignals(s, model)
      for (const [key, value] of Object.entries(signals.values))
        expect([key, value === null || Number.isFinite(value)]).toEqual([key, true])
      const detail = describeSignals(signals, model)
      for (const [path, n] of numbersIn(detail))
        expect([path, Number.isFinite(n)]).toEqual([path, true])
      const sentences = detail.flatMap((c) => c.signals.map((sig) => sig.sentence ?? ''))

      const result = scoreCompany(s, model)
      if (result.success) {
        expect(Number.isInteger(result.value.score)).toBe(true)
        for (const [path, n] of numbersIn(result.value))
          expect([path, Number.isFinite(n)]).toEqual([path, true])
        sentences.push(...sentencesOf(result.value))
      }
      for (const sentence of sentences) expect(sentence).not.toMatch(/NaN|Infinity|undefined/)
    }),
    { numRuns: 1500 },
  )
})

it('gives every value it could not read a diagnostic naming the property', () => {
  const properties = Object.fromEntries(INPUT_PROPERTIES.map((name) => [name, 'Infinity']))
  const signals = extractSignals(createSnapshot({ properties }), model)
  // annualrevenue only picks a segment, so an unreadable one quietly means the default segment.
  expect(signals.diagnostics.map((d) => d.path.at(-1)).sort()).toEqual(
    INPUT_PROPERTIES.filter((name) => name !== 'annualrevenue').sort(),
  )
  expect(signals.segmentId).toBe('unsegmented')
})
