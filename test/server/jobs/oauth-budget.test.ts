/**
 * A job spends only its portal's OAuth budget: the emulator refuses more than 110 calls in any
 * rolling 10 s (on the real clock), and a rescore that makes well over 110 calls, with card reads
 * on the same portal meanwhile, gets no 429, because every call goes through the portal's one
 * connection and its limiter.
 */
import {
  createEmulator,
  type EmulatorServer,
  startEmulatorServer,
} from '@health-score/hubspot-emulator'
import { buildTestFixture, TEST_PORTAL_ID } from '@health-score/hubspot-emulator/testing'
import { afterEach, expect, it } from 'vitest'

import { getDefaultModel } from '../../../src/health/index.ts'
import { scoreOneCompany } from '../../../src/operations/index.ts'
import {
  type BackgroundJobs,
  createBackgroundJobs,
  OAUTH_RATE_LIMIT,
  SqliteServerStore,
} from '../../../src/server/index.ts'
import { EmulatorConnections } from '../../support/emulator-connections.ts'

let server: EmulatorServer | null = null
let jobs: BackgroundJobs | null = null
afterEach(async () => {
  await jobs?.stop()
  await server?.close()
  jobs = null
  server = null
})

it('keeps a rescore job and the card reads beside it within the portal’s 110 calls per 10 s', async () => {
  const emulator = createEmulator({ fixture: buildTestFixture(250), rateLimit: OAUTH_RATE_LIMIT })
  server = await startEmulatorServer(emulator, { port: 0 })
  const store = new SqliteServerStore(':memory:')
  const connections = new EmulatorConnections({ basePath: server.url })
  // Pages of 5: a checkpoint every 5 companies, and well over 110 calls for the run.
  jobs = createBackgroundJobs({ store, connections, rescoreAt: '02:00', pageSize: 5 })
  await jobs.start()
  const { job } = await jobs.queue.enqueue({ portalId: TEST_PORTAL_ID, kind: 'full-rescore' })
  const connection = await connections.forPortal(TEST_PORTAL_ID)
  const model = getDefaultModel()
  // The card reads come once the job has made the schema and confirmed its first page.
  while (!(await store.getJob(TEST_PORTAL_ID, job.id))?.progress)
    await new Promise((resolve) => setTimeout(resolve, 20))
  const cards = Array.from({ length: 10 }, (_, i) =>
    scoreOneCompany({ connection, model, companyId: String(101 + i * 25), mode: 'view' }),
  )
  await Promise.all([jobs.queue.idle(), ...cards])

  expect((await store.getJob(TEST_PORTAL_ID, job.id))?.status).toBe('completed')
  const { calls } = emulator.stats()
  expect(calls.total).toBeGreaterThan(OAUTH_RATE_LIMIT + 10)
  expect(calls.rateLimited).toBe(0)
  expect(connection.calls.rateLimited).toBe(0)
}, 60_000)
