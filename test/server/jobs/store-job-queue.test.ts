/**
 * The job queue over the real SQLite store, with handlers written here (they stand for the work,
 * not for HubSpot): dedupe, bounded concurrency, one job per portal at a time, progress, stop and
 * resume.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'

import {
  jobDedupeKey,
  type JobHandler,
  SqliteServerStore,
  StoreJobQueue,
} from '../../../src/server/index.ts'

let store: SqliteServerStore
let queue: StoreJobQueue | null
beforeEach(() => {
  store = new SqliteServerStore(':memory:')
  queue = null
})
afterEach(async () => {
  await queue?.stop()
  await store.close()
})

/** A promise and its resolver, to hold a handler until a test lets it go. */
function gate() {
  let open = () => {}
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { open, opened }
}

/** Waits until `check` holds, polling. */
async function until(check: () => boolean | Promise<boolean>): Promise<void> {
  const start = Date.now()
  while (!(await check())) {
    if (Date.now() - start > 5_000) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

/** A handler that stops (resumable) when aborted, else completes once `release` opens. */
function heldHandler(release: Promise<void>, running: number[], seen: number[] = []) {
  const handler: JobHandler = async (job, { signal }) => {
    running.push(job.portalId)
    seen.push(running.length)
    try {
      const aborted = new Promise<'aborted'>((resolve) =>
        signal.addEventListener('abort', () => resolve('aborted')),
      )
      if ((await Promise.race([release.then(() => 'done' as const), aborted])) === 'aborted')
        return { status: 'stopped', progress: { done: 1 }, reason: 'the run was aborted' }
      return { status: 'completed', progress: { done: 2 } }
    } finally {
      running.splice(running.indexOf(job.portalId), 1)
    }
  }
  return handler
}

it('keeps one unfinished job per portal and kind, even for two enqueues at once', async () => {
  const held = gate()
  queue = new StoreJobQueue({ store, handler: heldHandler(held.opened, []) })
  const [first, second] = await Promise.all([
    queue.enqueue({ portalId: 1, kind: 'full-rescore' }),
    queue.enqueue({ portalId: 1, kind: 'full-rescore' }),
  ])
  expect(first.created).toBe(true)
  expect(second).toEqual({ job: first.job, created: false })
  const other = await queue.enqueue({ portalId: 1, kind: 'incremental-rescore', progress: {} })
  expect(other.created).toBe(true)
  expect((await store.listUnfinishedJobs()).map((job) => jobDedupeKey(job))).toEqual([
    'full-rescore:1',
    'incremental-rescore:1',
  ])
})

it('runs no more jobs at once than its concurrency, and one per portal at a time', async () => {
  const held = gate()
  const running: number[] = []
  const seen: number[] = []
  queue = new StoreJobQueue({
    store,
    handler: heldHandler(held.opened, running, seen),
    concurrency: 2,
  })
  await queue.start()
  await queue.enqueue({ portalId: 1, kind: 'full-rescore' })
  await queue.enqueue({ portalId: 1, kind: 'incremental-rescore', progress: {} })
  for (const portalId of [2, 3]) await queue.enqueue({ portalId, kind: 'full-rescore' })
  await until(() => running.length === 2)
  expect(running).toEqual([1, 2]) // portal 1's second job waits for its first
  held.open()
  await queue.idle()
  expect(Math.max(...seen)).toBe(2)
  const jobs = [1, 2, 3].flatMap((portalId) => store.listJobs(portalId))
  const statuses = (await Promise.all(jobs)).flat().map((job) => job.status)
  expect(statuses).toEqual(['completed', 'completed', 'completed', 'completed'])
})

it('records the progress a handler reports, then its outcome', async () => {
  const held = gate()
  queue = new StoreJobQueue({
    store,
    handler: async (_job, { progress }) => {
      progress({ done: 50, total: 100 })
      await held.opened
      return { status: 'completed', progress: { done: 100 } }
    },
  })
  await queue.start()
  const { job } = await queue.enqueue({ portalId: 7, kind: 'full-rescore' })
  await until(async () => (await store.getJob(7, job.id))?.status === 'running')
  await until(async () => {
    const progress = (await store.getJob(7, job.id))?.progress
    return JSON.stringify(progress) === '{"done":50,"total":100}'
  })
  held.open()
  await queue.idle()
  expect(await store.getJob(7, job.id)).toMatchObject({
    status: 'completed',
    progress: { done: 100 },
    error: null,
  })
})

it('fails a job whose handler throws, keeping the message, and runs the next one', async () => {
  queue = new StoreJobQueue({
    store,
    handler: async (job) => {
      if (job.portalId === 1) throw new Error('portal 1 has not installed the app')
      return { status: 'completed', progress: null }
    },
  })
  await queue.start()
  const failing = await queue.enqueue({ portalId: 1, kind: 'full-rescore' })
  const next = await queue.enqueue({ portalId: 2, kind: 'full-rescore' })
  await queue.idle()
  expect(await store.getJob(1, failing.job.id)).toMatchObject({
    status: 'failed',
    error: 'portal 1 has not installed the app',
  })
  expect((await store.getJob(2, next.job.id))?.status).toBe('completed')
})

it('stops: aborts the jobs in flight (recorded stopped), leaves queued ones queued, takes no more', async () => {
  const running: number[] = []
  queue = new StoreJobQueue({
    store,
    handler: heldHandler(new Promise(() => {}), running),
    concurrency: 1,
  })
  await queue.start()
  const inFlight = await queue.enqueue({ portalId: 1, kind: 'full-rescore' })
  const waiting = await queue.enqueue({ portalId: 2, kind: 'full-rescore' })
  await until(() => running.includes(1))
  await queue.stop()
  expect(queue.running).toBe(false)
  expect(await store.getJob(1, inFlight.job.id)).toMatchObject({
    status: 'stopped',
    error: 'the run was aborted',
    progress: { done: 1 },
  })
  expect((await store.getJob(2, waiting.job.id))?.status).toBe('queued')
  const later = await queue.enqueue({ portalId: 3, kind: 'full-rescore' })
  await queue.idle()
  expect((await store.getJob(3, later.job.id))?.status).toBe('queued')
  expect(running).toEqual([])
})

it('resumes, on start, every job a previous process left queued, running or stopped', async () => {
  const queued = await store.createJob({ portalId: 1, kind: 'full-rescore' }, 1)
  const died = await store.createJob({ portalId: 2, kind: 'full-rescore' }, 1)
  await store.updateJob(died.id, { status: 'running' }, 2)
  const stopped = await store.createJob({ portalId: 3, kind: 'full-rescore' }, 1)
  await store.updateJob(stopped.id, { status: 'stopped', error: 'aborted' }, 2)
  const ran: number[] = []
  queue = new StoreJobQueue({
    store,
    concurrency: 3,
    handler: async (job) => {
      ran.push(job.id)
      return { status: 'completed', progress: null }
    },
  })
  await queue.start()
  await queue.idle()
  expect(ran.sort()).toEqual([queued.id, died.id, stopped.id])
  expect(await store.listUnfinishedJobs()).toEqual([])
  expect((await store.getJob(3, stopped.id))?.error).toBeNull()
})

it('queues a stopped job again when its portal is enqueued, rather than a second job', async () => {
  const stopped = await store.createJob({ portalId: 4, kind: 'full-rescore' }, 1)
  await store.updateJob(stopped.id, { status: 'stopped', error: 'daily limit' }, 2)
  queue = new StoreJobQueue({
    store,
    handler: async () => ({ status: 'completed', progress: null }),
  })
  const again = await queue.enqueue({ portalId: 4, kind: 'full-rescore' })
  expect(again).toMatchObject({ created: false, job: { id: stopped.id, status: 'queued' } })
  await queue.start()
  await queue.idle()
  expect((await store.getJob(4, stopped.id))?.status).toBe('completed')
})

it('refuses a concurrency that is not a whole number of at least 1', () => {
  const handler: JobHandler = async () => ({ status: 'completed', progress: null })
  expect(() => new StoreJobQueue({ store, handler, concurrency: 0 })).toThrow(
    'concurrency must be a whole number ≥ 1, got 0',
  )
})

it('runs a stopped job again at its retryAt, unless the queue has stopped by then', async () => {
  let attempts = 0
  queue = new StoreJobQueue({
    store,
    handler: async () => {
      attempts++
      if (attempts === 1)
        return {
          status: 'stopped',
          progress: null,
          reason: 'daily limit',
          retryAt: Date.now() + 30,
        }
      return { status: 'completed', progress: null }
    },
  })
  await queue.start()
  const { job } = await queue.enqueue({ portalId: 5, kind: 'full-rescore' })
  await until(async () => (await store.getJob(5, job.id))?.status === 'completed')
  expect(attempts).toBe(2)

  attempts = 0
  const again = await queue.enqueue({ portalId: 6, kind: 'full-rescore' })
  await until(async () => (await store.getJob(6, again.job.id))?.status === 'stopped')
  await queue.stop()
  await new Promise((resolve) => setTimeout(resolve, 60))
  expect(attempts).toBe(1)
  expect((await store.getJob(6, again.job.id))?.status).toBe('stopped')
})
