/**
 * @module The SQLite store's tables, created on open and versioned with `user_version`, so that a
 * file written by a newer release is refused rather than misread; the run journal's tables; and the
 * portfolio's: one score row per company per UTC day, and the playbook actions started from the card.
 */
import type Database from 'better-sqlite3'

import { createJournalTables } from '../../sqlite-journal/index.ts'

/** The schema this release writes. */
export const SCHEMA_VERSION = 1

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS installations (
    portal_id INTEGER PRIMARY KEY,
    status TEXT NOT NULL,
    scopes TEXT NOT NULL,
    access_token TEXT,
    refresh_token TEXT,
    expires_at INTEGER,
    installed_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE IF NOT EXISTS settings (
    portal_id INTEGER NOT NULL,
    version INTEGER NOT NULL,
    model TEXT NOT NULL,
    saved_at INTEGER NOT NULL,
    saved_by TEXT,
    PRIMARY KEY (portal_id, version)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY,
    portal_id INTEGER NOT NULL,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    progress TEXT NOT NULL,
    error TEXT,
    created_at INTEGER NOT NULL,
    started_at INTEGER,
    updated_at INTEGER NOT NULL,
    finished_at INTEGER
  );
  CREATE INDEX IF NOT EXISTS jobs_by_portal ON jobs (portal_id, kind, status);
  CREATE TABLE IF NOT EXISTS processed_events (
    event_id INTEGER NOT NULL,
    subscription_id INTEGER NOT NULL,
    portal_id INTEGER NOT NULL,
    processed_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, subscription_id, portal_id)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS events_by_age ON processed_events (processed_at);
  CREATE TABLE IF NOT EXISTS webhook_watermarks (
    portal_id INTEGER PRIMARY KEY,
    processed_until INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
`

/**
 * The portfolio's history. `day` is the UTC day number (epoch ms / 86,400,000, floored): one row per
 * company per day, the day's latest score, clustered by company so that a company's latest row is
 * one seek. `prev_tier` is the tier of the company's row before it (null for its first), kept on
 * write, so that a tier change is a row, found through the partial index of changes rather than by
 * walking the history. `portfolio_companies` lists each company once, with its latest name and
 * segment and the last day it was scored: what the per-company seeks start from.
 */
const PORTFOLIO_SCHEMA = `
  CREATE TABLE IF NOT EXISTS portfolio_companies (
    portal_id INTEGER NOT NULL,
    company_id TEXT NOT NULL,
    name TEXT,
    segment TEXT,
    last_day INTEGER NOT NULL,
    PRIMARY KEY (portal_id, company_id)
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS company_scores (
    portal_id INTEGER NOT NULL,
    company_id TEXT NOT NULL,
    day INTEGER NOT NULL,
    scored_at INTEGER NOT NULL,
    score INTEGER NOT NULL,
    tier TEXT NOT NULL,
    prev_tier TEXT,
    PRIMARY KEY (portal_id, company_id, day)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS company_tier_changes
    ON company_scores (portal_id, company_id, day, tier, prev_tier, scored_at)
    WHERE prev_tier IS NULL OR prev_tier <> tier;
  CREATE TABLE IF NOT EXISTS playbook_actions (
    id INTEGER PRIMARY KEY,
    portal_id INTEGER NOT NULL,
    company_id TEXT NOT NULL,
    action_id TEXT NOT NULL,
    label TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    day INTEGER NOT NULL,
    score INTEGER,
    tier TEXT
  );
  CREATE INDEX IF NOT EXISTS playbook_actions_by_portal ON playbook_actions (portal_id, started_at);
`

/**
 * Creates the tables in a new file, or checks an existing file's version.
 * @throws Error when the file was written by a newer schema
 */
export function migrate(db: Database.Database, where: string): void {
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > SCHEMA_VERSION)
    throw new Error(
      `${where} holds schema version ${version}, newer than this release's ${SCHEMA_VERSION}: upgrade health-score`,
    )
  db.transaction(() => {
    db.exec(SCHEMA)
    // @note Additive (new tables only): a file from before them reads as it did, and a release from
    // before them reads a file that has them; so neither the journal's nor the portfolio's tables
    // move the version.
    createJournalTables(db)
    db.exec(PORTFOLIO_SCHEMA)
    db.pragma(`user_version = ${SCHEMA_VERSION}`)
  })()
}
