/**
 * Backtest jobs through the queue, in-process against the emulator with the real client: a job
 * recorded before a restart runs on the next start, one stopped mid-gather keeps its request and
 * runs again, and a candidate that no longer parses fails with the reason.
 */
import { createTestPortal, TEST_PORTAL_ID } from '@health-score/hubspot-emulator/testing'
import { afterEach, expect, it, onTestFinished } from 'vitest'

import { generateDemoPortal } from '../../../src/demo/index.ts'
import { DEFAULT_MODEL_INPUT } from '../../../src/health/index.ts'
import type { BacktestComparison } from '../../../src/operations/index.ts'
import {
  jobHandlers,
  type JsonValue,
  SqliteServerStore,
  StoreJobQueue,
} from '../../../src/server/index.ts'
import { EmulatorConnections } from '../../support/emulator-connections.ts'

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

const REQUEST = { model: DEFAULT_MODEL_INPUT as unknown as JsonValue, horizonDays: 90 }

/** The demo portal of `companies`, a store and its connections; queues are made per "process". */
function setUp(companies: number) {
  const { fixture } = generateDemoPortal({ companies, seed: 5 })
  const portal = createTestPortal({ fixture, rateLimits: false })
  onTestFinished(portal.listen())
  const store = new SqliteServerStore(':memory:')
  const connections = new EmulatorConnections({
    basePath: portal.basePath,
    installed: [TEST_PORTAL_ID],
    rateLimit: 1e6,
  })
  stops.push(
    () => store.close(),
    () => connections.close(),
  )
  const process = Object.assign(
    () => {
      const queue = new StoreJobQueue({ store, handler: jobHandlers({ store, connections }) })
      stops.push(() => queue.stop())
      return queue
    },
    { connections },
  )
  return { portal, store, process }
}

it('runs a backtest recorded before a restart on the next start, and keeps its result', async () => {
  const { portal, store, process } = setUp(40)
  const job = await store.createJob(
    { portalId: TEST_PORTAL_ID, kind: 'backtest', progress: REQUEST },
    1,
  )
  const queue = process()
  await queue.start()
  await queue.idle()
  const done = await store.getJob(TEST_PORTAL_ID, job.id)
  expect(done).toMatchObject({ status: 'completed', error: null })
  const { result, horizonDays } = done!.progress as unknown as {
    result: BacktestComparison
    horizonDays: number
  }
  expect(horizonDays).toBe(90)
  expect(result.current.modelVersion).toBe('default@1.0.0')
  expect(result.candidate.modelVersion).toBe('default@1.0.0')
  expect(result.apiCalls.total).toBe(portal.emulator.stats().calls.total)
})

it('stops at its next page on shutdown with its request kept, and runs again from the start', async () => {
  const { portal, store, process } = setUp(120)
  const job = await store.createJob(
    { portalId: TEST_PORTAL_ID, kind: 'backtest', progress: REQUEST },
    1,
  )
  // The queue's shutdown, at the job's first page.
  const abort = new AbortController()
  const handler = jobHandlers({ store, connections: process.connections })
  const outcome = await handler(job, { signal: abort.signal, progress: () => abort.abort() })
  expect(outcome).toEqual({ status: 'stopped', progress: REQUEST, reason: 'the backend stopped' })
  await store.updateJob(
    job.id,
    { status: 'stopped', progress: outcome.progress, error: 'the backend stopped' },
    2,
  )
  const firstCalls = portal.emulator.stats().calls.total

  const queue = process()
  await queue.start()
  await queue.idle()
  const done = await store.getJob(TEST_PORTAL_ID, job.id)
  expect(done?.status).toBe('completed')
  const { result } = done!.progress as unknown as { result: BacktestComparison }
  // No checkpoint: the rerun read the portal (one window of 120 companies) all over again.
  expect(result.apiCalls.total).toBe(portal.emulator.stats().calls.total - firstCalls)
  // As many calls as the first read took, give or take the few the two read lanes (batch and
  // search) split differently from run to run, by their pace.
  expect(Math.abs(result.apiCalls.total - firstCalls)).toBeLessThanOrEqual(
    Math.ceil(firstCalls * 0.05),
  )
})

it('fails a backtest whose candidate model does not parse, saying why', async () => {
  const { store, process } = setUp(3)
  const job = await store.createJob(
    {
      portalId: TEST_PORTAL_ID,
      kind: 'backtest',
      progress: { model: { id: 'broken' }, horizonDays: 90 },
    },
    1,
  )
  const queue = process()
  await queue.start()
  await queue.idle()
  const failed = await store.getJob(TEST_PORTAL_ID, job.id)
  expect(failed?.status).toBe('failed')
  expect(failed?.error).toMatch(/^the candidate model is invalid: /)
})
