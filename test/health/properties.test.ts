/**
 * Properties the score must keep for every input, checked with fast-check over random signal sets.
 */
import fc from 'fast-check'
import { expect, it } from 'vitest'

import type { HealthModel, HealthResult, SignalSet } from '../../src/health/index.ts'
import {
  BUILT_IN_SIGNALS,
  compileModel,
  DEFAULT_MODEL_INPUT,
  getDefaultModel,
  parseModel,
  scoreSignals,
} from '../../src/health/index.ts'
import { createSignals } from './support/mocks.ts'

const model = getDefaultModel()
const SEGMENTS = ['smb', 'mid_market', 'enterprise', 'unsegmented'] as const

/** Uniform over the range, to two decimals (fc.double crowds its draws near zero). */
const uniform = (min: number, max: number) =>
  fc.integer({ min: min * 100, max: max * 100 }).map((v) => v / 100)
const value = fc.option(uniform(-50, 500), { nil: null, freq: 4 })
const signalSet = fc
  .record({
    values: fc.record(
      Object.fromEntries(BUILT_IN_SIGNALS.map((key) => [key, value])) as Record<
        string,
        typeof value
      >,
    ),
    segmentId: fc.constantFrom(...SEGMENTS),
  })
  .map(({ values, segmentId }) => createSignals(values, { segmentId }))

function scored(signals: SignalSet, m = model): HealthResult | null {
  const result = scoreSignals(signals, m)
  return result.success ? result.value : null
}

function signalSpec(key: string) {
  for (const component of model.model.components) {
    const signal = component.signals.find((s) => s.source === key)
    if (signal) return signal
  }
  throw new Error(`no signal reads ${key}`)
}

it('keeps every score an integer within 0–100', () => {
  fc.assert(
    fc.property(signalSet, (signals) => {
      const result = scored(signals)
      if (!result) return
      expect(Number.isInteger(result.score)).toBe(true)
      expect(result.score).toBeGreaterThanOrEqual(0)
      expect(result.score).toBeLessThanOrEqual(100)
      expect(result.coverage).toBeGreaterThanOrEqual(model.model.minCoverage)
    }),
    { numRuns: 2000 },
  )
})

it('never lowers the score when a signal moves in its better direction', () => {
  fc.assert(
    fc.property(
      signalSet,
      fc.constantFrom(...BUILT_IN_SIGNALS),
      uniform(-50, 500),
      uniform(0, 200),
      (signals, key, start, step) => {
        const better =
          signalSpec(key).direction === 'higher_is_better' ? start + step : start - step
        const before = scored({ ...signals, values: { ...signals.values, [key]: start } })
        const after = scored({ ...signals, values: { ...signals.values, [key]: better } })
        if (!before || !after) return
        expect(after.score).toBeGreaterThanOrEqual(before.score)
        // The rounded score hides small moves; the component scores (to 0.1) show them.
        before.components.forEach((c, i) => {
          expect(after.components[i]!.score ?? 0).toBeGreaterThanOrEqual(c.score ?? 0)
        })
      },
    ),
    { numRuns: 2000 },
  )
})

it('changes nothing when every weight is scaled by the same constant', () => {
  fc.assert(
    fc.property(signalSet, fc.double({ min: 0.01, max: 1000, noNaN: true }), (signals, k) => {
      const scaledModel = scaleWeights(k)
      const a = scored(signals)
      const b = scored(signals, scaledModel)
      expect(b?.score).toBe(a?.score)
      expect(b?.tier).toBe(a?.tier)
      expect(b?.coverage).toBe(a?.coverage)
      a?.components.forEach((c, i) =>
        expect(b!.components[i]!.effectiveWeight).toBeCloseTo(c.effectiveWeight, 9),
      )
    }),
    { numRuns: 300 },
  )
})

it("spreads a removed component's weight over the rest in proportion to their weights", () => {
  fc.assert(
    fc.property(signalSet, fc.nat({ max: model.components.length - 1 }), (signals, index) => {
      const full = scored(signals)
      if (!full || full.components[index]!.score === null) return
      const removedKeys = model.components[index]!.signals.map((s) => s.key)
      const values = { ...signals.values }
      for (const key of removedKeys) values[key] = null
      const reduced = scoreSignals({ ...signals, values }, model)
      const rest = full.components.filter((c, i) => i !== index && c.score !== null)
      const restWeight = rest.reduce((sum, c) => sum + c.weight, 0)
      const allWeight = full.components.reduce((sum, c) => sum + c.weight, 0)
      const scorable =
        restWeight > 0 && Math.round((restWeight / allWeight) * 100) >= model.model.minCoverage
      expect(reduced.success).toBe(scorable)
      if (!reduced.success) return
      const exact = rest.reduce((sum, c) => sum + c.weight * c.score!, 0) / restWeight
      // Component scores are reported to one decimal, so allow for that rounding.
      expect(Math.abs(reduced.value.score - exact)).toBeLessThanOrEqual(0.55)
      for (const c of reduced.value.components) {
        const expected = c.score === null ? 0 : c.weight / restWeight
        expect(c.effectiveWeight).toBeCloseTo(expected, 9)
      }
    }),
    { numRuns: 1000 },
  )
})

it('gives the same result for the same input, whatever the order of the values', () => {
  fc.assert(
    fc.property(signalSet, (signals) => {
      const reversed = Object.fromEntries(Object.entries(signals.values).reverse())
      expect(scoreSignals({ ...signals, values: reversed }, model)).toEqual(
        scoreSignals(signals, model),
      )
      expect(scoreSignals(signals, model)).toEqual(scoreSignals(signals, model))
    }),
    { numRuns: 300 },
  )
})

function scaleWeights(k: number) {
  const input = structuredClone(DEFAULT_MODEL_INPUT) as unknown as HealthModel
  for (const component of input.components) component.weight *= k
  for (const segment of input.segments) {
    for (const id of Object.keys(segment.weights)) segment.weights[id]! *= k
  }
  const parsed = parseModel(input)
  if (!parsed.success) throw new Error('scaled model rejected')
  return compileModel(parsed.value)
}
