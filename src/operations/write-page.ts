/**
 * @module Writing one scored page: its updates through write-back, then the page confirmed in the
 * journal with the run's totals so far. Once `confirmPage` settles, a resumed run starts after it.
 */
import type { HubSpotConnection } from '../hubspot/index.ts'
import { writeBack } from '../hubspot/index.ts'
import type { RunFailure, RunJournal, RunTotals } from './run-journal.ts'
import type { ScoredPage } from './score-page.ts'

export interface WrittenPage {
  /** The run's totals with this page counted, as journaled. */
  readonly totals: RunTotals
  /** This page's failures: unread companies, then unwritten ones. */
  readonly failures: RunFailure[]
  /** In a dry run, the companies a real run would have written. */
  readonly pending: number
}

/**
 * Writes a scored page (unless `dryRun`) and confirms it in the journal.
 * @throws DailyLimitError or HubSpotApiError when the write-back cannot go on; the page is then
 *   not confirmed, and a resumed run reads it again (finding nothing left to write where it landed)
 * @example
 * const { totals } = await writePage(conn, journal, { runId, cursor: page.cursor, totals }, scorePage(page, model))
 */
export async function writePage(
  connection: HubSpotConnection,
  journal: RunJournal,
  at: { readonly runId: number; readonly cursor: string | null; readonly totals: RunTotals },
  scored: ScoredPage,
  options: { readonly dryRun: boolean; readonly now: () => number },
): Promise<WrittenPage> {
  const totals = addTotals(at.totals, scored.totals)
  const failures = [...scored.failures]
  let pending = 0
  if (options.dryRun) {
    pending = scored.updates.length
  } else if (scored.updates.length > 0) {
    const outcome = await writeBack(connection, scored.updates)
    totals.written += outcome.written.length
    totals.failed += outcome.failed.length
    for (const { id, reason } of outcome.failed)
      failures.push({ companyId: id, reason, kind: 'write' })
  }
  await journal.confirmPage(at.runId, at.cursor, totals, failures, options.now())
  return { totals, failures, pending }
}

/** The sum of two sets of totals, as a new object. */
export function addTotals(a: RunTotals, b: RunTotals): RunTotals {
  return {
    companies: a.companies + b.companies,
    scored: a.scored + b.scored,
    written: a.written + b.written,
    unchanged: a.unchanged + b.unchanged,
    skipped: a.skipped + b.skipped,
    failed: a.failed + b.failed,
    tiers: {
      healthy: a.tiers.healthy + b.tiers.healthy,
      neutral: a.tiers.neutral + b.tiers.neutral,
      atRisk: a.tiers.atRisk + b.tiers.atRisk,
      critical: a.tiers.critical + b.tiers.critical,
    },
  }
}
