/**
 * @module Rescoring a portal: gather every company (or those changed since a moment), score it, and
 * write back only what changed, page by page, journaling each confirmed page so a killed run resumes
 * where it stopped.
 */
import type { CompanySnapshot, CompiledModel, HealthResult } from '../health/index.ts'
import { scoreCompany } from '../health/index.ts'
import type { HubSpotConnection } from '../hubspot/connection.ts'
import { DailyLimitError } from '../hubspot/errors.ts'
import { companyIdsChangedSince, gatherPortal } from '../hubspot/gather.ts'
import {
  diffProperties,
  ownedPropertyNames,
  toPropertyValues,
} from '../hubspot/health-properties.ts'
import { ensurePropertySchema } from '../hubspot/property-schema.ts'
import { writeBack } from '../hubspot/write-back.ts'
import type { Logger } from '../log.ts'
import { silentLogger } from '../log.ts'
import type { RunJournal, RunKind, RunTotals } from './run-journal.ts'
import { emptyTotals } from './run-journal.ts'

export interface RescoreOptions {
  readonly connection: HubSpotConnection
  readonly model: CompiledModel
  /** Where runs are journaled; without one (e.g. a dry run) nothing is remembered. */
  readonly journal?: RunJournal
  /** Which portal this is, for the journal: never the token itself. */
  readonly portalKey: string
  /** Rescore only companies whose data changed at or after this moment (epoch ms). */
  readonly since?: number
  /** Score and compare, but write nothing. */
  readonly dryRun?: boolean
  readonly pageSize?: number
  /** Companies gathered together (≤ 1,000): fewer calls when larger, less memory when smaller. */
  readonly windowSize?: number
  readonly now?: () => number
  readonly logger?: Logger
  readonly onProgress?: (progress: RescoreProgress) => void
  /** Called with every result, e.g. to rank the most urgent accounts. */
  readonly onScored?: (result: HealthResult, snapshot: CompanySnapshot) => void
}

export interface RescoreProgress {
  readonly done: number
  /** All companies the run will visit, when known. */
  readonly total: number | null
  readonly apiCalls: number
}

/** The `score --json` summary (DESIGN.md), plus what a person needs to act on it. */
export interface RescoreSummary {
  companies: number
  scored: number
  written: number
  unchanged: number
  failed: number
  /** Companies with too little data to score. */
  skipped: number
  /** In a dry run, how many companies a real run would write. */
  pending: number
  apiCalls: { total: number; byEndpoint: Record<string, number> }
  rateLimited: number
  durationMs: number
  tiers: RunTotals['tiers']
  kind: RunKind
  resumed: boolean
  dryRun: boolean
  failures: { companyId: string; reason: string }[]
}

/** A run that stopped before the end and can be resumed by running it again. */
export class RunStoppedError extends Error {
  readonly summary: RescoreSummary
  readonly resetsAt: Date | null

  constructor(message: string, summary: RescoreSummary, resetsAt: Date | null, cause: unknown) {
    super(message, { cause })
    this.name = 'RunStoppedError'
    this.summary = summary
    this.resetsAt = resetsAt
  }
}

const TIER_KEYS = {
  healthy: 'healthy',
  neutral: 'neutral',
  at_risk: 'atRisk',
  critical: 'critical',
} as const

/**
 * Runs one full or incremental rescore of a portal.
 * @throws RunStoppedError when the run stops early (daily limit spent, API unreachable); run again to resume
 */
export async function rescorePortal(options: RescoreOptions): Promise<RescoreSummary> {
  const { connection, model, journal, portalKey, dryRun = false } = options
  const now = options.now ?? Date.now
  const log = options.logger ?? silentLogger
  const started = now()
  const kind: RunKind = options.since === undefined ? 'full' : 'incremental'
  const runJournal = dryRun ? undefined : journal
  const failures: { companyId: string; reason: string }[] = []
  let totals = emptyTotals()
  let pending = 0
  let resumed = false
  let runId: number | null = null

  const summary = (): RescoreSummary => ({
    ...totals,
    tiers: { ...totals.tiers },
    pending,
    apiCalls: connection.calls.snapshot(),
    rateLimited: connection.calls.rateLimited,
    durationMs: now() - started,
    kind,
    resumed,
    dryRun,
    failures: runJournal && runId !== null ? runJournal.failures(runId) : failures,
  })

  try {
    if (!dryRun) await ensurePropertySchema(connection, model)
    let run = runJournal?.findUnfinished(portalKey, kind) ?? null
    if (run && run.since !== (options.since ?? null)) {
      runJournal!.finish(run.id, 'completed', now()) // a different request supersedes it
      run = null
    }
    resumed = run !== null
    if (!run) {
      const asOf = now()
      const companyIds =
        options.since === undefined ? null : await companyIdsChangedSince(connection, options.since)
      run = runJournal?.start(
        { portalKey, kind, asOf, since: options.since ?? null, companyIds },
        now(),
      ) ?? {
        id: -1,
        portalKey,
        kind,
        asOf,
        since: options.since ?? null,
        companyIds,
        cursor: null,
        pages: 0,
        totals: emptyTotals(),
        status: 'running' as const,
        updatedAt: asOf,
      }
    } else {
      log.info({ runId: run.id, pages: run.pages }, 'resuming an unfinished run')
    }
    runId = run.id
    totals = structuredClone(run.totals)
    const total = run.companyIds ? run.companyIds.length : await countCompanies(connection)
    const owned = ownedPropertyNames(model)

    const pages = gatherPortal(connection, {
      model,
      asOf: run.asOf,
      ownedProperties: owned,
      ...(run.cursor ? { after: run.cursor } : {}),
      ...(run.companyIds ? { companyIds: run.companyIds } : {}),
      ...(options.pageSize ? { pageSize: options.pageSize } : {}),
      ...(options.windowSize ? { windowSize: options.windowSize } : {}),
    })
    for await (const page of pages) {
      const pageFailures = page.failures.map((f) => ({ companyId: f.companyId, reason: f.reason }))
      const updates: { id: string; properties: Record<string, string> }[] = []
      totals.companies += page.companies.length + page.failures.length
      for (const { snapshot, current } of page.companies) {
        const result = scoreCompany(snapshot, model)
        if (!result.success) {
          totals.skipped++
          log.info({ companyId: snapshot.companyId, issues: result.issues }, 'not scored')
          continue
        }
        totals.scored++
        totals.tiers[TIER_KEYS[result.value.tier]]++
        options.onScored?.(result.value, snapshot)
        if (result.value.diagnostics.length > 0) {
          log.debug(
            { companyId: snapshot.companyId, diagnostics: result.value.diagnostics },
            'values read with care',
          )
        }
        const changes = diffProperties(toPropertyValues(result.value, model), current)
        if (changes) updates.push({ id: snapshot.companyId, properties: changes })
        else totals.unchanged++
      }
      if (dryRun) {
        pending += updates.length
      } else if (updates.length > 0) {
        const outcome = await writeBack(connection, updates)
        totals.written += outcome.written.length
        for (const failure of outcome.failed)
          pageFailures.push({ companyId: failure.id, reason: failure.reason })
      }
      totals.failed += pageFailures.length
      for (const failure of pageFailures) log.warn(failure, 'company failed')
      if (runJournal) runJournal.confirmPage(run.id, page.cursor, totals, pageFailures, now())
      else failures.push(...pageFailures)
      options.onProgress?.({ done: totals.companies, total, apiCalls: connection.calls.total })
    }
    runJournal?.finish(run.id, 'completed', now())
    return summary()
  } catch (error) {
    if (runJournal && runId !== null) runJournal.finish(runId, 'stopped', now())
    if (error instanceof DailyLimitError) {
      const at = error.resetsAt.toISOString()
      throw new RunStoppedError(
        `HubSpot's daily API limit for this portal is spent. It resets at midnight in the account's time zone (next UTC midnight: ${at}); run the same command again then to resume from page ${totals.companies ? 'where it stopped' : '1'}.`,
        summary(),
        error.resetsAt,
        error,
      )
    }
    throw new RunStoppedError(
      `the run stopped: ${(error as Error).message}. Run the same command again to resume.`,
      summary(),
      null,
      error,
    )
  }
}

/** How many companies the portal holds: one search call with `limit: 1`, on the search lane. */
async function countCompanies(connection: HubSpotConnection): Promise<number> {
  const page = await connection.call(
    'POST /crm/v3/objects/companies/search',
    () =>
      connection.client.crm.companies.searchApi.doSearch({
        filterGroups: [],
        properties: ['hs_object_id'],
        sorts: [],
        limit: 1,
        after: '0',
      }),
    { search: true },
  )
  return page.total
}
