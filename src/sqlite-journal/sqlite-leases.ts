/**
 * @module The SQLite journal's portal leases: one row per portal in `leases`, taken inside
 * `BEGIN IMMEDIATE`, which holds the file's write lock from the read to the write, so that of two
 * processes asking at once one finds the lease free and the other finds it taken.
 */
import type Database from 'better-sqlite3'

import type { LeaseClaim, RunHolder, RunLease } from '../operations/index.ts'
import { isLeaseStale } from '../operations/index.ts'

interface LeaseRow {
  portal_key: string
  pid: number
  host: string
  token: string
  acquired_at: number
  renewed_at: number
}

/**
 * Takes the portal's lease when it is free, stale or already `holder`'s (`RunJournal.acquireLease`).
 * @example
 * const claim = acquireLease(db, 'p1', newRunHolder(), Date.now())
 */
export function acquireLease(
  db: Database.Database,
  portalKey: string,
  holder: RunHolder,
  now: number,
): LeaseClaim {
  const take = db.transaction((): LeaseClaim => {
    const row = db
      .prepare<[string], LeaseRow>(`SELECT * FROM leases WHERE portal_key = ?`)
      .get(portalKey)
    const held = row ? toLease(row) : null
    const own = held?.holder.token === holder.token
    if (held && !own && !isLeaseStale(held, now)) return { acquired: false, heldBy: held }
    const acquiredAt = own ? held.acquiredAt : now
    db.prepare(
      `INSERT OR REPLACE INTO leases (portal_key, pid, host, token, acquired_at, renewed_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(portalKey, holder.pid, holder.host, holder.token, acquiredAt, now)
    return {
      acquired: true,
      lease: { portalKey, holder: { ...holder }, acquiredAt, renewedAt: now },
    }
  })
  return take.immediate()
}

/** The heartbeat: false when the lease is no longer `holder`'s. */
export function renewLease(
  db: Database.Database,
  portalKey: string,
  holder: RunHolder,
  now: number,
): boolean {
  const { changes } = db
    .prepare(`UPDATE leases SET renewed_at = ? WHERE portal_key = ? AND token = ?`)
    .run(now, portalKey, holder.token)
  return changes > 0
}

/** Frees the portal if `holder` still holds it. */
export function releaseLease(db: Database.Database, portalKey: string, holder: RunHolder): void {
  db.prepare(`DELETE FROM leases WHERE portal_key = ? AND token = ?`).run(portalKey, holder.token)
}

function toLease(row: LeaseRow): RunLease {
  return {
    portalKey: row.portal_key,
    holder: { pid: row.pid, host: row.host, token: row.token },
    acquiredAt: row.acquired_at,
    renewedAt: row.renewed_at,
  }
}
