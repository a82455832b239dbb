/**
 * @module The backend's background services, as the host starts and stops them: the webhook
 * coalescer, the job runner with its nightly scheduler, the catch-up after downtime, and the
 * pruning of old webhook dedupe records and of portfolio history past about 13 months.
 */
import type { Logger } from '../log.ts'
import type { BackgroundJobs } from './jobs/background-jobs.ts'
import type { PortalConnections } from './portal-connections.ts'
import type { ModelFor } from './portal-models.ts'
import type { ServerService } from './start-server.ts'
import { PORTFOLIO_DAYS, type ServerStore } from './store/types.ts'
import { runCatchUp } from './webhooks/catch-up.ts'
import type { WebhookProcessor } from './webhooks/webhook-processor.ts'

/** How long a webhook event's dedupe key is kept: longer than HubSpot retries a delivery (~24 h). */
export const EVENT_DEDUPE_KEEP_MS = 3 * 24 * 60 * 60 * 1000
const HOUR_MS = 60 * 60 * 1000
/** How long the portfolio keeps scores and started actions: enough for a year of weekly charts. */
export const PORTFOLIO_KEEP_MS = PORTFOLIO_DAYS.keep * 24 * HOUR_MS

/** The coalescer needs no start; stopping it cancels its windows and awaits rescores in flight. */
export function webhookService(processor: Pick<WebhookProcessor, 'close'>): ServerService {
  return { name: 'webhooks', start() {}, stop: () => processor.close() }
}

/**
 * Resumes unfinished jobs and arms the nightly rescore; stopping checkpoints the jobs in flight
 * (they stop at their next page, resumable). The host, not the jobs, closes the connections and the
 * store afterwards.
 */
export function jobsService(jobs: Pick<BackgroundJobs, 'queue' | 'scheduler'>): ServerService {
  return {
    name: 'jobs',
    async start() {
      await jobs.queue.start()
      jobs.scheduler.start()
    },
    async stop() {
      jobs.scheduler.stop()
      await jobs.queue.stop()
    },
  }
}

/**
 * After downtime, each installed portal is rescored incrementally since the last webhook event it
 * processed, in the background (start does not wait for it); stopping aborts it at its next page.
 */
export function catchUpService(options: {
  readonly store: ServerStore
  readonly connections: PortalConnections
  readonly modelFor: ModelFor
  readonly logger: Logger
}): ServerService {
  const abort = new AbortController()
  let running: Promise<unknown> = Promise.resolve()
  return {
    name: 'catch-up',
    start() {
      running = runCatchUp({ ...options, signal: abort.signal }).catch((error: unknown) =>
        options.logger.error({ error: String(error) }, 'the catch-up after downtime failed'),
      )
    },
    async stop() {
      abort.abort()
      await running
    },
  }
}

/**
 * Forgets webhook dedupe keys older than `EVENT_DEDUPE_KEEP_MS` and portfolio history older than
 * `PORTFOLIO_KEEP_MS`, hourly.
 */
export function eventPruningService(
  store: Pick<ServerStore, 'forgetEventsBefore' | 'portfolio'>,
  logger: Logger,
  now: () => number = Date.now,
): ServerService {
  let timer: NodeJS.Timeout | undefined
  const prune = () =>
    Promise.all([
      store
        .forgetEventsBefore(now() - EVENT_DEDUPE_KEEP_MS)
        .catch((error: unknown) =>
          logger.warn({ error: String(error) }, 'old webhook events could not be pruned'),
        ),
      store
        .portfolio()
        .forgetBefore(now() - PORTFOLIO_KEEP_MS)
        .catch((error: unknown) =>
          logger.warn({ error: String(error) }, 'old portfolio history could not be pruned'),
        ),
    ])
  return {
    name: 'event-pruning',
    start() {
      void prune()
      timer = setInterval(() => void prune(), HOUR_MS)
      timer.unref()
    },
    stop() {
      clearInterval(timer)
    },
  }
}
