/**
 * One rescore of a connected target, journaled in its data dir, with a progress bar: what `score`
 * and `demo` both run. A run that stops becomes the one line a person needs.
 */
import type { CompanySnapshot, HealthResult } from '../health/index.ts'
import { getDefaultModel } from '../health/index.ts'
import { HubSpotApiError } from '../hubspot/errors.ts'
import { createLogger, type LogLevel } from '../log.ts'
import {
  rescorePortal,
  type RescoreSummary,
  RunStoppedError,
} from '../operations/rescore-portal.ts'
import { RunJournal } from '../operations/run-journal.ts'
import { CliError } from './cli-error.ts'
import type { Target } from './connect.ts'
import { createProgress } from './progress.ts'

export type { RescoreSummary }

export interface RescoreTargetOptions {
  /** Only companies changed since this moment (epoch ms), or since the last completed run ended. */
  readonly since?: number | 'last'
  readonly dryRun?: boolean
  readonly logLevel?: LogLevel
  /** Draw progress on stderr. */
  readonly progress: boolean
  readonly onScored?: (result: HealthResult, snapshot: CompanySnapshot) => void
  /** Receives what a stopped run did before it stopped, e.g. to print it as JSON. */
  readonly onStopped?: (summary: RescoreSummary) => void
}

/**
 * Rescores the target.
 * @throws CliError when the run stops (exit code 75 at the daily limit, else 1: run again to
 * resume), or `--since last` finds no completed run
 * @example
 * const summary = await rescoreTarget(target, { progress: true, dryRun: true })
 */
export async function rescoreTarget(
  target: Target,
  options: RescoreTargetOptions,
): Promise<RescoreSummary> {
  const journal = new RunJournal(target.dataDir)
  const progress = options.progress ? createProgress('Scoring') : null
  try {
    const summary = await rescorePortal({
      connection: target.connection,
      model: getDefaultModel(),
      journal,
      portalKey: target.portalKey,
      since: options.since === 'last' ? lastRunEnd(journal, target.portalKey) : options.since,
      dryRun: options.dryRun,
      logger: createLogger(options.logLevel),
      onProgress: (p) => progress?.update(p.done, p.total, p.apiCalls),
      onScored: options.onScored,
    })
    progress?.finish()
    return summary
  } catch (error) {
    progress?.finish()
    if (!(error instanceof RunStoppedError)) throw error
    options.onStopped?.(error.summary)
    throw new CliError(explainStop(error, target.label), error.resetsAt ? 75 : 1)
  } finally {
    journal.close()
  }
}

/** Where the last completed run of this portal ended: `--since last`. */
function lastRunEnd(journal: RunJournal, portalKey: string): number {
  const last = journal.lastCompleted(portalKey)
  if (!last)
    throw new CliError('--since last: no completed run of this portal yet; run a full score first')
  return last.updatedAt
}

/** The one line a person needs: what stopped the run and what to do about it. */
function explainStop(error: RunStoppedError, target: string): string {
  const cause = error.cause
  if (cause instanceof HubSpotApiError && cause.status === 0) {
    return `cannot reach ${target}: ${cause.message.replace(/^.*failed: /, '')}. Check --base-url and the network; run again to resume.`
  }
  if (cause instanceof HubSpotApiError && cause.status === 401) {
    return `${target} rejected the token (401: ${cause.message.replace(/^.*failed with 401: /, '')}). Check HUBSPOT_ACCESS_TOKEN.`
  }
  if (cause instanceof HubSpotApiError && cause.status === 403) {
    return `the token lacks a scope this app needs (403: ${cause.message.replace(/^.*failed with 403: /, '')}). See the README for the scopes.`
  }
  return error.message
}
