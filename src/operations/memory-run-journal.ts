/**
 * @module A run journal held in memory, for hosts with no disk (HubSpot app functions) and for runs
 * that live no longer than their process (the demo). It remembers nothing across processes.
 */
import type {
  LeaseClaim,
  NewRun,
  RunFailure,
  RunHolder,
  RunJournal,
  RunKind,
  RunLease,
  RunRecord,
  RunTotals,
} from './run-journal.ts'
import { emptyTotals } from './run-journal.ts'
import { isLeaseStale } from './run-lease.ts'

/**
 * The journal of one process.
 * @example
 * const summary = await rescorePortal({ connection, model, portalKey, journal: new MemoryRunJournal() })
 */
export class MemoryRunJournal implements RunJournal {
  private readonly runs: RunRecord[] = []
  private readonly failuresByRun = new Map<number, RunFailure[]>()
  private readonly leases = new Map<string, RunLease>()

  async findUnfinished(portalKey: string, kind: RunKind): Promise<RunRecord | null> {
    return this.latest(
      (run) => run.portalKey === portalKey && run.kind === kind && run.status !== 'completed',
    )
  }

  async lastCompleted(portalKey: string): Promise<RunRecord | null> {
    return this.latest((run) => run.portalKey === portalKey && run.status === 'completed')
  }

  async start(run: NewRun, now: number): Promise<RunRecord> {
    const record: RunRecord = {
      ...run,
      companyIds: run.companyIds ? [...run.companyIds] : null,
      id: this.runs.length + 1,
      cursor: null,
      pages: 0,
      totals: emptyTotals(),
      status: 'running',
      updatedAt: now,
    }
    this.runs.push(record)
    this.failuresByRun.set(record.id, [])
    return copy(record)
  }

  async confirmPage(
    runId: number,
    cursor: string | null,
    totals: RunTotals,
    failures: readonly RunFailure[],
    now: number,
  ): Promise<void> {
    const run = this.run(runId)
    this.update(run, {
      cursor,
      pages: run.pages + 1,
      totals: structuredClone(totals),
      status: 'running',
      updatedAt: now,
    })
    this.failuresByRun.get(runId)!.push(...failures.map((f) => ({ ...f })))
  }

  async finish(runId: number, status: 'stopped' | 'completed', now: number): Promise<void> {
    this.update(this.run(runId), { status, updatedAt: now })
  }

  async failures(runId: number): Promise<RunFailure[]> {
    return (this.failuresByRun.get(runId) ?? []).map((f) => ({ ...f }))
  }

  async resolveFailures(
    runId: number,
    companyIds: readonly string[],
    totals: RunTotals,
    now: number,
  ): Promise<void> {
    const run = this.run(runId)
    const resolved = new Set(companyIds)
    const left = this.failuresByRun.get(runId)!.filter((f) => !resolved.has(f.companyId))
    this.failuresByRun.set(runId, left)
    this.update(run, { totals: structuredClone(totals), updatedAt: now })
  }

  async acquireLease(portalKey: string, holder: RunHolder, now: number): Promise<LeaseClaim> {
    const held = this.leases.get(portalKey)
    if (held && held.holder.token !== holder.token && !isLeaseStale(held, now))
      return { acquired: false, heldBy: { ...held } }
    const acquiredAt = held?.holder.token === holder.token ? held.acquiredAt : now
    const lease: RunLease = { portalKey, holder: { ...holder }, acquiredAt, renewedAt: now }
    this.leases.set(portalKey, lease)
    return { acquired: true, lease: { ...lease } }
  }

  async renewLease(portalKey: string, holder: RunHolder, now: number): Promise<boolean> {
    const held = this.leases.get(portalKey)
    if (held?.holder.token !== holder.token) return false
    this.leases.set(portalKey, { ...held, renewedAt: now })
    return true
  }

  async releaseLease(portalKey: string, holder: RunHolder): Promise<void> {
    if (this.leases.get(portalKey)?.holder.token === holder.token) this.leases.delete(portalKey)
  }

  private latest(match: (run: RunRecord) => boolean): RunRecord | null {
    const run = this.runs.findLast(match)
    return run ? copy(run) : null
  }

  private run(runId: number): RunRecord {
    const run = this.runs[runId - 1]
    if (!run) throw new Error(`run ${runId} is not in this journal`)
    return run
  }

  private update(run: RunRecord, changes: Partial<RunRecord>): void {
    this.runs[run.id - 1] = { ...run, ...changes }
  }
}

/** A record the caller may keep without seeing later changes. */
function copy(run: RunRecord): RunRecord {
  return structuredClone(run)
}
