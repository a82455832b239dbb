/**
 * @module Opening the journal's SQLite file, checked step by step so that each way a data
 * directory can be unusable (a file, unwritable, a corrupt journal) is named as itself, and its
 * tables created or brought up to date.
 */
import { accessSync, constants, mkdirSync, statSync } from 'node:fs'
import { join } from 'node:path'

import Database from 'better-sqlite3'

import { createJournalTables } from '../sqlite-journal/index.ts'
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
    createJournalTables(db)
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
    createJournalTables(db)
    return { db, path }
  } catch (error) {
    db?.close()
    throw journalError(error, path) ?? error
  }
}
