/** The nightly scheduler on an injected clock and timers, over the real store and queue. */
import { afterEach, beforeEach, expect, it } from 'vitest'

import {
  NightlyScheduler,
  type SchedulerTimers,
  SqliteServerStore,
  StoreJobQueue,
} from '../../../src/server/index.ts'
import { sealedTokens } from '../store/server-store-contract.ts'

let store: SqliteServerStore
let queue: StoreJobQueue
let now: number
beforeEach(async () => {
  store = new SqliteServerStore(':memory:')
  queue = new StoreJobQueue({
    store,
    handler: async () => ({ status: 'completed', progress: null }),
  })
  now = Date.parse('2026-12-01T23:00:00Z')
  for (const portalId of [1, 2, 3])
    await store.saveInstallation({ portalId, scopes: [], tokens: sealedTokens(portalId, 'a') }, 1)
  await store.markUninstalled(2, 2)
})
afterEach(async () => {
  await queue.stop()
  await store.close()
})

/** Timers that fire only when the test says, at the clock it sets. */
function manualTimers() {
  const armed = new Map<number, { run: () => void; ms: number }>()
  let next = 1
  const timers: SchedulerTimers = {
    setTimeout(run, ms) {
      armed.set(next, { run, ms })
      return next++
    },
    clearTimeout(handle) {
      armed.delete(handle as number)
    },
  }
  return { timers, armed }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 10))

/** Fires the one armed timer, as its delay passing would. */
async function fireOnly(armed: Map<number, { run: () => void }>): Promise<void> {
  const [entry] = [...armed]
  if (!entry || armed.size !== 1) throw new Error(`expected one armed timer, found ${armed.size}`)
  armed.delete(entry[0])
  entry[1].run()
  await flush()
}

it('at the configured time, queues one full rescore per installed portal, then waits a day', async () => {
  const { timers, armed } = manualTimers()
  const scheduler = new NightlyScheduler({ at: '02:00', store, queue, now: () => now, timers })
  scheduler.start()
  expect([...armed.values()].map((timer) => timer.ms)).toEqual([3 * 60 * 60 * 1000])
  expect(scheduler.nextAt).toBe(Date.parse('2026-12-02T02:00:00Z'))

  now = Date.parse('2026-12-02T02:00:00Z')
  await fireOnly(armed)
  const jobs = await store.listUnfinishedJobs()
  expect(jobs.map((job) => [job.portalId, job.kind, job.status])).toEqual([
    [1, 'full-rescore', 'queued'],
    [3, 'full-rescore', 'queued'],
  ])
  expect([...armed.values()].map((t) => t.ms)).toEqual([24 * 60 * 60 * 1000])
  expect(scheduler.nextAt).toBe(Date.parse('2026-12-03T02:00:00Z'))
  scheduler.stop()
  expect(armed.size).toBe(0)
  expect(scheduler.nextAt).toBeNull()
})

it('does not run the same night twice when its timer fires a little early', async () => {
  const { timers, armed } = manualTimers()
  const scheduler = new NightlyScheduler({ at: '02:00', store, queue, now: () => now, timers })
  scheduler.start()
  now = Date.parse('2026-12-02T01:59:59.990Z')
  await fireOnly(armed)
  expect(scheduler.nextAt).toBe(Date.parse('2026-12-03T02:00:00Z'))
  scheduler.stop()
})

it('folds a night’s job into a portal’s unfinished one', async () => {
  const scheduler = new NightlyScheduler({
    at: '02:00',
    store,
    queue,
    timers: manualTimers().timers,
  })
  expect(await scheduler.runNow()).toBe(2)
  expect(await scheduler.runNow()).toBe(0)
  expect(await store.listUnfinishedJobs()).toHaveLength(2)
})

it('keeps no process alive with Node’s timers, and clears its timer on stop', () => {
  const before = process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length
  const scheduler = new NightlyScheduler({ at: '02:00', store, queue })
  scheduler.start()
  expect(process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout')).toHaveLength(before)
  scheduler.stop()
  expect(scheduler.nextAt).toBeNull()
})

it('refuses a bad time of day when made, not at midnight', () => {
  expect(() => new NightlyScheduler({ at: '25:00', store, queue })).toThrow(
    'a time of day must be HH:MM from 00:00 to 23:59, got "25:00"',
  )
})
