/**
 * @module The CLI's run journal: a small SQLite file (`journal.sqlite` in the data directory) in WAL
 * mode, so that a run killed at any moment finds its last confirmed page when run again.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

import Database from 'better-sqlite3'

import type {
  NewRun,
  RunFailure,
  RunJournal,
  RunKind,
  RunRecord,
  RunTotals,
} from '../operations/index.ts'
import { emptyTotals } from '../operations/index.ts'

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

/**
 * The journal of one data directory (`./.health-score/` by default).
 * @example
 * const journal = new SqliteRunJournal('.health-score')
 * try { await rescorePortal({ connection, model, portalKey, journal }) } finally { journal.close() }
 */
export class SqliteRunJournal implements RunJournal {
  private readonly db: Database.Database

  /** Opens (creating if needed) `journal.sqlite` in `dataDir`; `:memory:` for a throwaway one. */
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

  /** The journal's SQLite journal mode: `wal` for a file, `memory` for `:memory:`. */
  get journalMode(): string {
    return this.db.pragma('journal_mode', { simple: true }) as string
  }

  async findUnfinished(portalKey: string, kind: RunKind): Promise<RunRecord | null> {
    const row = this.db
      .prepare<[string, string], RunRow>(
        `SELECT * FROM runs WHERE portal_key = ? AND kind = ? AND status != 'completed' ORDER BY id DESC LIMIT 1`,
      )
      .get(portalKey, kind)
    return row ? toRecord(row) : null
  }

  async lastCompleted(portalKey: string): Promise<RunRecord | null> {
    const row = this.db
      .prepare<[string], RunRow>(
        `SELECT * FROM runs WHERE portal_key = ? AND status = 'completed' ORDER BY id DESC LIMIT 1`,
      )
      .get(portalKey)
    return row ? toRecord(row) : null
  }

  async start(run: NewRun, now: number): Promise<RunRecord> {
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
      companyIds: run.companyIds ? [...run.companyIds] : null,
      id: Number(info.lastInsertRowid),
      cursor: null,
      pages: 0,
      totals,
      status: 'running',
      updatedAt: now,
    }
  }

  async confirmPage(
    runId: number,
    cursor: string | null,
    totals: RunTotals,
    failures: readonly RunFailure[],
    now: number,
  ): Promise<void> {
    this.db.transaction(() => {
      const { changes } = this.db
        .prepare(
          `UPDATE runs SET cursor = ?, pages = pages + 1, totals = ?, status = 'running', updated_at = ? WHERE id = ?`,
        )
        .run(cursor, JSON.stringify(totals), now, runId)
      if (changes === 0) throw new Error(`run ${runId} is not in this journal`)
      const insert = this.db.prepare(
        `INSERT INTO failures (run_id, company_id, reason) VALUES (?, ?, ?)`,
      )
      for (const failure of failures) insert.run(runId, failure.companyId, failure.reason)
    })()
  }

  async finish(runId: number, status: 'stopped' | 'completed', now: number): Promise<void> {
    const { changes } = this.db
      .prepare(`UPDATE runs SET status = ?, updated_at = ? WHERE id = ?`)
      .run(status, now, runId)
    if (changes === 0) throw new Error(`run ${runId} is not in this journal`)
  }

  async failures(runId: number): Promise<RunFailure[]> {
    return this.db
      .prepare<[number], { company_id: string; reason: string }>(
        `SELECT company_id, reason FROM failures WHERE run_id = ? ORDER BY rowid`,
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
