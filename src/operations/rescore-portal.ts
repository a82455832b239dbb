/**
 * @module Rescoring a portal: gather every company (or those changed since a moment), score it, and
 * write back only what changed, page by page, journaling each confirmed page so that a killed or
 * stopped run resumes where it stopped.
 */
import type { HubSpotConnection } from '../hubspot/index.ts'
import { countCompanies, DailyLimitError, ensurePropertySchema } from '../hubspot/index.ts'
import type { Logger } from '../log.ts'
import { MemoryRunJournal } from './memory-run-journal.ts'
import { parseOptions } from './operation-options.ts'
import { RESCORE_OPTIONS } from './rescore-options.ts'
import { remainingPages, resumeOrStart } from './resume-run.ts'
import { type FailureKind, retryFailed } from './retry-failed.ts'
import type { RunJournal, RunRecord, RunTotals } from './run-journal.ts'
import { emptyTotals } from './run-journal.ts'
import { RunStoppedError, type StopReason } from './run-stopped-error.ts'
import { stopReason, watchStops } from './run-stops.ts'
import { type ScoredPage, scorePage } from './score-page.ts'
import type { RescoreOptions, RescoreSummary } from './types.ts'
import { writePage } from './write-page.ts'

const SILENT: Logger = { error() {}, warn() {}, info() {}, debug() {} }

/**
 * Runs one full (or, with `since`, incremental) rescore of a portal.
 * @throws OperationOptionsError when an option is missing or out of range, before anything is done
 * @throws RunStoppedError when the run stops early for a known reason (the daily limit, `signal`,
 *   `deadline`): its pages so far are journaled; run the same request again to resume
 * @throws HubSpotApiError (or any other error) as itself, with the run marked stopped, resumable
 * @example
 * const summary = await rescorePortal({ connection, model: getDefaultModel(), portalKey: 'p1', journal })
 * console.log(`${summary.written} companies written, ${summary.unchanged} unchanged`)
 */
export async function rescorePortal(input: RescoreOptions): Promise<RescoreSummary> {
  const options = parseOptions('rescorePortal', RESCORE_OPTIONS, input)
  const { connection, model, dryRun = false } = options
  const now = options.now ?? Date.now
  const log = options.logger ?? SILENT
  // A dry run journals nothing: its journal lasts as long as the call.
  const journal = dryRun || !options.journal ? new MemoryRunJournal() : options.journal
  const state: RunState = {
    started: now(),
    run: null,
    resumed: false,
    totals: emptyTotals(),
    pending: 0,
    kinds: new Map(),
    recovered: new Set(),
  }
  const summary = () => summarize(state, connection, journal, { dryRun, now, since: options.since })
  try {
    if (!dryRun) await ensurePropertySchema(connection, model)
    const { run, resumed } = await resumeOrStart(connection, journal, options, now)
    if (resumed) log.info({ runId: run.id, pages: run.pages }, 'resuming an unfinished run')
    state.run = run
    state.resumed = resumed
    state.totals = run.totals
    const total = run.companyIds?.length ?? (await countCompanies(connection))
    const stops = watchStops(options, now)
    stops.check()
    for await (const page of remainingPages(connection, model, run, options)) {
      const scored = scorePage(page, model)
      report(scored, options, log)
      const at = { runId: run.id, cursor: page.cursor, totals: state.totals }
      const written = await writePage(connection, journal, at, scored, { dryRun, now })
      const unread = new Set(scored.failures.map((failure) => failure.companyId))
      for (const { companyId } of written.failures)
        state.kinds.set(companyId, unread.has(companyId) ? 'read' : 'write')
      for (const failure of written.failures) log.info(failure, 'company failed; retried later')
      state.totals = written.totals
      state.pending += written.pending
      options.onProgress?.({
        done: state.totals.companies,
        total,
        apiCalls: connection.calls.total,
      })
      stops.check()
    }
    await retryFailures(state, options, journal, now, log)
    for (const failure of await journal.failures(run.id))
      if (!state.recovered.has(failure.companyId)) log.warn(failure, 'company failed')
    await journal.finish(run.id, 'completed', now())
    return await summary()
  } catch (error) {
    if (state.run) await markStopped(journal, state.run, now(), log)
    const reason = stopReason(error)
    if (!reason) throw error
    const stopped = await summary()
    const resetsAt = error instanceof DailyLimitError ? error.resetsAt : null
    const message = stopMessage(reason, stopped, resetsAt)
    throw new RunStoppedError(reason, message, stopped, { resetsAt, cause: error })
  }
}

interface RunState {
  readonly started: number
  run: RunRecord | null
  resumed: boolean
  totals: RunTotals
  pending: number
  /** How each company that failed in this process failed. */
  kinds: Map<string, FailureKind>
  /** Companies that failed and then recovered in the run's retry rounds. */
  recovered: Set<string>
}

/**
 * Retries, before the run ends, the companies that failed in this process, and journals the
 * recovered totals as one more confirmed step at the run's end (the cursor stays at the end).
 */
async function retryFailures(
  state: RunState,
  options: RescoreOptions,
  journal: RunJournal,
  now: () => number,
  log: Logger,
): Promise<void> {
  const run = state.run as RunRecord
  const failed = (await journal.failures(run.id)).filter((f) => state.kinds.has(f.companyId))
  if (failed.length === 0) return
  log.info({ companies: failed.length }, 'retrying failed companies')
  const dryRun = options.dryRun ?? false
  const retried = await retryFailed(
    options.connection,
    options.model,
    run,
    state.totals,
    state.kinds,
    failed,
    { dryRun, ...(options.retryPauseMs === undefined ? {} : { pauseMs: options.retryPauseMs }) },
  )
  if (retried.recovered.size === 0) return
  state.totals = retried.totals
  state.pending += retried.pending
  state.recovered = new Set(retried.recovered)
  await journal.confirmPage(run.id, null, state.totals, [], now())
}

/** Hands each result to `onScored` and logs what a person may want to look at. */
function report(scored: ScoredPage, options: RescoreOptions, log: Logger): void {
  for (const { companyId, issues } of scored.skipped) log.info({ companyId, issues }, 'not scored')
  for (const { result, snapshot } of scored.results) {
    options.onScored?.(result, snapshot)
    if (result.diagnostics.length > 0) {
      const facts = { companyId: result.companyId, diagnostics: result.diagnostics }
      log.debug(facts, 'values read with care')
    }
  }
}

async function summarize(
  state: RunState,
  connection: HubSpotConnection,
  journal: RunJournal,
  context: { readonly dryRun: boolean; readonly now: () => number; readonly since?: number },
): Promise<RescoreSummary> {
  return {
    ...state.totals,
    tiers: { ...state.totals.tiers },
    pending: state.pending,
    apiCalls: connection.calls.snapshot(),
    rateLimited: connection.calls.rateLimited,
    durationMs: context.now() - state.started,
    kind: context.since === undefined ? 'full' : 'incremental',
    resumed: state.resumed,
    dryRun: context.dryRun,
    failures: state.run
      ? (await journal.failures(state.run.id)).filter((f) => !state.recovered.has(f.companyId))
      : [],
  }
}

/** Marks the run resumable; a journal that fails here must not hide the error that stopped it. */
async function markStopped(
  journal: RunJournal,
  run: RunRecord,
  at: number,
  log: Logger,
): Promise<void> {
  try {
    await journal.finish(run.id, 'stopped', at)
  } catch (error) {
    log.error({ runId: run.id, error: String(error) }, 'could not mark the run stopped')
  }
}

function stopMessage(reason: StopReason, summary: RescoreSummary, resetsAt: Date | null): string {
  const done = `after ${summary.companies} companies`
  if (reason === 'daily-limit') {
    const at = resetsAt?.toISOString()
    return `HubSpot's daily API limit for this portal is spent ${done}. It resets at midnight in the account's time zone (next UTC midnight: ${at}); run the same request again then to resume where it stopped.`
  }
  if (reason === 'aborted')
    return `the run was aborted ${done}; run it again to resume where it stopped.`
  return `the run stopped before its deadline ${done}; run it again to resume where it stopped.`
}
