/**
 * Rescore jobs through the queue, in-process against the emulator with the real client: what a job
 * writes, with which model, what it counts, and how it fails.
 */
import { createTestPortal, TEST_PORTAL_ID } from '@health-score/hubspot-emulator/testing'
import { afterEach, expect, it, onTestFinished } from 'vitest'

import { DEFAULT_MODEL_INPUT } from '../../../src/health/index.ts'
import {
  createMetrics,
  meteredConnections,
  PortalModels,
  rescoreJobHandler,
  SqliteServerStore,
  StoreJobQueue,
} from '../../../src/server/index.ts'
import { EmulatorConnections } from '../../support/emulator-connections.ts'
import { readOwned, valueOf } from '../../support/portal.ts'

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

/** A portal of `companies`, a store, metrics and a started queue running rescore jobs. */
async function setUp(companies = 12, dailyLimit?: number) {
  const portal = createTestPortal({
    companies,
    rateLimits: false,
    ...(dailyLimit ? { dailyLimit } : {}),
  })
  onTestFinished(portal.listen())
  const store = new SqliteServerStore(':memory:')
  const metrics = createMetrics()
  // As the host does: the connections count their calls into the metrics.
  const connections = meteredConnections(
    new EmulatorConnections({
      basePath: portal.basePath,
      installed: [TEST_PORTAL_ID],
      rateLimit: 1e6,
    }),
    metrics,
  )
  const handler = rescoreJobHandler({ store, connections, metrics })
  const queue = new StoreJobQueue({ store, metrics, handler })
  stops.push(
    () => store.close(),
    () => connections.close(),
    () => queue.stop(),
  )
  await queue.start()
  const ids = Array.from({ length: companies }, (_, i) => String(101 + i))
  return { portal, store, queue, metrics, ids, handler }
}

it('writes every company’s score and counts the companies, calls and job in the metrics', async () => {
  const { portal, store, queue, metrics, ids } = await setUp()
  const { job } = await queue.enqueue({ portalId: TEST_PORTAL_ID, kind: 'full-rescore' })
  await queue.idle()
  expect(await store.getJob(TEST_PORTAL_ID, job.id)).toMatchObject({
    status: 'completed',
    progress: { done: 12, written: 12, failed: 0, resumed: false },
  })
  expect([...readOwned(portal.emulator, ids).writes.values()]).toEqual(ids.map(() => 1))
  const text = await metrics.text()
  expect(text).toContain('health_score_companies_rescored_total 12')
  expect(text).toContain(
    `health_score_hubspot_api_calls_total ${portal.emulator.stats().calls.total}`,
  )
  expect(text).toContain('health_score_hubspot_rate_limited_total 0')
  expect(text).toMatch(
    /health_score_job_duration_seconds_count\{kind="full-rescore",status="completed"\} 1/,
  )
})

it('scores with the portal’s saved model', async () => {
  const { portal, store, queue } = await setUp(3)
  const model = { ...DEFAULT_MODEL_INPUT, version: '7.1.0' }
  await store.saveSettings({ portalId: TEST_PORTAL_ID, model, savedBy: null }, 1)
  expect((await new PortalModels(store).modelFor(TEST_PORTAL_ID)).model.version).toBe('7.1.0')
  await queue.enqueue({ portalId: TEST_PORTAL_ID, kind: 'full-rescore' })
  await queue.idle()
  expect(valueOf(portal.emulator, '101', 'health_model_version')).toBe('default@7.1.0')
})

it('scores with the default model while a portal has saved none', async () => {
  const store = new SqliteServerStore(':memory:')
  stops.push(() => store.close())
  expect((await new PortalModels(store).modelFor(1)).model.version).toBe(
    DEFAULT_MODEL_INPUT.version,
  )
})

it('fails the job of a portal that has not installed the app, or whose settings are not a model', async () => {
  const { store, queue } = await setUp(1)
  const stranger = await queue.enqueue({ portalId: 999, kind: 'full-rescore' })
  await store.saveSettings({ portalId: TEST_PORTAL_ID, model: { version: 1 }, savedBy: null }, 1)
  const broken = await queue.enqueue({ portalId: TEST_PORTAL_ID, kind: 'full-rescore' })
  await queue.idle()
  expect(await store.getJob(999, stranger.job.id)).toMatchObject({
    status: 'failed',
    error: 'portal 999 has not installed the app',
  })
  const failed = await store.getJob(TEST_PORTAL_ID, broken.job.id)
  expect(failed?.status).toBe('failed')
  expect(failed?.error).toMatch(/^portal 12345's saved model \(version 1\) is invalid: /)
  expect(failed?.error).not.toContain('\n')
})

it('runs an incremental job from the since in its progress, and keeps it there', async () => {
  const { store, queue } = await setUp(4)
  const good = await queue.enqueue({
    portalId: TEST_PORTAL_ID,
    kind: 'incremental-rescore',
    progress: { since: 0 },
  })
  await queue.idle()
  expect(await store.getJob(TEST_PORTAL_ID, good.job.id)).toMatchObject({
    status: 'completed',
    progress: { since: 0, done: 4 },
  })
  const bad = await queue.enqueue({ portalId: TEST_PORTAL_ID, kind: 'incremental-rescore' })
  await queue.idle()
  expect(await store.getJob(TEST_PORTAL_ID, bad.job.id)).toMatchObject({
    status: 'failed',
    error: `incremental job ${bad.job.id} has no valid since (epoch ms) in its progress`,
  })
})

it('stops at the daily limit, resumable, to run again when the limit resets', async () => {
  const { store, handler } = await setUp(60, 24)
  const job = await store.createJob({ portalId: TEST_PORTAL_ID, kind: 'full-rescore' }, 1)
  const outcome = await handler(job, { signal: new AbortController().signal, progress() {} })
  expect(outcome).toMatchObject({ status: 'stopped', progress: { resumed: false } })
  const { reason, retryAt } = outcome as { reason: string; retryAt: number }
  expect(reason).toContain("HubSpot's daily API limit for this portal is spent")
  const midnight = new Date()
  midnight.setUTCHours(24, 0, 0, 0)
  expect(retryAt).toBe(midnight.getTime())
})
