/**
 * The backend's hourly pruning: webhook dedupe keys past a few days, portfolio history past about
 * 13 months, each on its own clock cutoff.
 */
import { expect, it, onTestFinished } from 'vitest'

import {
  EVENT_DEDUPE_KEEP_MS,
  eventPruningService,
  PORTFOLIO_KEEP_MS,
  SqliteServerStore,
} from '../../src/server/index.ts'
import { recordingLogger } from '../support/backend.ts'

const NOW = Date.parse('2026-12-02T12:00:00.000Z')
const DAY_MS = 86_400_000

it('forgets old webhook events and portfolio history past PORTFOLIO_KEEP_MS when it starts', async () => {
  const store = new SqliteServerStore(':memory:')
  onTestFinished(() => store.close())
  await store.recordEvent(
    { eventId: 1, subscriptionId: 1, portalId: 7 },
    NOW - EVENT_DEDUPE_KEEP_MS - 1,
  )
  await store.recordEvent({ eventId: 2, subscriptionId: 1, portalId: 7 }, NOW - DAY_MS)
  const score = (companyId: string, scoredAt: number) => ({
    companyId, name: null, score: 80, tier: 'healthy' as const, segment: null, scoredAt,
  }) // prettier-ignore
  const portfolio = store.portfolio()
  await portfolio.recordScores(7, [
    score('1', NOW - PORTFOLIO_KEEP_MS - 2 * DAY_MS),
    score('1', NOW - PORTFOLIO_KEEP_MS + 2 * DAY_MS),
    score('1', NOW - 2 * DAY_MS),
  ])
  const service = eventPruningService(store, recordingLogger(), () => NOW)
  service.start()
  await new Promise((resolve) => setImmediate(resolve))
  service.stop()
  expect(await store.recordEvent({ eventId: 1, subscriptionId: 1, portalId: 7 }, NOW)).toBe(true)
  expect(await store.recordEvent({ eventId: 2, subscriptionId: 1, portalId: 7 }, NOW)).toBe(false)
  // Two rows are left: nothing more to forget before the cutoff, and everything before now.
  expect(await portfolio.forgetBefore(NOW - PORTFOLIO_KEEP_MS)).toBe(0)
  expect(await portfolio.forgetBefore(NOW)).toBe(2)
})
