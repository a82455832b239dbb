/**
 * @module The run journal: a small SQLite file that remembers, for each portal, where a rescore run
 * stands (its cursor and the pages it has confirmed), so that a killed or rate-limited run resumes
 * where it stopped instead of starting over.
 *
 * @note Writes are made idempotent by the write-back itself, which compares with HubSpot's current
 * values before sending: re-processing the one page that was in flight when a run died re-reads it
 * but finds nothing left to write for the companies whose write had landed.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

import Database from 'better-sqlite3'

export const RUN_KINDS = ['full', 'incremental'] as const
export type RunKind = (typeof RUN_KINDS)[number]

export interface RunTotals {
  companies: number
  scored: number
  written: number
  unchanged: number
  skipped: number
  failed: number
  tiers: { healthy: number; neutral: number; atRisk: number; critical: number }
}

export interface RunRecord {
  readonly id: number
  readonly portalKey: string
  readonly kind: RunKind
  readonly asOf: number
  readonly since: number | null
  /** For incremental runs: the companies to rescore, fixed when the run starts. */
  readonly companyIds: string[] | null
  readonly cursor: string | null
  readonly pages: number
  readonly totals: RunTotals
  readonly status: 'running' | 'stopped' | 'completed'
  /** When the run last moved: for a completed run, when it finished. */
  readonly updatedAt: number
}

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

interface RunRow {
  id: number
  portal_key: string
  kind: RunKind
  as_of: number
  since: number | null
  company_ids: string | null
  cursor: string | null
  pages: number
  totals: string
  status: RunRecord['status']
  updated_at: number
}

/** The journal of one data directory (`./.health-score/` by default). */
export class RunJournal {
  private readonly db: Database.Database

  /** Opens (creating if needed) `journal.sqlite` in `dataDir`; `:memory:` for tests. */
  constructor(dataDir: string) {
    if (dataDir === ':memory:') {
      this.db = new Database(':memory:')
    } else {
      mkdirSync(dataDir, { recursive: true })
      this.db = new Database(join(dataDir, 'journal.sqlite'))
      this.db.pragma('journal_mode = WAL')
    }
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS runs (
        id INTEGER PRIMARY KEY,
        portal_key TEXT NOT NULL,
        kind TEXT NOT NULL,
        as_of INTEGER NOT NULL,
        since INTEGER,
        company_ids TEXT,
        cursor TEXT,
        pages INTEGER NOT NULL DEFAULT 0,
        totals TEXT NOT NULL,
        status TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS failures (
        run_id INTEGER NOT NULL REFERENCES runs(id),
        company_id TEXT NOT NULL,
        reason TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS runs_by_portal ON runs (portal_key, status);
    `)
  }

  /** The unfinished run of this portal and kind, if a previous one was killed or stopped. */
  findUnfinished(portalKey: string, kind: RunKind): RunRecord | null {
    const row = this.db
      .prepare<[string, string], RunRow>(
        `SELECT * FROM runs WHERE portal_key = ? AND kind = ? AND status != 'completed' ORDER BY id DESC LIMIT 1`,
      )
      .get(portalKey, kind)
    return row ? toRecord(row) : null
  }

  /** The last completed run of this portal: `--since last` starts where it finished. */
  lastCompleted(portalKey: string): RunRecord | null {
    const row = this.db
      .prepare<[string], RunRow>(
        `SELECT * FROM runs WHERE portal_key = ? AND status = 'completed' ORDER BY id DESC LIMIT 1`,
      )
      .get(portalKey)
    return row ? toRecord(row) : null
  }

  start(
    run: {
      portalKey: string
      kind: RunKind
      asOf: number
      since: number | null
      companyIds: string[] | null
    },
    now: number,
  ): RunRecord {
    const totals = emptyTotals()
    const info = this.db
      .prepare(
        `INSERT INTO runs (portal_key, kind, as_of, since, company_ids, cursor, pages, totals, status, started_at, updated_at)
         VALUES (?, ?, ?, ?, ?, NULL, 0, ?, 'running', ?, ?)`,
      )
      .run(
        run.portalKey,
        run.kind,
        run.asOf,
        run.since,
        run.companyIds ? JSON.stringify(run.companyIds) : null,
        JSON.stringify(totals),
        now,
        now,
      )
    return {
      ...run,
      id: Number(info.lastInsertRowid),
      cursor: null,
      pages: 0,
      totals,
      status: 'running',
      updatedAt: now,
    }
  }

  /** Confirms one page: its cursor, the totals so far and its failures, in one transaction. */
  confirmPage(
    runId: number,
    cursor: string | null,
    totals: RunTotals,
    failures: readonly { companyId: string; reason: string }[],
    now: number,
  ): void {
    this.db.transaction(() => {
      this.db
        .prepare(
          `UPDATE runs SET cursor = ?, pages = pages + 1, totals = ?, status = 'running', updated_at = ? WHERE id = ?`,
        )
        .run(cursor, JSON.stringify(totals), now, runId)
      const insert = this.db.prepare(
        `INSERT INTO failures (run_id, company_id, reason) VALUES (?, ?, ?)`,
      )
      for (const failure of failures) insert.run(runId, failure.companyId, failure.reason)
    })()
  }

  /** Marks a run stopped (resumable) or completed. */
  finish(runId: number, status: 'stopped' | 'completed', now: number): void {
    this.db
      .prepare(`UPDATE runs SET status = ?, updated_at = ? WHERE id = ?`)
      .run(status, now, runId)
  }

  failures(runId: number): { companyId: string; reason: string }[] {
    return this.db
      .prepare<[number], { company_id: string; reason: string }>(
        `SELECT company_id, reason FROM failures WHERE run_id = ?`,
      )
      .all(runId)
      .map((row) => ({ companyId: row.company_id, reason: row.reason }))
  }

  close(): void {
    this.db.close()
  }
}

function toRecord(row: RunRow): RunRecord {
  return {
    id: row.id,
    portalKey: row.portal_key,
    kind: row.kind,
    asOf: row.as_of,
    since: row.since,
    companyIds: row.company_ids ? (JSON.parse(row.company_ids) as string[]) : null,
    cursor: row.cursor,
    pages: row.pages,
    totals: JSON.parse(row.totals) as RunTotals,
    status: row.status,
    updatedAt: row.updated_at,
  }
}
