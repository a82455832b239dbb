/**
 * @module Catching up after downtime: deliveries HubSpot gave up on while the backend was down are
 * covered by an incremental rescore of each installed portal since its webhook watermark (the
 * `occurredAt` of the last event it processed). `catchUpJobs` lists them for a scheduler;
 * `runCatchUp` runs them one portal after another, for a host without one.
 */
import type { Logger } from '../../log.ts'
import { rescorePortal, type RescoreSummary } from '../../operations/index.ts'
import { portalKeyOf } from '../jobs/rescore-job.ts'
import type { PortalConnections } from '../portal-connections.ts'
import type { ModelFor } from '../portal-models.ts'
import { scoreRecorder } from '../portfolio/record-scores.ts'
import type { ServerStore } from '../store/types.ts'

/** One portal's catch-up: rescore what changed at or after `since` (epoch ms). */
export interface CatchUpJob {
  readonly portalId: number
  readonly since: number
}

/**
 * The catch-up each installed portal needs: one per portal that has a watermark. A portal without
 * one has never had an event processed, so no delivery of its can have been missed since.
 * @example
 * for (const job of await catchUpJobs(store)) queue.add('incremental-rescore', job)
 */
export async function catchUpJobs(store: ServerStore): Promise<CatchUpJob[]> {
  const jobs: CatchUpJob[] = []
  for (const installation of await store.listInstallations('installed')) {
    const since = await store.eventsProcessedUntil(installation.portalId)
    if (since !== null) jobs.push({ portalId: installation.portalId, since })
  }
  return jobs
}

export interface CatchUpOptions {
  readonly store: ServerStore
  readonly connections: PortalConnections
  readonly modelFor: ModelFor
  readonly logger: Logger
  readonly signal?: AbortSignal
  readonly now?: () => number
}

/**
 * Runs every portal's catch-up in turn; a portal's failure is logged and the others still run.
 * Once a portal's run is done its watermark moves to when the run started. The results are kept in
 * the store's portfolio history.
 * @example
 * const summaries = await runCatchUp({ store, connections, modelFor, logger })
 */
export async function runCatchUp(
  options: CatchUpOptions,
): Promise<Map<number, RescoreSummary | Error>> {
  const { store, connections, modelFor, logger } = options
  const now = options.now ?? Date.now
  const results = new Map<number, RescoreSummary | Error>()
  for (const job of await catchUpJobs(store)) {
    if (options.signal?.aborted) break
    const started = now()
    const recorder = scoreRecorder(store.portfolio(), job.portalId, logger)
    try {
      const summary = await rescorePortal({
        connection: await connections.forPortal(job.portalId),
        model: await modelFor(job.portalId),
        portalKey: portalKeyOf(job.portalId),
        // The jobs' journal: its lease keeps a catch-up and a nightly job off one portal at once.
        journal: store.runJournal(),
        since: job.since,
        now,
        logger,
        ...(options.signal ? { signal: options.signal } : {}),
        onScored: recorder.onScored,
        onProgress: () => void recorder.flush(),
      }).finally(() => recorder.flush())
      results.set(job.portalId, summary)
      if (summary.failed === 0) await store.recordEventsProcessedUntil(job.portalId, started, now())
      logger.info(
        { portalId: job.portalId, since: job.since, companies: summary.companies },
        'caught up on webhook events missed while down',
      )
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error))
      results.set(job.portalId, failure)
      logger.error(
        { portalId: job.portalId, error: failure.message },
        'could not catch up on missed webhook events',
      )
    }
  }
  return results
}
