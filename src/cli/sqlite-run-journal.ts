/**
 * @module The CLI's run journal: a small SQLite file (`journal.sqlite` in the data directory) in WAL
 * mode, so that a run killed at any moment finds its last confirmed page when run again. The SQL is
 * the one the backend's store uses too (`../sqlite-journal/`); what is the CLI's own is the file and
 * its errors, one line naming the path.
 */
import { SqlRunJournal } from '../sqlite-journal/index.ts'
import { journalError } from './journal-error.ts'
import { openJournalDatabase } from './open-journal-database.ts'

/**
 * The journal of one data directory (`./.health-score/` by default).
 * @throws JournalError from the constructor and every method when the folder or the file cannot
 *   be used (a file, read-only, corrupt): one line naming the path and the problem
 * @example
 * const journal = new SqliteRunJournal('.health-score')
 * try { await rescorePortal({ connection, model, portalKey, journal }) } finally { journal.close() }
 */
export class SqliteRunJournal extends SqlRunJournal {
  /** Opens (creating if needed) `journal.sqlite` in `dataDir`; `:memory:` for a throwaway one. */
  constructor(dataDir: string) {
    const { db, path } = openJournalDatabase(dataDir)
    super(db, (error) => journalError(error, path))
  }

  /** The journal's SQLite journal mode: `wal` for a file, `memory` for `:memory:`. */
  get journalMode(): string {
    return this.db.pragma('journal_mode', { simple: true }) as string
  }

  close(): void {
    this.db.close()
  }
}
