import fc from 'fast-check'
import { expect, it } from 'vitest'

import { iso, isoDate, TimestampCache } from '../../src/demo/time.ts'

const MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999)

it('formats exactly as Date#toISOString', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: MAX }), (ms) => {
      expect(iso(ms)).toBe(new Date(ms).toISOString())
    }),
    { numRuns: 5000 },
  )
  for (const ms of [0, Date.UTC(2000, 1, 29), Date.UTC(2100, 2, 1) - 1, Date.UTC(2026, 10, 1)]) {
    expect(iso(ms)).toBe(new Date(ms).toISOString())
  }
})

it('formats dates as YYYY-MM-DD', () => {
  expect(isoDate(Date.UTC(2027, 0, 15, 13))).toBe('2027-01-15')
})

it('shares one string per cached minute and formats the rest directly', () => {
  const from = Date.UTC(2026, 0, 1)
  const cache = new TimestampCache(from, from + 864e5)
  const minute = from + 90 * 60_000
  expect(cache.format(minute)).toBe(iso(minute))
  expect(cache.format(minute)).toBe(cache.format(minute))
  expect(cache.format(minute + 1)).toBe(iso(minute + 1))
  expect(cache.format(from - 60_000)).toBe(iso(from - 60_000))
})
