import { expect, it } from 'vitest'

import type { HealthResult, PropertyValues } from '../../src/health/index.ts'
import {
  CSM_SENTIMENT_PROPERTIES,
  extractSignals,
  getDefaultModel,
  scoreCompany,
} from '../../src/health/index.ts'
import { createSnapshot, daysAgo, HEALTHY_PROPERTIES } from './support/mocks.ts'

const model = getDefaultModel()
const { sentiment, at, reason } = CSM_SENTIMENT_PROPERTIES

const withRead = (read: PropertyValues) =>
  createSnapshot({ properties: { ...HEALTHY_PROPERTIES, ...read } })

function scored(read: PropertyValues): HealthResult {
  const result = scoreCompany(withRead(read))
  if (!result.success) throw new Error(result.issues.map((i) => i.message).join('; '))
  return result.value
}

const sentimentScore = (read: PropertyValues) =>
  scored(read).components.find((c) => c.id === 'sentiment')!.score

it('reads positive high, neutral in the middle and negative low', () => {
  const positive = sentimentScore({ [sentiment]: 'positive', [at]: daysAgo(5) })!
  const neutral = sentimentScore({ [sentiment]: 'neutral', [at]: daysAgo(5) })!
  const negative = sentimentScore({ [sentiment]: 'negative', [at]: daysAgo(5) })!
  expect(positive).toBeGreaterThan(neutral)
  expect(neutral).toBeGreaterThan(negative)
  // NPS 9 (90, weight 2), CSAT 4.5 (87.5, weight 1) and the read (weight 1.5): 0, 60 or 100.
  expect(negative).toBeCloseTo((2 * 90 + 87.5) / 4.5, 1)
})

it('drives the score with the CSM’s words when the read is negative', () => {
  const result = scored({
    [sentiment]: 'negative',
    [at]: daysAgo(3),
    [reason]: 'Champion left; the new VP is reviewing every tool',
  })
  expect(result.drivers.find((d) => d.componentId === 'sentiment')?.sentence).toMatch(
    /^The CSM's read is negative: Champion left; the new VP is reviewing every tool \(−\d+ pts?\)$/,
  )
  expect(result.redFlags).toContain("The CSM's read is negative")
})

it('cuts a long reason at a word, and strips control characters', () => {
  const long = `Budget \u001b[31mfrozen\u0007 until\nQ3. ${'They asked for a discount again and again. '.repeat(6)}`
  const { notes } = extractSignals(
    withRead({ [sentiment]: 'negative', [at]: daysAgo(3), [reason]: long }),
    model,
  )
  const said = notes?.csm_sentiment?.reason ?? ''
  expect(said.startsWith('Budget [31mfrozen until Q3. They asked')).toBe(true)
  expect(said.length).toBeLessThanOrEqual(120)
  expect(said.endsWith('…')).toBe(true)
  expect([...said].every((c) => c.charCodeAt(0) >= 0x20)).toBe(true)
})

it('has no data, and no diagnostic, without a read or once it is 90 days old or in the future', () => {
  for (const read of [
    {},
    { [sentiment]: 'positive', [at]: daysAgo(91) },
    { [sentiment]: 'negative', [at]: daysAgo(-2) },
  ]) {
    const signals = extractSignals(withRead(read), model)
    expect(signals.values.csm_sentiment).toBeNull()
    expect(signals.diagnostics).toEqual([])
  }
  expect(
    extractSignals(withRead({ [sentiment]: 'positive', [at]: daysAgo(89) }), model).values
      .csm_sentiment,
  ).toBe(1)
})

it('says what it could not read: an unknown sentiment, or a read with no usable date', () => {
  const diagnosticsOf = (read: PropertyValues) =>
    extractSignals(withRead(read), model).diagnostics.map((d) => [d.path.at(-1), d.action])
  expect(diagnosticsOf({ [sentiment]: 'meh', [at]: daysAgo(1) })).toEqual([[sentiment, 'ignored']])
  expect(diagnosticsOf({ [sentiment]: 'positive' })).toEqual([[at, 'ignored']])
  expect(diagnosticsOf({ [sentiment]: 'positive', [at]: '8/10' })).toEqual([[at, 'ignored']])
})
