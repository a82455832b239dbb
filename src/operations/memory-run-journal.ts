/**
 * @module A run journal held in memory, for hosts with no disk (HubSpot app functions) and for runs
 * that live no longer than their process (the demo). It remembers nothing across processes.
 */
import type {
  NewRun,
  RunFailure,
  RunJournal,
  RunKind,
  RunRecord,
  RunTotals,
} from './run-journal.ts'
import { emptyTotals } from './run-journal.ts'

/**
 * The journal of one process.
 * @example
 * const summary = await rescorePortal({ connection, model, portalKey, journal: new MemoryRunJournal() })
 */
export class MemoryRunJournal implements RunJournal {
  private readonly runs: RunRecord[] = []
  private readonly failuresByRun = new Map<number, RunFailure[]>()

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
