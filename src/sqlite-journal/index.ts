/**
 * @module The run journal in SQLite, shared by the hosts that keep one (the CLI, the backend): its
 * tables, its SQL and its portal leases, over a database the host opens. Loads no native module
 * itself (types only): the host brings better-sqlite3.
 */
export { createJournalTables } from './journal-tables.ts'
export { SqlRunJournal, type TranslateSqliteError } from './sql-run-journal.ts'
