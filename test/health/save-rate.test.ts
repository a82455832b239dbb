import { describe, expect, it } from 'vitest'

import type { HistoryPoint } from '../../src/health/index.ts'
import { getDefaultModel, saveRate } from '../../src/health/index.ts'
import { AS_OF, DAY } from './support/mocks.ts'

const model = getDefaultModel()
// The default tiers: healthy ≥ 75, neutral ≥ 50, at risk ≥ 25, critical below.
const tiers = model.tierBounds.map((bound) => `${bound.tier}≥${bound.min}`).join(' ')

/** A history from `[daysBeforeAsOf, score]` pairs, newest first as HubSpot lists it. */
const history = (...points: [number, number | string][]): HistoryPoint[] =>
  points
    .map(([days, score]) => ({
      value: String(score),
      timestamp: new Date(AS_OF - days * DAY).toISOString(),
    }))
    .sort((a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp))

describe('saveRate', () => {
  it('runs on the default tiers', () => {
    expect(tiers).toBe('healthy≥75 neutral≥50 at_risk≥25 critical≥0')
  })

  it('counts red accounts that reached Healthy within the window over all red accounts', () => {
    const result = saveRate(
      [
        history([200, 80], [180, 35], [120, 80]), // critical, healthy 60 days later: saved
        history([300, 45], [150, 80]), // at risk, healthy 150 days later: too late
        history([300, 45], [250, 65], [200, 70]), // at risk, then only neutral: not saved
        history([300, 80], [200, 70]), // never red
      ],
      model,
      { asOf: AS_OF },
    )
    expect(result).toEqual({ red: 3, saved: 1, pending: 0, rate: 1 / 3, windowDays: 90 })
  })

  it('leaves out reds still inside their window, unless already saved', () => {
    const result = saveRate(
      [history([30, 40]), history([30, 40], [10, 90]), history([200, 30])],
      model,
      { asOf: AS_OF },
    )
    expect(result).toMatchObject({ red: 2, saved: 1, pending: 1, rate: 0.5 })
  })

  it('counts a second red spell, the window and the start of the period', () => {
    const twoSpells = history([400, 30], [380, 70], [100, 30], [50, 80])
    expect(saveRate([twoSpells], model, { asOf: AS_OF }).saved).toBe(1)
    expect(saveRate([twoSpells], model, { asOf: AS_OF, windowDays: 30 }).saved).toBe(0)
    // Red only before the period: not a red account of it.
    expect(
      saveRate([history([400, 30], [350, 90])], model, { asOf: AS_OF, from: AS_OF - 300 * DAY })
        .red,
    ).toBe(0)
  })

  it('ignores points after asOf and unreadable points, and says null with no red account', () => {
    expect(saveRate([history([10, 30], [-5, 90])], model, { asOf: AS_OF }).saved).toBe(0)
    expect(saveRate([history([200, 'n/a'], [200, 130])], model, { asOf: AS_OF }).rate).toBeNull()
    expect(saveRate([], model, { asOf: AS_OF })).toMatchObject({ red: 0, rate: null })
  })

  it('counts an account that left only up to then: red after leaving is not red, red before is lost', () => {
    const redAfterLeaving = history([300, 80], [200, 80], [100, 20])
    const redBeforeLeaving = history([300, 80], [60, 40])
    const histories = [redAfterLeaving, redBeforeLeaving]
    expect(saveRate(histories, model, { asOf: AS_OF })).toMatchObject({ red: 1, pending: 1 })
    const left = AS_OF - 150 * DAY
    expect(
      saveRate(histories, model, { asOf: AS_OF, leftAt: [left, AS_OF - 30 * DAY] }),
    ).toMatchObject({ red: 1, saved: 0, pending: 0 })
    // A save before leaving is still a save; a leaving date after asOf changes nothing.
    const savedThenLeft = history([300, 40], [250, 80], [100, 20])
    expect(saveRate([savedThenLeft], model, { asOf: AS_OF, leftAt: [left] }).saved).toBe(1)
    expect(saveRate(histories, model, { asOf: AS_OF, leftAt: [null, AS_OF + DAY] })).toMatchObject({
      red: 1,
      pending: 1,
    })
  })

  it('refuses a window that is not a positive number of days', () => {
    expect(() => saveRate([], model, { asOf: AS_OF, windowDays: 0 })).toThrow(
      'windowDays must be a positive number of days, got 0',
    )
  })
})
