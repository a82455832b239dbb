import { expect, it } from 'vitest'

import type { CompanyHistory, HistoryPoint } from '../../src/health/index.ts'
import {
  getDefaultModel,
  replayScores,
  saveRate,
  scoreCompany,
  snapshotAsOf,
} from '../../src/health/index.ts'
import { AS_OF, DAY, HEALTHY_PROPERTIES } from './support/mocks.ts'

const model = getDefaultModel()
const iso = (ms: number) => new Date(ms).toISOString()

/** A healthy company whose usage and NPS collapse 100 days ago and recover 40 days ago. */
function company(): CompanyHistory {
  const history: Record<string, HistoryPoint[]> = {}
  for (const [name, value] of Object.entries(HEALTHY_PROPERTIES))
    history[name] = [{ value: value ?? '', timestamp: iso(AS_OF - 400 * DAY) }]
  const change = (name: string, low: string, high: string) => {
    history[name] = [
      { value: high, timestamp: iso(AS_OF - 40 * DAY) },
      { value: low, timestamp: iso(AS_OF - 100 * DAY) },
      ...history[name]!,
    ]
  }
  change('product_active_users_30d', '5', '100')
  change('product_logins_30d', '10', '1200')
  change('nps_score', '1', '9')
  change('csat_score', '1', '4.5')
  change('days_payment_overdue', '90', '0')
  return { companyId: '101', properties: {}, history, tickets: [], engagements: [] }
}

it('replays the score each moment would have had, newest first', () => {
  const moments = [AS_OF - 120 * DAY, AS_OF - 70 * DAY, AS_OF - 10 * DAY]
  const replayed = replayScores(company(), model, [...moments].reverse())
  expect(replayed.map((point) => point.timestamp)).toEqual([...moments].reverse().map(iso))
  const [now, dip, before] = replayed.map((point) => Number(point.value))
  expect(dip).toBeLessThan(50)
  expect(before).toBeGreaterThanOrEqual(75)
  expect(now).toBeGreaterThanOrEqual(75)
  // The first moment has no past scores: exactly what scoring its snapshot gives.
  const first = scoreCompany(snapshotAsOf(company(), moments[0]!, model), model)
  expect(first.success && first.value.score).toBe(before)
})

it('feeds the save rate: red 70 days ago, healthy again 60 days later', () => {
  const monthly = Array.from({ length: 12 }, (_, k) => AS_OF - k * 10 * DAY)
  const replayed = replayScores(company(), model, monthly)
  expect(saveRate([replayed], model, { asOf: AS_OF })).toMatchObject({ red: 1, saved: 1 })
  expect(saveRate([replayed], model, { asOf: AS_OF, windowDays: 30 })).toMatchObject({
    red: 1,
    saved: 0,
  })
})
