/**
 * Driver sentences state only what is known: a value that is a stand-in, a cap or a fallback is
 * said as such, never as a reading.
 */
import { expect, it } from 'vitest'

import type { CompanySnapshot, HealthResult } from '../../src/health/index.ts'
import {
  describeSignals,
  extractSignals,
  getDefaultModel,
  scoreCompany,
  scoreSignals,
} from '../../src/health/index.ts'
import {
  createSignals,
  createSnapshot,
  daysAgo,
  engagement,
  HEALTHY_PROPERTIES,
  THRIVING_SIGNALS,
} from './support/mocks.ts'

const model = getDefaultModel()

function scored(snapshot: CompanySnapshot): HealthResult {
  const result = scoreCompany(snapshot)
  if (!result.success) throw new Error(result.issues.map((i) => i.message).join('; '))
  return result.value
}

const driverOf = (result: HealthResult, componentId: string) =>
  result.drivers.find((d) => d.componentId === componentId)?.sentence

const sentenceOf = (snapshot: CompanySnapshot, signalId: string) =>
  describeSignals(extractSignals(snapshot, model), model)
    .flatMap((c) => c.signals)
    .find((s) => s.id === signalId)?.sentence

it('tells a company with no touches at all that there was none in the window, not when the last was', () => {
  const result = scored(createSnapshot({ engagements: [] }))
  expect(driverOf(result, 'engagement')).toMatch(
    /^No two-way touch in the last 180 days \(−\d+ pts\)$/,
  )
  expect(result.drivers.map((d) => d.sentence).join(' ')).not.toContain('was 180 days ago')
})

it('calls a last-contacted date a logged contact, since it may have been one-way', () => {
  const result = scored(
    createSnapshot({
      engagements: null,
      properties: { ...HEALTHY_PROPERTIES, notes_last_contacted: daysAgo(70) },
    }),
  )
  expect(driverOf(result, 'engagement')).toBe('The last logged contact was 70 days ago (−7 pts)')
  const touched = [
    engagement('email', { hs_timestamp: daysAgo(70), hs_email_direction: 'INCOMING_EMAIL' }),
  ]
  expect(sentenceOf(createSnapshot({ engagements: touched }), 'last_two_way_touch')).toBe(
    'The last two-way touch was 70 days ago',
  )
})

it('says a far-off or recently touched renewal is beyond the horizon, not at it', () => {
  const far = createSnapshot({ properties: { ...HEALTHY_PROPERTIES, renewal_date: '2027-09-01' } })
  expect(sentenceOf(far, 'renewal_untouched')).toBe('No untouched renewal in the next 120 days')
  const near = { ...HEALTHY_PROPERTIES, renewal_date: '2026-11-21' }
  const touched = [
    engagement('email', { hs_timestamp: daysAgo(3), hs_email_direction: 'INCOMING_EMAIL' }),
  ]
  expect(
    sentenceOf(createSnapshot({ properties: near, engagements: touched }), 'renewal_untouched'),
  ).toBe('No untouched renewal in the next 120 days')
  expect(sentenceOf(createSnapshot({ properties: near }), 'renewal_untouched')).toBe(
    'Renewal is 20 days away with no touch in the last 30 days',
  )
})

it('says logins are per onboarded user when the active users are unknown', () => {
  const { product_active_users_30d: _users, ...rest } = HEALTHY_PROPERTIES
  expect(sentenceOf(createSnapshot({ properties: rest }), 'logins_per_user')).toBe(
    'Users of the onboarding baseline log in 12 times a month on average',
  )
  expect(sentenceOf(createSnapshot(), 'logins_per_user')).toBe(
    'Users log in 12 times a month on average',
  )
})

it('never quotes a clamped NPS or CSAT: a value off the scale is set aside', () => {
  const snapshot = createSnapshot({
    properties: { ...HEALTHY_PROPERTIES, nps_score: '-3', csat_score: '9' },
  })
  const signals = extractSignals(snapshot, model)
  expect([signals.values.nps, signals.values.csat]).toEqual([null, null])
  expect(signals.diagnostics.map((d) => [d.path.at(-1), d.action])).toEqual([
    ['nps_score', 'ignored'],
    ['csat_score', 'ignored'],
  ])
  expect(driverOf(scored(snapshot), 'sentiment')).toBeUndefined()
})

it('does not claim every component is at 100 when one loses less than half a point', () => {
  const perfect = scoreSignals(createSignals(THRIVING_SIGNALS), model)
  expect(perfect.success && perfect.value.topDriver).toBe(
    'Nothing is costing points: every scored component is at 100',
  )
  const almost = scoreSignals(createSignals({ ...THRIVING_SIGNALS, meeting_show_rate: 97 }), model)
  expect(almost.success && almost.value.drivers).toEqual([])
  expect(almost.success && almost.value.topDriver).toBe('No component is costing a whole point')
})

it('writes units and points in the singular for one', () => {
  const result = scoreSignals(
    createSignals({ ...THRIVING_SIGNALS, days_payment_overdue: 1 }),
    model,
  )
  expect(result.success && result.value.topDriver).toBe('Payment is 1 day overdue (−2 pts)')
  const onePoint = scoreSignals(createSignals({ ...THRIVING_SIGNALS, complaint_share: 50 }), model)
  expect(onePoint.success && onePoint.value.topDriver).toBe(
    'Complaints make up 50% of recent tickets (−1 pt)',
  )
})
