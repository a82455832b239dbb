import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

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
  await first.confirmPage(run.id, '1', totals, [{ companyId: '102', reason: 'gone' }], 2_000)
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
    expect(await again.failures(run.id)).toEqual([{ companyId: '102', reason: 'gone' }])
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
