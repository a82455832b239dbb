/**
 * @module The run journal: what the operations need remembered about a rescore run (its cursor, the
 * pages it has confirmed, their totals and failures), so that a killed, stopped or rate-limited run
 * resumes where it stopped instead of starting over. Types only: each host brings its own store
 * (`MemoryRunJournal` here for hosts with no disk, SQLite in the CLI, the backend's database).
 *
 * @note Writes are made idempotent by the write-back itself, which compares with HubSpot's current
 * values before sending: re-processing the one page that was in flight when a run died re-reads it
 * but finds nothing left to write for the companies whose write had landed.
 */

export const RUN_KINDS = ['full', 'incremental'] as const
export type RunKind = (typeof RUN_KINDS)[number]

export const RUN_STATUSES = ['running', 'stopped', 'completed'] as const
export type RunStatus = (typeof RUN_STATUSES)[number]

export interface RunTotals {
  companies: number
  scored: number
  written: number
  unchanged: number
  skipped: number
  failed: number
  tiers: { healthy: number; neutral: number; atRisk: number; critical: number }
}

/** How a company failed: unread (never scored), or scored but unwritten after every attempt. */
export type FailureKind = 'read' | 'write'

/** A company a run could not read or write, and why. */
export interface RunFailure {
  readonly companyId: string
  readonly reason: string
  /** Kept with the failure, so a resumed run in another process can retry it. */
  readonly kind: FailureKind
}

/** Who runs a portal's rescore: a process on a host, and a token unique to the one run. */
export interface RunHolder {
  readonly pid: number
  readonly host: string
  readonly token: string
}

/** One portal's lease: held by one run at a time, across processes, while it is renewed. */
export interface RunLease {
  readonly portalKey: string
  readonly holder: RunHolder
  /** When this holder took the lease, epoch ms. */
  readonly acquiredAt: number
  /** When this holder last renewed it (its heartbeat), epoch ms. */
  readonly renewedAt: number
}

/** What asking for a lease gives: the lease, or the lease another live run holds. */
export type LeaseClaim =
  | { readonly acquired: true; readonly lease: RunLease }
  | { readonly acquired: false; readonly heldBy: RunLease }

/** What a run is, fixed when it starts. */
export interface NewRun {
  readonly portalKey: string
  readonly kind: RunKind
  /** The moment every snapshot of the run describes, epoch ms. */
  readonly asOf: number
  readonly since: number | null
  /** For incremental runs: the companies to rescore, fixed when the run starts. */
  readonly companyIds: readonly string[] | null
}

export interface RunRecord extends NewRun {
  readonly id: number
  /** The last confirmed page's cursor: the run continues after it (null before the first page). */
  readonly cursor: string | null
  readonly pages: number
  readonly totals: RunTotals
  readonly status: RunStatus
  /** When the run last moved: for a completed run, when it finished. */
  readonly updatedAt: number
}

/**
 * Where an operation journals its runs. Every method may be asynchronous (a database), and each
 * must be durable when its promise settles: `confirmPage` is the promise that a page is done.
 * @example
 * const journal: RunJournal = new MemoryRunJournal()
 * const run = await journal.start({ portalKey, kind: 'full', asOf, since: null, companyIds: null }, now)
 * await journal.confirmPage(run.id, page.cursor, totals, failures, Date.now())
 * await journal.finish(run.id, 'completed', Date.now())
 *
 * @note The lease methods keep one run per portal at a time. `acquireLease` must decide and take
 * the lease atomically (one transaction, or a conditional write), judging the lease it finds with
 * `isLeaseStale` (a lease not renewed for `LEASE_TTL_MS`, or whose holder process is gone from this
 * host, may be taken over).
 */
export interface RunJournal {
  /** The latest unfinished (running or stopped) run of this portal and kind, if any. */
  findUnfinished(portalKey: string, kind: RunKind): Promise<RunRecord | null>
  /** The last completed run of this portal: `--since last` starts where it finished. */
  lastCompleted(portalKey: string): Promise<RunRecord | null>
  /** Records a new run, with no page confirmed yet. */
  start(run: NewRun, now: number): Promise<RunRecord>
  /** Confirms one page at once: its cursor, the run's totals so far and the page's failures. */
  confirmPage(
    runId: number,
    cursor: string | null,
    totals: RunTotals,
    failures: readonly RunFailure[],
    now: number,
  ): Promise<void>
  /** Marks a run stopped (resumable) or completed. */
  finish(runId: number, status: 'stopped' | 'completed', now: number): Promise<void>
  /** Every failure the run's confirmed pages recorded and no retry resolved, in order. */
  failures(runId: number): Promise<RunFailure[]>
  /**
   * At once: forgets the failures of companies that recovered, and records the run's totals with
   * them counted (the cursor and pages stay as they are).
   */
  resolveFailures(
    runId: number,
    companyIds: readonly string[],
    totals: RunTotals,
    now: number,
  ): Promise<void>
  /**
   * Takes the portal's lease for `holder` when it is free, stale, or already this holder's;
   * otherwise answers who holds it. Atomic: of two callers at once, one at most acquires it.
   */
  acquireLease(portalKey: string, holder: RunHolder, now: number): Promise<LeaseClaim>
  /** The holder's heartbeat: false when the lease is no longer this holder's (it was taken over). */
  renewLease(portalKey: string, holder: RunHolder, now: number): Promise<boolean>
  /** Frees the portal, if this holder still holds its lease. */
  releaseLease(portalKey: string, holder: RunHolder): Promise<void>
}

/** Totals with nothing counted yet. */
export function emptyTotals(): RunTotals {
  return {
    companies: 0,
    scored: 0,
    written: 0,
    unchanged: 0,
    skipped: 0,
    failed: 0,
    tiers: { healthy: 0, neutral: 0, atRisk: 0, critical: 0 },
  }
}
