/**
 * @module The one handler a queue runs every job with: each kind to its own, rescores to
 * `rescoreJobHandler`, backtests to `backtestJobHandler`, on the same connections and models.
 */
import { PortalModels } from '../portal-models.ts'
import { backtestJobHandler } from './backtest-job.ts'
import type { JobHandler } from './job-queue.ts'
import { type RescoreJobDeps, rescoreJobHandler } from './rescore-job.ts'

/**
 * The handler for every job kind.
 * @example
 * const queue = new StoreJobQueue({ store, handler: jobHandlers({ store, connections, models }) })
 */
export function jobHandlers(deps: RescoreJobDeps): JobHandler {
  const models = deps.models ?? new PortalModels(deps.store)
  const rescore = rescoreJobHandler({ ...deps, models })
  const backtest = backtestJobHandler({
    connections: deps.connections,
    models,
    ...(deps.now ? { now: deps.now } : {}),
  })
  return function jobHandler(job, context) {
    return job.kind === 'backtest' ? backtest(job, context) : rescore(job, context)
  }
}
