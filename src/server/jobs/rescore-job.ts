/**
 * @module The handler of rescore jobs: `rescorePortal` on the portal's one shared connection (so
 * the job spends the portal's one OAuth budget with its card and webhook work), with the portal's
 * model, journaled in the store's run journal. A job stopped mid-run (a restart, the daily limit)
 * resumes from the journal's last confirmed page, and the write-back's diff writes nothing twice.
 * Every result is kept in the store's portfolio history, a page at a time.
 */
import { z } from 'zod'

import type { Logger } from '../../log.ts'
import {
  LEASE_TTL_MS,
  rescorePortal,
  type RescoreSummary,
  RunLockedError,
  RunStoppedError,
} from '../../operations/index.ts'
import type { Metrics } from '../metrics.ts'
import type { PortalConnections } from '../portal-connections.ts'
import { PortalModels } from '../portal-models.ts'
import { scoreRecorder } from '../portfolio/record-scores.ts'
import type { Job, JsonValue, ServerStore } from '../store/types.ts'
import type { JobHandler, JobOutcome } from './job-queue.ts'

export interface RescoreJobDeps {
  readonly store: ServerStore
  readonly connections: PortalConnections
  readonly logger?: Logger
  readonly metrics?: Metrics
  /** The portals' models, shared with the host's routes and webhooks (default: the job's own). */
  readonly models?: PortalModels
  readonly now?: () => number
  /** Companies per page (a checkpoint each); default `rescorePortal`'s. */
  readonly pageSize?: number
}

/** An incremental job's progress holds where it starts from; it is kept in every update. */
const INCREMENTAL = z.object({ since: z.number().int().min(0) })

/**
 * The journal key of a portal's runs in the backend's store.
 * @example portalKeyOf(62515) // 'portal-62515'
 */
export function portalKeyOf(portalId: number): string {
  return `portal-${portalId}`
}

/**
 * The handler for `full-rescore` and `incremental-rescore` jobs (the latter's progress holds
 * `{ since }`, epoch ms).
 * @example
 * const queue = new StoreJobQueue({ store, handler: rescoreJobHandler({ store, connections }) })
 */
export function rescoreJobHandler(deps: RescoreJobDeps): JobHandler {
  const models = deps.models ?? new PortalModels(deps.store)
  return async function rescoreJob(job, { signal, progress }): Promise<JobOutcome> {
    const start = startOf(job)
    const connection = await deps.connections.forPortal(job.portalId)
    const model = await models.modelFor(job.portalId)
    const recorder = scoreRecorder(deps.store.portfolio(), job.portalId, deps.logger)
    try {
      const summary = await rescorePortal({
        connection,
        model,
        portalKey: portalKeyOf(job.portalId),
        journal: deps.store.runJournal(),
        signal,
        ...start,
        ...(deps.pageSize === undefined ? {} : { pageSize: deps.pageSize }),
        ...(deps.logger ? { logger: deps.logger } : {}),
        ...(deps.now ? { now: deps.now } : {}),
        onScored: (result, snapshot) => {
          recorder.onScored(result, snapshot)
          deps.metrics?.companiesRescored()
        },
        onProgress: ({ done, total }) => {
          void recorder.flush()
          progress({ ...start, done, total })
        },
      })
      await recorder.flush()
      return { status: 'completed', progress: outcomeOf(summary, start) }
    } catch (error) {
      await recorder.flush()
      // Aborted (a shutdown): the next start resumes it. The daily limit: once it resets.
      if (error instanceof RunStoppedError) {
        const retryAt = error.resetsAt?.getTime()
        const stopped = { progress: outcomeOf(error.summary, start), reason: error.message }
        return { status: 'stopped', ...stopped, ...(retryAt === undefined ? {} : { retryAt }) }
      }
      // Another run holds the portal's lease: try again once a dead holder's lease has lapsed.
      if (error instanceof RunLockedError) {
        const retryAt = (deps.now ?? Date.now)() + LEASE_TTL_MS
        return { status: 'stopped', progress: job.progress, reason: error.message, retryAt }
      }
      throw error
    }
  }
}

/** Where the job starts: nothing for a full rescore, `{ since }` for an incremental one. */
function startOf(job: Job): { since?: number } {
  if (job.kind === 'full-rescore') return {}
  const parsed = INCREMENTAL.safeParse(job.progress)
  if (!parsed.success)
    throw new Error(`incremental job ${job.id} has no valid since (epoch ms) in its progress`)
  return { since: parsed.data.since }
}

/** What a finished or stopped job shows: its counts, not its failures' reasons. */
function outcomeOf(summary: RescoreSummary, start: { since?: number }): JsonValue {
  return {
    ...start,
    done: summary.companies,
    written: summary.written,
    unchanged: summary.unchanged,
    skipped: summary.skipped,
    failed: summary.failed,
    resumed: summary.resumed,
  }
}
