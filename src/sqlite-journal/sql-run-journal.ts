/**
 * @module The run journal's SQL, over any open better-sqlite3 database holding its tables
 * (`createJournalTables`): the CLI's `journal.sqlite` and the backend's `server.sqlite` share it, so
 * a run resumes the same way under either host. A `leases` table (`./sqlite-leases.ts`) lets one
 * run at a time hold a portal.
 */
import type Database from 'better-sqlite3'

import type {
  LeaseClaim,
  NewRun,
  RunFailure,
  RunHolder,
  RunJournal,
  RunKind,
  RunRecord,
  RunTotals,
} from '../operations/index.ts'
import { emptyTotals } from '../operations/index.ts'
import { acquireLease, releaseLease, renewLease } from './sqlite-leases.ts'

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

/** Turns what SQLite says into the host's error (null: let the error surface as itself). */
export type TranslateSqliteError = (error: unknown) => Error | null

/**
 * The journal kept in `db`, whose tables `createJournalTables` made. It neither opens nor closes
 * the database: its owner does.
 * @example
 * const journal = new SqlRunJournal(db)
 * await rescorePortal({ connection, model, portalKey, journal })
 */
export class SqlRunJournal implements RunJournal {
  protected readonly db: Database.Database
  private readonly translate: TranslateSqliteError

  constructor(db: Database.Database, translate: TranslateSqliteError = () => null) {
    this.db = db
    this.translate = translate
  }

  async findUnfinished(portalKey: string, kind: RunKind): Promise<RunRecord | null> {
    const row = this.guard(() =>
      this.db
        .prepare<[string, string], RunRow>(
          `SELECT * FROM runs WHERE portal_key = ? AND kind = ? AND status != 'completed' ORDER BY id DESC LIMIT 1`,
        )
        .get(portalKey, kind),
    )
    return row ? toRecord(row) : null
  }

  async lastCompleted(portalKey: string): Promise<RunRecord | null> {
    const row = this.guard(() =>
      this.db
        .prepare<[string], RunRow>(
          `SELECT * FROM runs WHERE portal_key = ? AND status = 'completed' ORDER BY id DESC LIMIT 1`,
        )
        .get(portalKey),
    )
    return row ? toRecord(row) : null
  }

  async start(run: NewRun, now: number): Promise<RunRecord> {
    const totals = emptyTotals()
    const info = this.guard(() =>
      this.db
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
        ),
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
    this.guard(() =>
      this.db.transaction(() => {
        const { changes } = this.db
          .prepare(
            `UPDATE runs SET cursor = ?, pages = pages + 1, totals = ?, status = 'running', updated_at = ? WHERE id = ?`,
          )
          .run(cursor, JSON.stringify(totals), now, runId)
        if (changes === 0) throw new Error(`run ${runId} is not in this journal`)
        const insert = this.db.prepare(
          `INSERT INTO failures (run_id, company_id, reason, kind) VALUES (?, ?, ?, ?)`,
        )
        for (const f of failures) insert.run(runId, f.companyId, f.reason, f.kind)
      })(),
    )
  }

  async finish(runId: number, status: 'stopped' | 'completed', now: number): Promise<void> {
    const { changes } = this.guard(() =>
      this.db
        .prepare(`UPDATE runs SET status = ?, updated_at = ? WHERE id = ?`)
        .run(status, now, runId),
    )
    if (changes === 0) throw new Error(`run ${runId} is not in this journal`)
  }

  async failures(runId: number): Promise<RunFailure[]> {
    return this.guard(() =>
      this.db
        .prepare<[number], { company_id: string; reason: string; kind: RunFailure['kind'] }>(
          `SELECT company_id, reason, kind FROM failures WHERE run_id = ? ORDER BY rowid`,
        )
        .all(runId)
        .map((row) => ({ companyId: row.company_id, reason: row.reason, kind: row.kind })),
    )
  }

  async resolveFailures(
    runId: number,
    companyIds: readonly string[],
    totals: RunTotals,
    now: number,
  ): Promise<void> {
    this.guard(() =>
      this.db.transaction(() => {
        const { changes } = this.db
          .prepare(`UPDATE runs SET totals = ?, updated_at = ? WHERE id = ?`)
          .run(JSON.stringify(totals), now, runId)
        if (changes === 0) throw new Error(`run ${runId} is not in this journal`)
        const remove = this.db.prepare(`DELETE FROM failures WHERE run_id = ? AND company_id = ?`)
        for (const companyId of companyIds) remove.run(runId, companyId)
      })(),
    )
  }

  async acquireLease(portalKey: string, holder: RunHolder, now: number): Promise<LeaseClaim> {
    return this.guard(() => acquireLease(this.db, portalKey, holder, now))
  }

  async renewLease(portalKey: string, holder: RunHolder, now: number): Promise<boolean> {
    return this.guard(() => renewLease(this.db, portalKey, holder, now))
  }

  async releaseLease(portalKey: string, holder: RunHolder): Promise<void> {
    this.guard(() => releaseLease(this.db, portalKey, holder))
  }

  /** Runs a statement, turning what SQLite says about the file into the host's error. */
  protected guard<T>(statement: () => T): T {
    try {
      return statement()
    } catch (error) {
      throw this.translate(error) ?? error
    }
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
