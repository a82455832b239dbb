/**
 * @fileoverview What every `RunJournal` promises, as one suite run over each implementation: call
 * `runJournalContract(open)` at the top of an implementation's test file.
 */
import { spawnSync } from 'node:child_process'
import { hostname } from 'node:os'

import { afterEach, expect, it } from 'vitest'

import type { NewRun, RunHolder, RunJournal } from '../../src/operations/index.ts'
import { emptyTotals, LEASE_TTL_MS } from '../../src/operations/index.ts'

/** A fresh, empty journal, and how to release it after the test. */
export type OpenJournal = () => { journal: RunJournal; close: () => void }

const FULL: NewRun = { portalKey: 'p1', kind: 'full', asOf: 1_000, since: null, companyIds: null }

/** A live process of this host other than this one: the test runner's parent. */
const LIVE: RunHolder = { pid: process.ppid, host: hostname(), token: 'live' }
const ME: RunHolder = { pid: process.pid, host: hostname(), token: 'me' }
/** A process of another host: only its heartbeat tells whether it lives. */
const ELSEWHERE: RunHolder = { pid: process.ppid, host: 'another-host.example', token: 'far' }

/** A pid of this host that no longer exists: a process that has exited. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', ''])
  return pid!
}

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
    await journal().confirmPage(
      run.id,
      '50',
      totals,
      [{ companyId: '7', reason: 'gone', kind: 'read' }],
      3_000,
    )
    totals.companies = 100 // the caller's object may change afterwards: the journal keeps its copy
    expect((await journal().findUnfinished('p1', 'full'))?.totals.companies).toBe(50)
    await journal().confirmPage(
      run.id,
      '100',
      { ...totals, failed: 2 },
      [{ companyId: '9', reason: 'refused', kind: 'write' }],
      4_000,
    )
    expect(await journal().findUnfinished('p1', 'full')).toMatchObject({
      cursor: '100',
      pages: 2,
      totals: { companies: 100, scored: 49, failed: 2 },
      updatedAt: 4_000,
    })
    expect(await journal().failures(run.id)).toEqual([
      { companyId: '7', reason: 'gone', kind: 'read' },
      { companyId: '9', reason: 'refused', kind: 'write' },
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

  it('forgets resolved failures and records the totals that count them, keeping the cursor', async () => {
    const run = await journal().start(FULL, 1_000)
    const failures = ['7', '8', '9'].map((companyId) => ({
      companyId,
      reason: 'timeout',
      kind: 'write' as const,
    }))
    const totals = { ...emptyTotals(), companies: 3, scored: 3, failed: 3 }
    await journal().confirmPage(run.id, null, totals, failures, 2_000)
    await journal().resolveFailures(run.id, ['7', '9'], { ...totals, failed: 1, written: 2 }, 3_000)
    expect(await journal().failures(run.id)).toEqual([failures[1]])
    expect(await journal().findUnfinished('p1', 'full')).toMatchObject({
      cursor: null,
      pages: 1,
      totals: { failed: 1, written: 2 },
      updatedAt: 3_000,
    })
    await expect(journal().resolveFailures(404, [], emptyTotals(), 1)).rejects.toThrow(/404/)
  })

  it('gives a portal’s lease to one holder at a time, and to the same holder again', async () => {
    const first = await journal().acquireLease('p1', LIVE, 1_000)
    expect(first).toEqual({
      acquired: true,
      lease: { portalKey: 'p1', holder: LIVE, acquiredAt: 1_000, renewedAt: 1_000 },
    })
    expect(await journal().acquireLease('p1', ME, 2_000)).toEqual({
      acquired: false,
      heldBy: { portalKey: 'p1', holder: LIVE, acquiredAt: 1_000, renewedAt: 1_000 },
    })
    expect(await journal().acquireLease('p2', ME, 2_000)).toMatchObject({ acquired: true })
    expect(await journal().acquireLease('p1', LIVE, 3_000)).toEqual({
      acquired: true,
      lease: { portalKey: 'p1', holder: LIVE, acquiredAt: 1_000, renewedAt: 3_000 },
    })
  })

  it('frees a lease on release by its holder only', async () => {
    await journal().acquireLease('p1', LIVE, 1_000)
    await journal().releaseLease('p1', ME)
    expect(await journal().acquireLease('p1', ME, 2_000)).toMatchObject({ acquired: false })
    await journal().releaseLease('p1', LIVE)
    expect(await journal().acquireLease('p1', ME, 2_000)).toMatchObject({ acquired: true })
  })

  it('takes over a lease not renewed for LEASE_TTL_MS, and a renewal keeps it held', async () => {
    await journal().acquireLease('p1', ELSEWHERE, 1_000)
    expect(await journal().renewLease('p1', ELSEWHERE, 21_000)).toBe(true)
    const justAlive = 21_000 + LEASE_TTL_MS - 1
    expect(await journal().acquireLease('p1', ME, justAlive)).toMatchObject({
      acquired: false,
      heldBy: { holder: ELSEWHERE, renewedAt: 21_000 },
    })
    expect(await journal().acquireLease('p1', ME, justAlive + 1)).toMatchObject({
      acquired: true,
      lease: { holder: ME, acquiredAt: justAlive + 1 },
    })
    // The old holder's next heartbeat learns it lost the lease, and changes nothing.
    expect(await journal().renewLease('p1', ELSEWHERE, justAlive + 2)).toBe(false)
    expect(await journal().acquireLease('p1', ELSEWHERE, justAlive + 3)).toMatchObject({
      acquired: false,
      heldBy: { holder: ME },
    })
  })

  it('takes over at once the lease of a process of this host that no longer exists', async () => {
    const dead: RunHolder = { pid: deadPid(), host: hostname(), token: 'dead' }
    await journal().acquireLease('p1', dead, 1_000)
    expect(await journal().acquireLease('p1', ME, 1_001)).toMatchObject({
      acquired: true,
      lease: { holder: ME },
    })
  })

  it('answers a renewal of a lease never held with false', async () => {
    expect(await journal().renewLease('p1', ME, 1_000)).toBe(false)
  })
}
