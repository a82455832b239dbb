/**
 * @module The handler of backtest jobs: `backtestModels` of the portal's model in use against the
 * candidate the settings page sent, on the portal's one shared connection (so the backtest spends
 * the portal's one OAuth budget with its card, webhook and rescore work).
 *
 * The job's progress holds its request (`{ model, horizonDays }`) from the moment it is queued, so
 * a restarted backend finds it and runs it again. A backtest keeps no checkpoint: its figures need
 * every outcome at once, so a job stopped mid-gather (a shutdown, the daily limit) starts over,
 * reading the portal again. Once completed, the progress holds the result instead of the request.
 */
import { z } from 'zod'

import { compileModel, formatIssues, parseModel } from '../../health/index.ts'
import { DailyLimitError } from '../../hubspot/index.ts'
import { backtestModels, CALIBRATE_HORIZONS, type HorizonDays } from '../../operations/index.ts'
import type { PortalConnections } from '../portal-connections.ts'
import type { PortalModels } from '../portal-models.ts'
import type { Job, JsonValue } from '../store/types.ts'
import type { JobHandler, JobOutcome } from './job-queue.ts'

/** What a backtest job is asked to do, kept in its progress until it completes. */
export const BACKTEST_JOB_REQUEST = z.object({
  model: z.unknown(),
  horizonDays: z.literal(CALIBRATE_HORIZONS),
})
export type BacktestJobRequest = z.infer<typeof BACKTEST_JOB_REQUEST>

export interface BacktestJobDeps {
  readonly connections: PortalConnections
  /** The portals' models, shared with the routes: the current side of each backtest. */
  readonly models: Pick<PortalModels, 'modelFor'>
  readonly now?: () => number
}

/**
 * The handler for `backtest` jobs.
 * @example
 * const handler = backtestJobHandler({ connections, models })
 */
export function backtestJobHandler(deps: BacktestJobDeps): JobHandler {
  return async function backtestJob(job, { signal, progress }): Promise<JobOutcome> {
    const request = requestOf(job)
    const parsed = parseModel(request.model)
    if (!parsed.success)
      throw new Error(`the candidate model is invalid: ${formatIssues(parsed.issues)}`)
    const connection = await deps.connections.forPortal(job.portalId)
    const current = await deps.models.modelFor(job.portalId)
    const queued = { model: request.model as JsonValue, horizonDays: request.horizonDays }
    try {
      const result = await backtestModels({
        connection,
        current,
        candidate: compileModel(parsed.value),
        horizonDays: request.horizonDays as HorizonDays,
        signal,
        ...(deps.now ? { now: deps.now() } : {}),
        onProgress: ({ companies, outcomes }) => progress({ ...queued, companies, outcomes }),
      })
      return {
        status: 'completed',
        progress: {
          horizonDays: request.horizonDays,
          result: JSON.parse(JSON.stringify(result)) as JsonValue,
        },
      }
    } catch (error) {
      // A shutdown: the next start runs it again. The daily limit: once it resets.
      if (signal.aborted)
        return { status: 'stopped', progress: queued, reason: 'the backend stopped' }
      if (error instanceof DailyLimitError)
        return {
          status: 'stopped',
          progress: queued,
          reason: error.message,
          retryAt: error.resetsAt.getTime(),
        }
      throw error
    }
  }
}

/** The request a backtest job was queued with. */
export function requestOf(job: Job): BacktestJobRequest {
  const parsed = BACKTEST_JOB_REQUEST.safeParse(job.progress)
  if (!parsed.success || parsed.data.model === undefined)
    throw new Error(`backtest job ${job.id} has no candidate model and horizon in its progress`)
  return parsed.data
}
