/**
 * @fileoverview What every `RunJournal` promises, as one suite run over each implementation: call
 * `runJournalContract(open)` at the top of an implementation's test file.
 */
import { afterEach, expect, it } from 'vitest'

import type { NewRun, RunJournal } from '../../src/operations/index.ts'
import { emptyTotals } from '../../src/operations/index.ts'

/** A fresh, empty journal, and how to release it after the test. */
export type OpenJournal = () => { journal: RunJournal; close: () => void }

const FULL: NewRun = { portalKey: 'p1', kind: 'full', asOf: 1_000, since: null, companyIds: null }

export function runJournalContract(open: OpenJournal): void {
  let opened: ReturnType<OpenJournal> | null = null
  const journal = () => (opened ??= open()).journal
  afterEach(() => {
    opened?.close()
    opened = null
  })

  it('starts a run with no page confirmed', async () => {
    const run = await journal().start(FULL, 2_000)
    expect(run).toMatchObject({
      ...FULL,
      cursor: null,
      pages: 0,
      totals: emptyTotals(),
      status: 'running',
      updatedAt: 2_000,
    })
    expect(await journal().findUnfinished('p1', 'full')).toEqual(run)
  })

  it('keeps each confirmed page: its cursor, the totals so far and its failures, in order', async () => {
    const run = await journal().start(FULL, 2_000)
    const totals = { ...emptyTotals(), companies: 50, scored: 49, failed: 1 }
    await journal().confirmPage(run.id, '50', totals, [{ companyId: '7', reason: 'gone' }], 3_000)
    totals.companies = 100 // the caller's object may change afterwards: the journal keeps its copy
    expect((await journal().findUnfinished('p1', 'full'))?.totals.companies).toBe(50)
    await journal().confirmPage(
      run.id,
      '100',
      { ...totals, failed: 2 },
      [{ companyId: '9', reason: 'refused' }],
      4_000,
    )
    expect(await journal().findUnfinished('p1', 'full')).toMatchObject({
      cursor: '100',
      pages: 2,
      totals: { companies: 100, scored: 49, failed: 2 },
      updatedAt: 4_000,
    })
    expect(await journal().failures(run.id)).toEqual([
      { companyId: '7', reason: 'gone' },
      { companyId: '9', reason: 'refused' },
    ])
  })

  it('finds a stopped run as unfinished, and only for its own portal and kind', async () => {
    const run = await journal().start(FULL, 2_000)
    await journal().finish(run.id, 'stopped', 3_000)
    expect(await journal().findUnfinished('p1', 'full')).toMatchObject({
      id: run.id,
      status: 'stopped',
    })
    expect(await journal().findUnfinished('p2', 'full')).toBeNull()
    expect(await journal().findUnfinished('p1', 'incremental')).toBeNull()
  })

  it('keeps an incremental run’s companies and its since', async () => {
    const ids = ['101', '102', '205']
    const run = await journal().start(
      { ...FULL, kind: 'incremental', since: 500, companyIds: ids },
      2_000,
    )
    expect(run.companyIds).toEqual(ids)
    expect(await journal().findUnfinished('p1', 'incremental')).toMatchObject({
      since: 500,
      companyIds: ids,
    })
  })

  it('answers the latest unfinished run and the latest completed one, by when they finished', async () => {
    const first = await journal().start(FULL, 1_000)
    await journal().finish(first.id, 'completed', 5_000)
    const second = await journal().start(FULL, 6_000)
    await journal().finish(second.id, 'completed', 7_000)
    const third = await journal().start(FULL, 8_000)
    expect(await journal().findUnfinished('p1', 'full')).toMatchObject({ id: third.id })
    expect(await journal().lastCompleted('p1')).toMatchObject({
      id: second.id,
      status: 'completed',
      updatedAt: 7_000,
    })
    expect(await journal().lastCompleted('p2')).toBeNull()
  })

  it('has no unfinished run once it completes', async () => {
    const run = await journal().start(FULL, 2_000)
    await journal().confirmPage(run.id, null, emptyTotals(), [], 3_000)
    await journal().finish(run.id, 'completed', 4_000)
    expect(await journal().findUnfinished('p1', 'full')).toBeNull()
  })

  it('refuses a page or a finish for a run it does not hold', async () => {
    await expect(journal().confirmPage(404, null, emptyTotals(), [], 1)).rejects.toThrow(/404/)
    await expect(journal().finish(404, 'completed', 1)).rejects.toThrow(/404/)
  })
}
