/**
 * @module The run journal's tables (runs, their failures, portal leases), created in whichever
 * SQLite file a host keeps them: the CLI's `journal.sqlite`, the backend's `server.sqlite`.
 */
import type Database from 'better-sqlite3'

/**
 * Creates the journal's tables in `db` if they are missing, and brings older ones up to date.
 * @example
 * createJournalTables(new Database(':memory:'))
 */
export function createJournalTables(db: Database.Database): void {
  db.exec(`
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
      reason TEXT NOT NULL,
      kind TEXT NOT NULL DEFAULT 'read'
    );
    CREATE INDEX IF NOT EXISTS runs_by_portal ON runs (portal_key, status);
    CREATE TABLE IF NOT EXISTS leases (
      portal_key TEXT PRIMARY KEY,
      pid INTEGER NOT NULL,
      host TEXT NOT NULL,
      token TEXT NOT NULL,
      acquired_at INTEGER NOT NULL,
      renewed_at INTEGER NOT NULL
    );
  `)
  // @note Journals from before failures kept their kind: an old failure is retried as unread.
  const columns = db.pragma('table_info(failures)') as { name: string }[]
  if (!columns.some((column) => column.name === 'kind'))
    db.exec(`ALTER TABLE failures ADD COLUMN kind TEXT NOT NULL DEFAULT 'read'`)
}
