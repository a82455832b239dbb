import fc from 'fast-check'
import { expect, it } from 'vitest'

import { parseInstant } from '../../src/health/index.ts'
import { readInstant } from '../../src/health/parse-instant.ts'

const strictly = (text: string) => {
  const parsed = parseInstant(text)
  return parsed.success ? parsed.value : null
}

it('reads a timestamp as parseInstant does, however often it is read', () => {
  const iso = fc
    .date({ min: new Date('1990-01-01'), max: new Date('2090-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString())
  const texts = fc.array(fc.oneof(iso, fc.string(), fc.constant('2026-02-30')), { minLength: 1 })
  fc.assert(
    fc.property(texts, (list) => {
      for (const text of [...list, ...list]) expect(readInstant(text)).toBe(strictly(text))
    }),
  )
  expect(readInstant('')).toBe(null)
  expect(readInstant(null)).toBe(null)
})

it('still reads correctly once it has read more distinct timestamps than it keeps', () => {
  const first = '2026-11-01T00:00:00.000Z'
  expect(readInstant(first)).toBe(Date.parse(first))
  for (let k = 0; k < 120_000; k++)
    readInstant(new Date(Date.UTC(2020, 0, 1) + k * 60_000).toISOString())
  expect(readInstant(first)).toBe(Date.parse(first))
  expect(readInstant('8/10')).toBe(null)
  expect(readInstant('8/10')).toBe(null)
})
