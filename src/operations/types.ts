/** @module The shapes the operations take and return. */
import type { CompanySnapshot, CompiledModel, HealthResult } from '../health/index.ts'
import type { HubSpotConnection } from '../hubspot/index.ts'
import type { Logger } from '../log.ts'
import type { RunFailure, RunJournal, RunKind, RunTotals } from './run-journal.ts'

/** What `rescorePortal` takes; checked with `RESCORE_OPTIONS` when it is called. */
export interface RescoreOptions {
  readonly connection: HubSpotConnection
  readonly model: CompiledModel
  /** Where runs are journaled; without one, the run is remembered only while it lasts. */
  readonly journal?: RunJournal
  /** Which portal this is, for the journal: never the token itself. */
  readonly portalKey: string
  /** Rescore only companies whose data changed at or after this moment (epoch ms). */
  readonly since?: number
  /** Score and compare, but write nothing and journal nothing. */
  readonly dryRun?: boolean
  /** Companies per page (and per journal entry), 1–50: read with their score history. */
  readonly pageSize?: number
  /** Companies gathered together (≤ 1,000): fewer calls when larger, less memory when smaller. */
  readonly windowSize?: number
  /** Stop after the page in flight, journaled and resumable, once this signal aborts. */
  readonly signal?: AbortSignal
  /**
   * Stop cleanly before this moment (epoch ms, on `now`'s clock): no page is started that the
   * longest page so far says would not finish in time. App functions have 15 s.
   */
  readonly deadline?: number
  /**
   * The pause before the first round of retrying failed companies, ms, doubling each round (up to
   * `RETRY_ROUNDS`). Default 1,000.
   */
  readonly retryPauseMs?: number
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
  failures: RunFailure[]
}
