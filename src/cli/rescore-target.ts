/**
 * One rescore of a connected target, journaled in its data dir, with a progress bar: what `score`
 * and `demo` both run. A run that stops becomes the one line a person needs.
 */
import type { CompanySnapshot, HealthResult } from '../health/index.ts'
import { getDefaultModel } from '../health/index.ts'
import { HubSpotApiError, NotHubSpotError } from '../hubspot/index.ts'
import { createLogger, type LogLevel } from '../log.ts'
import {
  rescorePortal,
  type RescoreSummary,
  RunLockedError,
  RunStoppedError,
} from '../operations/index.ts'
import { CliError } from './cli-error.ts'
import type { Target } from './connect.ts'
import { JournalError } from './journal-error.ts'
import { createProgress } from './progress.ts'
import { SqliteRunJournal } from './sqlite-run-journal.ts'

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
 * resume), when another run of the portal is in progress (75: a temporary failure, run again
 * later), when the data directory cannot hold the journal (1), or `--since last` finds no
 * completed run
 * @example
 * const summary = await rescoreTarget(target, { progress: true, dryRun: true })
 */
export async function rescoreTarget(
  target: Target,
  options: RescoreTargetOptions,
): Promise<RescoreSummary> {
  const journal = openJournal(target.dataDir)
  const progress = options.progress ? createProgress('Scoring') : null
  let done = 0
  try {
    const summary = await rescorePortal({
      connection: target.connection,
      model: getDefaultModel(),
      journal,
      portalKey: target.portalKey,
      since: options.since === 'last' ? await lastRunEnd(journal, target.portalKey) : options.since,
      dryRun: options.dryRun,
      logger: createLogger(options.logLevel),
      onProgress: (p) => {
        done = p.done
        progress?.update(p.done, p.total, p.apiCalls)
      },
      onScored: options.onScored,
    })
    progress?.finish()
    return summary
  } catch (error) {
    progress?.finish()
    if (error instanceof RunStoppedError) {
      options.onStopped?.(error.summary)
      throw new CliError(error.message, error.reason === 'daily-limit' ? 75 : 1)
    }
    if (error instanceof RunLockedError) throw new CliError(error.message, 75)
    if (error instanceof JournalError) throw new CliError(error.message, 1)
    if (error instanceof HubSpotApiError)
      throw new CliError(explainFailure(error, target.label, done), 1)
    throw error
  } finally {
    journal.close()
  }
}

function openJournal(dataDir: string): SqliteRunJournal {
  try {
    return new SqliteRunJournal(dataDir)
  } catch (error) {
    if (error instanceof JournalError) throw new CliError(error.message, 1)
    throw error
  }
}

/** Where the last completed run of this portal ended: `--since last`. */
async function lastRunEnd(journal: SqliteRunJournal, portalKey: string): Promise<number> {
  const last = await journal.lastCompleted(portalKey)
  if (!last)
    throw new CliError('--since last: no completed run of this portal yet; run a full score first')
  return last.updatedAt
}

/**
 * The one line a person needs: what failed the run and what to do about it, from the error's
 * fields. Resuming is suggested only where it can help: trouble that passes (no answer, 429, 5xx)
 * after some companies were done; never for a refused token, a missing scope or a wrong URL.
 */
function explainFailure(error: HubSpotApiError, target: string, done: number): string {
  const transient = error.status === 0 || error.status === 429 || error.status >= 500
  const resume = transient && done > 0 ? '; run again to resume where it stopped' : ''
  if (error instanceof NotHubSpotError)
    return `${target} does not look like a HubSpot API: ${error.endpoint} answered ${error.answered}. Check --base-url (e.g. https://api.hubapi.com).`
  if (error.status === 0) {
    const what = error.detail.startsWith('no answer within')
      ? `${target} gave ${error.detail}${tried(error)}`
      : `cannot reach ${target}: ${error.detail}${tried(error)}`
    return `${what}. Check --base-url and the network${resume}.`
  }
  if (error.status === 401)
    return `${target} rejected the token (401: ${error.detail}). Check HUBSPOT_ACCESS_TOKEN.`
  if (error.status === 403)
    return `the token lacks a scope this app needs (403: ${error.detail}). See the README for the scopes.`
  return `${error.message}${tried(error)}${resume}.`
}

function tried(error: HubSpotApiError): string {
  return error.attempts > 1 ? ` (tried ${error.attempts} times)` : ''
}
