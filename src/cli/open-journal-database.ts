/**
 * @module Opening the journal's SQLite file, checked step by step so that each way a data
 * directory can be unusable (a file, unwritable, a corrupt journal) is named as itself, and its
 * schema created or brought up to date.
 */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

import Database from 'better-sqlite3'

import { journalError } from './journal-error.ts'

/** How long a statement waits for another process's write lock before SQLITE_BUSY, ms. */
export const BUSY_TIMEOUT_MS = 5_000

/**
 * The open database of `dataDir` (created if needed), and the path its errors name.
 * @throws JournalError when the folder or the file cannot be used
 * @example
 * const { db } = openJournalDatabase('.health-score')
 */
export function openJournalDatabase(dataDir: string): { db: Database.Database; path: string } {
  if (dataDir === ':memory:') {
    const db = new Database(':memory:')
    createSchema(db)
    return { db, path: dataDir }
  }
  try {
    mkdirSync(dataDir, { recursive: true })
    if (!statSync(dataDir).isDirectory())
      throw Object.assign(new Error(dataDir), { code: 'EEXIST' })
    accessSync(dataDir, constants.W_OK)
  } catch (error) {
    throw journalError(error, dataDir) ?? error
  }
  const path = join(dataDir, 'journal.sqlite')
  let db: Database.Database | null = null
  try {
    db = new Database(path, { timeout: BUSY_TIMEOUT_MS })
    db.pragma('journal_mode = WAL')
    createSchema(db)
    return { db, path }
  } catch (error) {
    db?.close()
    throw journalError(error, path) ?? error
  }
}

function createSchema(db: Database.Database): void {
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
