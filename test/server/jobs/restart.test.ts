/**
 * A restart mid-job: the backend's jobs are stopped gracefully while a full rescore of a few
 * hundred companies runs (over HTTP, through the real client, against the emulator at the OAuth
 * budget), then a new process's jobs on the same store file resume it. Every company ends with
 * exactly one `health_score` write, and the resumed run lists on from its cursor (a page lists 50
 * companies in one call).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import {
  createEmulator,
  type EmulatorServer,
  startEmulatorServer,
} from '@health-score/hubspot-emulator'
import { buildTestFixture, TEST_PORTAL_ID } from '@health-score/hubspot-emulator/testing'
import { afterEach, beforeEach, expect, it } from 'vitest'

import {
  type BackgroundJobs,
  createBackgroundJobs,
  OAUTH_RATE_LIMIT,
  SqliteServerStore,
} from '../../../src/server/index.ts'
import { EmulatorConnections } from '../../support/emulator-connections.ts'
import { scoreWrites } from '../../support/score-writes.ts'

const COMPANIES = 400
const PAGES = COMPANIES / 50
const LIST = 'GET /crm/v3/objects/companies'
const UPDATE = 'POST /crm/v3/objects/companies/batch/update'

let dataDir: string
let server: EmulatorServer | null
const running: BackgroundJobs[] = []
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'health-jobs-'))
  server = null
})
afterEach(async () => {
  for (const jobs of running.splice(0)) await jobs.stop()
  await server?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

/** One backend process's jobs: its own store handle on the file and its own connections. */
function startProcess(url: string): BackgroundJobs {
  const store = new SqliteServerStore(dataDir)
  const jobs = createBackgroundJobs({
    store,
    connections: new EmulatorConnections({ basePath: url }),
    rescoreAt: '02:00',
  })
  running.push(jobs)
  return jobs
}

it('resumes a job stopped mid-run after a restart, writing every company exactly once', async () => {
  const fixture = buildTestFixture(COMPANIES)
  const emulator = createEmulator({ fixture, rateLimit: OAUTH_RATE_LIMIT, latencyMs: 2 })
  server = await startEmulatorServer(emulator, { port: 0 })
  const calls = (endpoint: string) => emulator.stats().calls.byEndpoint[endpoint] ?? 0

  const first = startProcess(server.url)
  await first.start()
  const { job } = await first.queue.enqueue({ portalId: TEST_PORTAL_ID, kind: 'full-rescore' })
  while (calls(UPDATE) < 1) await new Promise((resolve) => setTimeout(resolve, 5))
  await first.stop() // a graceful shutdown: the page in flight is confirmed, then the run stops
  running.splice(running.indexOf(first), 1)
  const listedBefore = calls(LIST)

  const reopened = new SqliteServerStore(dataDir)
  const stopped = await reopened.getJob(TEST_PORTAL_ID, job.id)
  await reopened.close()
  expect(stopped).toMatchObject({ status: 'stopped', progress: { resumed: false } })
  expect(stopped?.error).toContain('aborted')
  const doneBefore = (stopped?.progress as { done: number }).done
  expect(doneBefore).toBeGreaterThan(0)
  expect(doneBefore).toBeLessThan(COMPANIES)

  const second = startProcess(server.url)
  await second.start() // resumes the stopped job: no enqueue needed
  await second.queue.idle()
  const store = new SqliteServerStore(dataDir)
  try {
    expect(await store.getJob(TEST_PORTAL_ID, job.id)).toMatchObject({
      status: 'completed',
      error: null,
      progress: { done: COMPANIES, resumed: true, failed: 0 },
    })
    expect(await store.listJobs(TEST_PORTAL_ID)).toHaveLength(1)
  } finally {
    await store.close()
  }

  const ids = fixture.companies.map((company) => company.id)
  const writes = await scoreWrites(server.url, ids)
  expect(ids.filter((id) => writes.get(id) !== 1)).toEqual([])
  // The resumed run listed on from the journal's cursor: only the pages not confirmed before.
  expect(calls(LIST) - listedBefore).toBe(PAGES - doneBefore / 50)
  expect(emulator.stats().calls.rateLimited).toBe(0)
}, 60_000)
