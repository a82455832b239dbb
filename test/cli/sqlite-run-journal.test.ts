import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'

import Database from 'better-sqlite3'
import { afterEach, beforeEach, expect, it } from 'vitest'

import { SqliteRunJournal } from '../../src/cli/sqlite-run-journal.ts'
import { emptyTotals } from '../../src/operations/index.ts'
import { runJournalContract } from '../operations/run-journal-contract.ts'

runJournalContract(() => {
  const journal = new SqliteRunJournal(':memory:')
  return { journal, close: () => journal.close() }
})

let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'health-journal-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

it('finds the unfinished run, its cursor, totals and failures, after the file is reopened', async () => {
  const first = new SqliteRunJournal(dataDir)
  const run = await first.start(
    { portalKey: 'p1', kind: 'incremental', asOf: 1_000, since: 500, companyIds: ['101', '102'] },
    1_000,
  )
  const totals = { ...emptyTotals(), companies: 2, scored: 1, failed: 1 }
  await first.confirmPage(
    run.id,
    '1',
    totals,
    [{ companyId: '102', reason: 'gone', kind: 'read' }],
    2_000,
  )
  first.close() // as a killed process leaves it: never finished

  const again = new SqliteRunJournal(dataDir)
  try {
    expect(await again.findUnfinished('p1', 'incremental')).toEqual({
      ...run,
      cursor: '1',
      pages: 1,
      totals,
      updatedAt: 2_000,
    })
    expect(await again.failures(run.id)).toEqual([
      { companyId: '102', reason: 'gone', kind: 'read' },
    ])
  } finally {
    again.close()
  }
})

it('keeps its file in WAL mode, so a reader never blocks the run that writes', () => {
  const journal = new SqliteRunJournal(join(dataDir, 'nested'))
  try {
    expect(journal.journalMode).toBe('wal')
    expect(existsSync(join(dataDir, 'nested', 'journal.sqlite'))).toBe(true)
  } finally {
    journal.close()
  }
})

it('refuses a lease held through another connection to the same file, until it is released', async () => {
  const one = new SqliteRunJournal(dataDir)
  const two = new SqliteRunJournal(dataDir)
  const a = { pid: process.pid, host: hostname(), token: 'a' }
  const b = { pid: process.pid, host: hostname(), token: 'b' }
  try {
    expect(await one.acquireLease('p1', a, 1_000)).toMatchObject({ acquired: true })
    expect(await two.acquireLease('p1', b, 1_001)).toMatchObject({
      acquired: false,
      heldBy: { holder: a, acquiredAt: 1_000 },
    })
    await one.releaseLease('p1', a)
    expect(await two.acquireLease('p1', b, 1_002)).toMatchObject({ acquired: true })
    expect(await one.renewLease('p1', a, 1_003)).toBe(false)
  } finally {
    one.close()
    two.close()
  }
})

it('adds the failure kind to a journal written before failures kept it', async () => {
  const old = new Database(join(dataDir, 'journal.sqlite'))
  old.exec(`CREATE TABLE failures (run_id INTEGER NOT NULL, company_id TEXT NOT NULL, reason TEXT NOT NULL);
            INSERT INTO failures VALUES (1, '7', 'gone');`)
  old.close()
  const journal = new SqliteRunJournal(dataDir)
  try {
    expect(await journal.failures(1)).toEqual([{ companyId: '7', reason: 'gone', kind: 'read' }])
  } finally {
    journal.close()
  }
})
