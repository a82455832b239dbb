/** The one rule of each flag, wherever it appears. */
import { expect, it } from 'vitest'

import { wholeNumber } from '../../src/cli/flag.ts'
import { FLAGS } from '../../src/cli/flags.ts'

it.each(['1e9', '1e3', '0x10', '2.0', '-1', '+5', ' 5', '', '５'])(
  'reads %j as no whole number',
  (raw) => {
    expect(wholeNumber(0, 10_000).safeParse(raw).success).toBe(false)
  },
)

it('reads digits as a number within the bounds, and names them when out of bounds', () => {
  expect(FLAGS.companies.rule.parse('200000')).toBe(200_000)
  expect(FLAGS.companies.rule.parse('007')).toBe(7)
  expect(FLAGS.companies.rule.safeParse('200001').error?.issues[0]?.message).toBe(
    'must be a whole number from 1 to 200000',
  )
  expect(FLAGS.companies.rule.safeParse('0').success).toBe(false)
  expect(FLAGS.seed.rule.parse('0')).toBe(0)
  expect(FLAGS.port.rule.parse('0')).toBe(0)
})

it("reads --since as 'last' or a moment", () => {
  expect(FLAGS.since.rule.parse('last')).toBe('last')
  expect(FLAGS.since.rule.parse('2026-11-20')).toBe(Date.UTC(2026, 10, 20))
  expect(FLAGS.since.rule.safeParse('yesterday').success).toBe(false)
})

it('takes http and https base URLs only', () => {
  expect(FLAGS.baseUrl.rule.parse('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010')
  expect(FLAGS.baseUrl.rule.parse('https://api.hubapi.com')).toBe('https://api.hubapi.com')
  expect(FLAGS.baseUrl.rule.safeParse('ftp://example.com').success).toBe(false)
  expect(FLAGS.baseUrl.rule.safeParse('api.hubapi.com').success).toBe(false)
})

it('refuses empty names for folders, files and tokens', () => {
  for (const rule of [FLAGS.dataDir.rule, FLAGS.fixture.rule, FLAGS.token.rule])
    expect(rule.safeParse('').success).toBe(false)
})
