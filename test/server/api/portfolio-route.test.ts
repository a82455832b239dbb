/**
 * `GET /api/portfolio` over real HTTP against the backend on an emulator portal: signed like the
 * card routes, answered from the store alone, and filled by what the backend scores (a rescore
 * job, the card's Recalculate) and the playbook actions the card starts.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'

import { createFetchTransport } from '../../../src/app/cards/transport/fetch-transport.ts'
import type { TierId } from '../../../src/health/index.ts'
import type { PortfolioView } from '../../../src/operations/index.ts'
import { rescoreJobHandler, scoreRecordOf } from '../../../src/server/index.ts'
import { type Backend, PORTAL_ID, startBackend, USER_EMAIL } from '../../support/backend.ts'
import { valueOf } from '../../support/portal.ts'

let backend: Backend
beforeEach(async () => {
  backend = await startBackend(12)
})
afterEach(async () => {
  await backend.stop()
})

const query = (portalId: number) =>
  `?userId=777&userEmail=${encodeURIComponent(USER_EMAIL)}&appId=4242&portalId=${portalId}`

/** `GET /api/portfolio` as `hubspot.fetch` sends it for `portalId`. */
async function portfolio(portalId = PORTAL_ID) {
  const response = await backend.hubspotFetch(portalId)(`${backend.url}/api/portfolio`, {
    method: 'GET',
  })
  return { status: response.status, body: (await response.json()) as PortfolioView }
}

/** What the emulator has answered so far. */
const hubspotCalls = () => backend.portal.emulator.stats().calls.total

/** A tier in the view's spelling. */
const KEY = {
  healthy: 'healthy',
  neutral: 'neutral',
  at_risk: 'atRisk',
  critical: 'critical',
} as const
const DAY_MS = 86_400_000

it('answers a new install’s empty view, signed, with no HubSpot call', async () => {
  const before = hubspotCalls()
  const { status, body } = await portfolio()
  expect(status).toBe(200)
  expect(body).toMatchObject({
    source: 'store',
    scored: 0,
    tiers: { healthy: 0, neutral: 0, atRisk: 0, critical: 0 },
    tiers30dAgo: null,
    history: { weeks: [], sampleSize: null },
    trendingDown: [],
    newlyRed: [],
    saveRate: { value: null, red: 0, saved: 0, pending: 0 },
    interventions: [],
    apiCalls: 0,
    limitations: [],
  })
  expect(Date.now() - Date.parse(body.asOf)).toBeLessThan(60_000)
  expect(hubspotCalls()).toBe(before)
})

it('answers 401 to an unsigned request and 403 to a portal that has not installed the app', async () => {
  const unsigned = await fetch(`${backend.url}/api/portfolio${query(PORTAL_ID)}`)
  expect(unsigned.status).toBe(401)
  const unknown = await portfolio(31337)
  expect(unknown.status).toBe(403)
  expect(unknown.body).toEqual({
    status: 'error',
    message: 'portal 31337 has not installed the app',
  })
})

it('shows every company a rescore job scored, as the emulator holds the scores', async () => {
  const handler = rescoreJobHandler({ store: backend.store, connections: backend.connections })
  const job = await backend.store.createJob({ portalId: PORTAL_ID, kind: 'full-rescore' }, 1)
  const outcome = await handler(job, { signal: new AbortController().signal, progress() {} })
  expect(outcome).toMatchObject({ status: 'completed', progress: { done: 12, failed: 0 } })

  const ids = Array.from({ length: 12 }, (_, i) => String(101 + i))
  const tiers = { healthy: 0, neutral: 0, atRisk: 0, critical: 0 }
  for (const id of ids) tiers[KEY[valueOf(backend.portal.emulator, id, 'health_tier') as TierId]]++
  const before = hubspotCalls()
  const { status, body } = await portfolio()
  expect(status).toBe(200)
  expect(body).toMatchObject({ scored: 12, tiers, tiers30dAgo: null, apiCalls: 0 })
  expect(body.history.weeks).toEqual([
    expect.objectContaining({ accounts: 12, weekStart: expect.any(String) }),
  ])
  expect(hubspotCalls()).toBe(before)
  // Nothing has a score 30 days old: no change to show, and nobody turned red from a known tier.
  expect(body.trendingDown).toEqual([])
  expect(body.newlyRed).toEqual([])
  const now = await backend.store.portfolio().distribution(PORTAL_ID, Date.now())
  expect(now.scored).toBe(12)
})

it('keeps the card’s Recalculate and the actions it starts, with the score at the start', async () => {
  const card = createFetchTransport(backend.url, backend.hubspotFetch())
  const scored = await card.recalculate('102')
  const result = scored.result!
  const action = result.playbook!.actions.find((a) => a.kind !== 'link')!
  await card.runAction({ companyId: '102', actionId: action.id, dueAt: null, priority: 'HIGH' })

  const { body } = await portfolio()
  expect(body.scored).toBe(1)
  expect(body.tiers[KEY[result.tier]]).toBe(1)
  expect(body.interventions).toEqual([
    {
      actionId: action.id,
      label: action.title,
      started: 1,
      improved: 0,
      unchanged: 0,
      declined: 0,
      pending: 1,
      medianChange: null,
    },
  ])
  // 20 days on the company scores the same: 30 days after the start, its tier and score held.
  const history = backend.store.portfolio()
  const later = Date.now() + 20 * DAY_MS
  await history.recordScores(PORTAL_ID, [
    scoreRecordOf({ ...result, scoredAt: new Date(later).toISOString() }, null),
  ])
  expect(await history.interventions(PORTAL_ID, Date.now() + 31 * DAY_MS)).toEqual([
    expect.objectContaining({ actionId: action.id, result: 'unchanged', change: 0 }),
  ])
})
