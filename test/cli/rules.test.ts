/** The one rule of each flag and argument, wherever it appears. */
import { expect, it } from 'vitest'

import { RULES, wholeNumber } from '../../src/cli/rules.ts'

it.each(['1e9', '1e3', '0x10', '2.0', '-1', '+5', ' 5', '', '５'])(
  'reads %j as no whole number',
  (raw) => {
    expect(wholeNumber(0, 10_000).safeParse(raw).success).toBe(false)
  },
)

it('reads digits as a number within the bounds, and names them when out of bounds', () => {
  expect(RULES.companies.parse('200000')).toBe(200_000)
  expect(RULES.companies.parse('007')).toBe(7)
  expect(RULES.companies.safeParse('200001').error?.issues[0]?.message).toBe(
    'must be a whole number from 1 to 200000',
  )
  expect(RULES.companies.safeParse('0').success).toBe(false)
  expect(RULES.seed.parse('0')).toBe(0)
  expect(RULES.port.parse('0')).toBe(0)
})

it("reads --since as 'last' or a moment", () => {
  expect(RULES.since.parse('last')).toBe('last')
  expect(RULES.since.parse('2026-11-20')).toBe(Date.UTC(2026, 10, 20))
  expect(RULES.since.safeParse('yesterday').success).toBe(false)
  expect(RULES.since.safeParse('March 7').success).toBe(false)
  expect(RULES.since.safeParse('2026-02-30').success).toBe(false)
  expect(RULES.since.safeParse(String(Date.now() + 60_000)).success).toBe(false)
})

it('takes http and https base URLs only', () => {
  expect(RULES.baseUrl.parse('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010')
  expect(RULES.baseUrl.parse('https://api.hubapi.com')).toBe('https://api.hubapi.com')
  expect(RULES.baseUrl.safeParse('ftp://example.com').success).toBe(false)
  expect(RULES.baseUrl.safeParse('api.hubapi.com').success).toBe(false)
})

it('refuses empty names for folders, files and tokens', () => {
  for (const rule of [RULES.folder, RULES.file, RULES.token, RULES.faults])
    expect(rule.safeParse('').success).toBe(false)
})

it('takes company ids as HubSpot writes them, and names the one that is not', () => {
  expect(RULES.companyIds.parse(['101', '100000001'])).toEqual(['101', '100000001'])
  expect(RULES.companyIds.safeParse(['101', 'acme']).error?.issues[0]?.message).toBe(
    "'acme' is not a company id (HubSpot ids are numbers)",
  )
})
