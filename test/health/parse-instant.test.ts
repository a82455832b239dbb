import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { parseInstant } from '../../src/health/index.ts'

const at = (text: string) => {
  const parsed = parseInstant(text)
  return parsed.success ? parsed.value : parsed.issues.map((i) => `${i.code}: ${i.message}`)
}

describe(parseInstant, () => {
  it('reads every ISO timestamp exactly as Date.parse does', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        const iso = new Date(ms).toISOString()
        expect(parseInstant(iso)).toEqual({ success: true, value: ms })
        expect(at(iso)).toBe(Date.parse(iso))
      }),
      { numRuns: 5000 },
    )
  })

  it.each([
    ['2026-11-01', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T00:00:00Z', '2026-11-01T00:00:00.000Z'],
    ['2026-11-01T09:30Z', '2026-11-01T09:30:00.000Z'],
    ['2026-11-01T09:30:00.5Z', '2026-11-01T09:30:00.500Z'],
    ['2026-11-01T09:30:00.123456789Z', '2026-11-01T09:30:00.123Z'],
    ['2026-11-01T10:30:00+01:00', '2026-11-01T09:30:00.000Z'],
    ['2026-11-01T04:00:00.000-05:30', '2026-11-01T09:30:00.000Z'],
    ['2028-02-29', '2028-02-29T00:00:00.000Z'],
    ['1793491200000', '2026-11-01T00:00:00.000Z'],
    ['100000000000', '1973-03-03T09:46:40.000Z'],
  ])('reads %j as %s', (text, iso) => {
    expect(at(text)).toBe(Date.parse(iso))
  })

  it.each([
    ['2026-02-30', 'is not a date on the calendar'],
    ['2027-02-29', 'is not a date on the calendar'],
    ['2026-13-01', 'is not a date on the calendar'],
    ['2026-11-01T24:00:00Z', 'is not a date on the calendar'],
    ['2026-11-01T23:59:60Z', 'is not a date on the calendar'],
    ['2026-11-01T00:00:00+24:00', 'has an impossible offset from UTC'],
    ['8/10', 'is not an ISO-8601 date'],
    ['March 7', 'is not an ISO-8601 date'],
    ['2026-11-01T00:00:00', 'is not an ISO-8601 date'],
    ['2026-11-01 00:00:00.000Z', 'is not an ISO-8601 date'],
    ['2026-11-01T00:00:00.000+0', 'is not an ISO-8601 date'],
    ['1793491200', 'is not an ISO-8601 date'],
    ['2026', 'is not an ISO-8601 date'],
    [' 2026-11-01', 'is not an ISO-8601 date'],
    ['', 'is not an ISO-8601 date'],
  ])('refuses %j: it %s', (text, reason) => {
    expect(at(text)).toEqual([
      expect.stringContaining(`invalid_date: ${JSON.stringify(text)} ${reason}`),
    ])
  })
})
