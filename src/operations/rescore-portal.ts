/**
 * @module Rescoring a portal: gather every company (or those changed since a moment), score it, and
 * write back only what changed, page by page, journaling each confirmed page so that a killed or
 * stopped run resumes where it stopped. One run per portal at a time: the run holds the portal's
 * lease in the journal from start to end, so a second process is refused rather than writing the
 * same companies again.
 */
import type { HubSpotConnection } from '../hubspot/index.ts'
import { countCompanies, DailyLimitError, ensurePropertySchema } from '../hubspot/index.ts'
import type { Logger } from '../log.ts'
import { MemoryRunJournal } from './memory-run-journal.ts'
import { parseOptions } from './operation-options.ts'
import { RESCORE_OPTIONS } from './rescore-options.ts'
import { remainingPages, resumeOrStart } from './resume-run.ts'
import { retryFailed } from './retry-failed.ts'
import type { RunJournal, RunRecord, RunTotals } from './run-journal.ts'
import { emptyTotals } from './run-journal.ts'
import { type HeldLease, holdLease } from './run-lease.ts'
import { RunLockedError } from './run-locked-error.ts'
import { RunStoppedError, type StopReason } from './run-stopped-error.ts'
import { stopReason, watchStops } from './run-stops.ts'
import { type ScoredPage, scorePage } from './score-page.ts'
import type { RescoreOptions, RescoreSummary } from './types.ts'
import { writePage } from './write-page.ts'

const SILENT: Logger = { error() {}, warn() {}, info() {}, debug() {} }

/**
 * Runs one full (or, with `since`, incremental) rescore of a portal.
 * @throws OperationOptionsError when an option is missing or out of range, before anything is done
 * @throws RunLockedError when another run of this portal holds its lease in the journal, before
 *   anything is read or written; or before its next write, once this run's lease was taken over
 * @throws RunStoppedError when the run stops early for a known reason (the daily limit, `signal`,
 *   `deadline`): its pages so far are journaled; run the same request again to resume
 * @throws HubSpotApiError (or any other error) as itself, with the run marked stopped, resumable
 * @example
 * const summary = await rescorePortal({ connection, model: getDefaultModel(), portalKey: 'p1', journal })
 * console.log(`${summary.written} companies written, ${summary.unchanged} unchanged`)
 */
export async function rescorePortal(input: RescoreOptions): Promise<RescoreSummary> {
  const options = parseOptions('rescorePortal', RESCORE_OPTIONS, input)
  const now = options.now ?? Date.now
  const log = options.logger ?? SILENT
  // A dry run journals nothing: its journal lasts as long as the call. It writes nothing either,
  // so the lease it takes on that journal binds no other run: it may run beside a real one.
  const journal = options.dryRun || !options.journal ? new MemoryRunJournal() : options.journal
  const lease = await holdLease(journal, options.portalKey, now, log)
  try {
    return await rescoreHeld(options, journal, lease)
  } finally {
    await lease.release()
  }
}

/** The run itself, once its lease is held. */
async function rescoreHeld(
  options: RescoreOptions,
  journal: RunJournal,
  lease: HeldLease,
): Promise<RescoreSummary> {
  const { connection, model, dryRun = false } = options
  const now = options.now ?? Date.now
  const log = options.logger ?? SILENT
  const state: RunState = {
    started: now(),
    run: null,
    resumed: false,
    totals: emptyTotals(),
    pending: 0,
  }
  const summary = () => summarize(state, connection, journal, { dryRun, now, since: options.since })
  const checkLease = () => {
    if (lease.lost) throw new RunLockedError(options.portalKey, null)
  }
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
      checkLease() // a run whose lease was taken over writes nothing more
      const written = await writePage(connection, journal, at, scored, { dryRun, now })
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
    checkLease()
    await retryFailures(state, options, journal, now, log)
    for (const failure of await journal.failures(run.id)) log.warn(failure, 'company failed')
    await journal.finish(run.id, 'completed', now())
    return await summary()
  } catch (error) {
    // A run whose lease was taken over leaves the run to its new holder.
    if (state.run && !lease.lost) await markStopped(journal, state.run, now(), log)
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
}

/**
 * Retries, before the run ends, every failure the run's journal holds (those of a process that was
 * killed included: each is journaled with its kind), and journals the recovered companies as
 * resolved, with the totals that count them, in one step.
 */
async function retryFailures(
  state: RunState,
  options: RescoreOptions,
  journal: RunJournal,
  now: () => number,
  log: Logger,
): Promise<void> {
  const run = state.run as RunRecord
  const failed = await journal.failures(run.id)
  if (failed.length === 0) return
  log.info({ companies: failed.length }, 'retrying failed companies')
  const dryRun = options.dryRun ?? false
  const retried = await retryFailed(options.connection, options.model, run, state.totals, failed, {
    dryRun,
    ...(options.retryPauseMs === undefined ? {} : { pauseMs: options.retryPauseMs }),
  })
  if (retried.recovered.size === 0) return
  state.totals = retried.totals
  state.pending += retried.pending
  await journal.resolveFailures(run.id, [...retried.recovered], state.totals, now())
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
    failures: state.run ? await journal.failures(state.run.id) : [],
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
