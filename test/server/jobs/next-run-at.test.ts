import { expect, it } from 'vitest'

import { nextRunAt } from '../../../src/server/index.ts'

const at = (iso: string) => Date.parse(iso)

it('answers today’s time when it is still to come', () => {
  expect(nextRunAt(at('2026-12-01T01:59:59.999Z'), '02:00')).toBe(at('2026-12-01T02:00:00Z'))
})

it('answers tomorrow’s once today’s has come, the exact moment included', () => {
  expect(nextRunAt(at('2026-12-01T02:00:00Z'), '02:00')).toBe(at('2026-12-02T02:00:00Z'))
  expect(nextRunAt(at('2026-12-01T15:00:00Z'), '02:00')).toBe(at('2026-12-02T02:00:00Z'))
})

it('crosses midnight, a month’s and a year’s end, and a leap day', () => {
  expect(nextRunAt(at('2026-12-01T23:30:00Z'), '00:15')).toBe(at('2026-12-02T00:15:00Z'))
  expect(nextRunAt(at('2026-11-30T23:59:00Z'), '23:58')).toBe(at('2026-12-01T23:58:00Z'))
  expect(nextRunAt(at('2026-12-31T22:00:00Z'), '02:00')).toBe(at('2027-01-01T02:00:00Z'))
  expect(nextRunAt(at('2028-02-28T12:00:00Z'), '02:00')).toBe(at('2028-02-29T02:00:00Z'))
})

it('keeps 24 h between runs across the dates other zones change their clocks (UTC has no DST)', () => {
  for (const day of ['2026-03-29T02:00:00Z', '2026-10-25T02:00:00Z', '2026-03-08T02:00:00Z'])
    expect(nextRunAt(at(day), '02:00') - at(day)).toBe(24 * 60 * 60 * 1000)
})

it('takes the config’s { hour, minute } as well as HH:MM', () => {
  expect(nextRunAt(at('2026-12-01T00:00:00Z'), { hour: 23, minute: 59 })).toBe(
    at('2026-12-01T23:59:00Z'),
  )
})

it('refuses a time that is not HH:MM from 00:00 to 23:59, in one line', () => {
  expect(() => nextRunAt(0, '24:00')).toThrow(
    'a time of day must be HH:MM from 00:00 to 23:59, got "24:00"',
  )
  expect(() => nextRunAt(0, '2:00')).toThrow('got "2:00"')
  expect(() => nextRunAt(0, { hour: 1, minute: 60 })).toThrow(
    'a time of day must be HH:MM from 00:00 to 23:59, got 1:60',
  )
})
