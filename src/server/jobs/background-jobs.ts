/**
 * @module The backend's background work, started and stopped as one: the job queue (rescore and
 * backtest jobs on each portal's shared connection) and the nightly scheduler. Its `stop()` is the
 * jobs' part of a graceful shutdown: nothing new starts, jobs in flight stop at their next page
 * (resumable), then the portals' connections and the store close. The host closes its HTTP server
 * first.
 */
import type { Logger } from '../../log.ts'
import type { Metrics } from '../metrics.ts'
import type { PortalConnections } from '../portal-connections.ts'
import type { PortalModels } from '../portal-models.ts'
import type { ServerStore } from '../store/types.ts'
import { jobHandlers } from './job-handlers.ts'
import type { JobQueue } from './job-queue.ts'
import type { TimeOfDay } from './next-run-at.ts'
import { NightlyScheduler, type SchedulerTimers } from './nightly-scheduler.ts'
import { StoreJobQueue } from './store-job-queue.ts'

export interface BackgroundJobsDeps {
  readonly store: ServerStore
  readonly connections: PortalConnections
  /** The nightly full rescore (the config's `rescoreAt`). */
  readonly rescoreAt: TimeOfDay | string
  readonly logger?: Logger
  readonly metrics?: Metrics
  /** The portals' models, shared with the host's routes and webhooks. */
  readonly models?: PortalModels
  /** Jobs at once, across portals. Default 2. */
  readonly concurrency?: number
  readonly now?: () => number
  readonly timers?: SchedulerTimers
  /** Companies per page (a checkpoint each); default `rescorePortal`'s. */
  readonly pageSize?: number
}

export interface BackgroundJobs {
  readonly queue: JobQueue
  readonly scheduler: NightlyScheduler
  /** Resumes unfinished jobs and arms the nightly timer. */
  start(): Promise<void>
  /** Stops the scheduler and the queue (jobs checkpointed), then closes connections and store. */
  stop(): Promise<void>
}

/**
 * @example
 * const jobs = createBackgroundJobs({ store, connections, rescoreAt: config.rescoreAt, logger, metrics })
 * await jobs.start()
 * process.once('SIGTERM', async () => { await closeHttp(); await jobs.stop() })
 */
export function createBackgroundJobs(deps: BackgroundJobsDeps): BackgroundJobs {
  const { store, connections } = deps
  const optional = {
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  }
  const queue = new StoreJobQueue({
    store,
    handler: jobHandlers({
      store,
      connections,
      ...optional,
      ...(deps.metrics ? { metrics: deps.metrics } : {}),
      ...(deps.models ? { models: deps.models } : {}),
      ...(deps.pageSize === undefined ? {} : { pageSize: deps.pageSize }),
    }),
    ...optional,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
    ...(deps.concurrency === undefined ? {} : { concurrency: deps.concurrency }),
  })
  const scheduler = new NightlyScheduler({
    at: deps.rescoreAt,
    store,
    queue,
    ...optional,
    ...(deps.timers ? { timers: deps.timers } : {}),
  })
  let stopping: Promise<void> | null = null
  return {
    queue,
    scheduler,
    async start() {
      await queue.start()
      scheduler.start()
    },
    stop() {
      stopping ??= (async () => {
        scheduler.stop()
        await queue.stop()
        await connections.close()
        await store.close()
      })()
      return stopping
    },
  }
}
