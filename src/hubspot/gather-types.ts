/** @module The shapes `gatherPortal` streams: one page of company snapshots, with failures as data. */
import type { CompanySnapshot, CompiledModel, EngagementType } from '../health/index.ts'

/** What `gatherPortal` reads, and from where. */
export interface GatherOptions {
  readonly model: CompiledModel
  /** The moment the snapshots describe, epoch ms. */
  readonly asOf: number
  /** The app-owned company properties whose current values come back in `current`. */
  readonly ownedProperties: readonly string[]
  /** A page's `cursor`: continue after that page. */
  readonly after?: string
  /** Companies per yielded page, 1–100. Default 100. */
  readonly pageSize?: number
  /** Gather just these companies (incremental runs, explain), in this order. */
  readonly companyIds?: readonly string[]
  /**
   * Companies whose associations and records are read together, ≤ 1,000 (the associations batch
   * limit). Bigger windows fill more batches; memory grows with the window. Default 250.
   */
  readonly windowSize?: number
  /** Engagement types to read. Default: those the engine's signals read (calls, emails, meetings). */
  readonly engagementTypes?: readonly EngagementType[]
  /** Extra attempts for the inputs of a 207 that failed for a reason other than "not found". Default 2. */
  readonly partialRetries?: number
}

/** One company, ready to score, and the values the app last wrote to it. */
export interface GatheredCompany {
  readonly snapshot: CompanySnapshot
  /** The current value of each owned property (null when unset). */
  readonly current: Record<string, string | null>
}

/** A company that could not be read; it is left out of its page, and the run goes on. */
export interface GatherFailure {
  readonly companyId: string
  readonly reason: string
}

/** Record sources the token may not read (a missing scope): their snapshot field is null. */
export type UnreadableSource = 'tickets' | 'engagements'

/** One page of a gather. */
export interface GatherPage {
  /** Pass as `options.after` to continue after this page; null after the last page. */
  readonly cursor: string | null
  readonly companies: readonly GatheredCompany[]
  readonly failures: readonly GatherFailure[]
  /** Sources found unreadable so far (their snapshot fields are null). */
  readonly unreadable: readonly UnreadableSource[]
}
