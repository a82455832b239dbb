import { expect, it } from 'vitest'

import type { Diagnostic } from '../../src/health/index.ts'
import type { NumberRule } from '../../src/health/parse-value.ts'
import { parseDate, parseNumber } from '../../src/health/parse-value.ts'
import { AS_OF, DAY } from './support/mocks.ts'

const NPS: NumberRule = { min: 0, max: 10, scale: 10 }
const COUNT: NumberRule = { min: 0, belowMin: 'ignore' }
const OVERDUE: NumberRule = { min: 0, belowMin: 'clamp' }

type Row = [
  raw: string | null | undefined,
  rule: NumberRule,
  value: number | null,
  code: Diagnostic['code'] | null,
]

// What people type into CRM number fields, and what the engine makes of it.
const NUMBER_TABLE: Row[] = [
  ['8', NPS, 8, null],
  ['8.0', NPS, 8, null],
  [' 8 ', NPS, 8, null],
  ['8/10', NPS, 8, 'interpreted_value'],
  ['4/5', NPS, 8, 'interpreted_value'],
  ['11', NPS, 10, 'out_of_range'],
  ['-3', NPS, 0, 'out_of_range'],
  ['N/A', NPS, null, 'placeholder_value'],
  ['unknown', COUNT, null, 'placeholder_value'],
  ['-', COUNT, null, 'placeholder_value'],
  ['', COUNT, null, 'empty_value'],
  ['   ', COUNT, null, 'empty_value'],
  ['-4', COUNT, null, 'negative_value'],
  ['-5', OVERDUE, 0, 'out_of_range'],
  ['1,230', COUNT, 1230, 'interpreted_value'],
  ['85%', COUNT, 85, 'interpreted_value'],
  ['$1,200', COUNT, 1200, 'interpreted_value'],
  ['12 days', OVERDUE, 12, 'interpreted_value'],
  ['8/10', COUNT, null, 'unparseable_number'],
  ['eight', COUNT, null, 'unparseable_number'],
  ['1.2.3', COUNT, null, 'unparseable_number'],
  [null, COUNT, null, null],
  [undefined, COUNT, null, null],
]

it.each(NUMBER_TABLE)('reads %j with rule %o as %j (%s)', (raw, rule, value, code) => {
  const sink: Diagnostic[] = []
  expect(parseNumber(raw, ['properties', 'x'], rule, sink)).toBe(value)
  expect(sink.map((d) => d.code)).toEqual(code ? [code] : [])
  for (const d of sink) {
    expect(d.path).toEqual(['properties', 'x'])
    expect(d.input).toBe(raw)
    if (raw?.trim()) expect(d.message).toContain(JSON.stringify(raw))
  }
})

it('never throws on any string', () => {
  const sink: Diagnostic[] = []
  for (const raw of ['\u0000', '1e309', 'NaN', 'Infinity', '0x10', '٣', '1/0', '/']) {
    const value = parseNumber(raw, [], NPS, sink)
    expect(value === null || Number.isFinite(value)).toBe(true)
  }
})

it('treats a number too large to be finite as missing, however it is written', () => {
  const huge = '9'.repeat(400)
  for (const [raw, rule] of [
    [huge, COUNT],
    [`$${huge}`, COUNT],
    [`${huge}/10`, NPS],
    [`-${huge}`, OVERDUE],
  ] as const) {
    const sink: Diagnostic[] = []
    expect([raw, parseNumber(raw, ['properties', 'x'], rule, sink)]).toEqual([raw, null])
    expect(sink.map((d) => [d.code, d.action])).toEqual([['unparseable_number', 'ignored']])
    expect(sink[0]!.message).toMatch(/^"[-$]?9+…" is too large to be a number; treated as missing$/)
  }
})

const PAST = { asOf: AS_OF, future: 'ignore' } as const

it.each([
  ['2026-10-01T12:00:00.000Z', Date.parse('2026-10-01T12:00:00.000Z'), null],
  ['2026-10-01', Date.parse('2026-10-01T00:00:00Z'), null],
  ['2026-10-01T12:00:00Z', Date.parse('2026-10-01T12:00:00.000Z'), null],
  ['2026-10-01T13:00:00+01:00', Date.parse('2026-10-01T12:00:00.000Z'), null],
  [String(AS_OF - DAY), AS_OF - DAY, null],
  ['2027-01-01', null, 'future_date'],
  ['yesterday', null, 'invalid_date'],
  ['8/10', null, 'invalid_date'],
  ['March 7', null, 'invalid_date'],
  ['2026-02-30', null, 'invalid_date'],
  ['2026-10-01 12:00', null, 'invalid_date'],
  [String((AS_OF - DAY) / 1000), null, 'invalid_date'],
  ['N/A', null, 'placeholder_value'],
  ['', null, 'empty_value'],
] as const)('reads the date %j', (raw, value, code) => {
  const sink: Diagnostic[] = []
  expect(parseDate(raw, ['properties', 'd'], PAST, sink)).toBe(value)
  expect(sink.map((d) => d.code)).toEqual(code ? [code] : [])
})

it('allows future dates where they belong, and drops past ones on request', () => {
  const sink: Diagnostic[] = []
  const rule = { asOf: AS_OF, future: 'allow', past: 'ignore' } as const
  expect(parseDate('2027-01-01', [], rule, sink)).toBe(Date.parse('2027-01-01T00:00:00Z'))
  expect(parseDate('2026-01-01', [], rule, sink)).toBeNull()
  expect(sink.map((d) => d.code)).toEqual(['past_date'])
})
