/**
 * @module The job queue of one backend process, over the `ServerStore`'s jobs: every job and its
 * progress is in the store before and while it runs, so a restarted process finds what it must
 * resume. One worker loop, a bounded number of jobs at once, and at most one job per portal at a
 * time (a portal's runs share its one journal lease and its one OAuth budget).
 */
import type { Logger } from '../../log.ts'
import type { Metrics } from '../metrics.ts'
import type { Job, JsonValue, ServerStore } from '../store/types.ts'
import {
  type EnqueueResult,
  jobDedupeKey,
  type JobHandler,
  type JobOutcome,
  type JobQueue,
  type JobRequest,
} from './job-queue.ts'

export interface StoreJobQueueOptions {
  readonly store: ServerStore
  readonly handler: JobHandler
  /** Jobs run at once, across portals. Default 2. */
  readonly concurrency?: number
  readonly now?: () => number
  readonly logger?: Logger
  readonly metrics?: Metrics
}

interface Active {
  readonly job: Job
  readonly controller: AbortController
  readonly done: Promise<void>
}

const SILENT: Logger = { error() {}, warn() {}, info() {}, debug() {} }

/**
 * @example
 * const queue = new StoreJobQueue({ store, handler: rescoreJobHandler({ store, connections }) })
 * await queue.start()
 * await queue.enqueue({ portalId: 62515, kind: 'full-rescore' })
 */
export class StoreJobQueue implements JobQueue {
  private readonly store: ServerStore
  private readonly handler: JobHandler
  private readonly concurrency: number
  private readonly now: () => number
  private readonly log: Logger
  private readonly metrics: Metrics | null
  /** Jobs waiting to run, oldest first. */
  private readonly pending: Job[] = []
  private readonly active = new Map<number, Active>()
  private readonly idleWaiters: (() => void)[] = []
  /** Stopped jobs waiting for their `retryAt` (unref'd timers, cleared on stop). */
  private readonly retries = new Set<NodeJS.Timeout>()
  /** Enqueues one at a time, so two at once cannot both find no unfinished job. */
  private enqueues: Promise<unknown> = Promise.resolve()
  private taking = false

  /** @throws Error when `concurrency` is not a whole number ≥ 1 */
  constructor(options: StoreJobQueueOptions) {
    const concurrency = options.concurrency ?? 2
    if (!Number.isInteger(concurrency) || concurrency < 1)
      throw new Error(`concurrency must be a whole number ≥ 1, got ${concurrency}`)
    this.store = options.store
    this.handler = options.handler
    this.concurrency = concurrency
    this.now = options.now ?? Date.now
    this.log = options.logger ?? SILENT
    this.metrics = options.metrics ?? null
  }

  get running(): boolean {
    return this.taking
  }

  enqueue(request: JobRequest): Promise<EnqueueResult> {
    const result = this.enqueues.then(() => this.enqueueNow(request))
    this.enqueues = result.catch(() => {})
    return result
  }

  async start(): Promise<void> {
    if (this.taking) return
    this.taking = true
    for (const job of await this.store.listUnfinishedJobs()) {
      if (!this.known(job.id)) this.pending.push(job)
      if (job.status !== 'queued')
        this.log.info({ jobId: job.id, status: job.status }, 'resuming an unfinished job')
    }
    this.pump()
  }

  idle(): Promise<void> {
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve)
      this.settle()
    })
  }

  async stop(): Promise<void> {
    this.taking = false
    for (const timer of this.retries) clearTimeout(timer)
    this.retries.clear()
    const active = [...this.active.values()]
    for (const { controller } of active) controller.abort()
    await Promise.all(active.map(({ done }) => done))
    this.settle()
  }

  private async enqueueNow(request: JobRequest): Promise<EnqueueResult> {
    const existing = await this.store.findUnfinishedJob(request.portalId, request.kind)
    if (existing) {
      if (existing.status === 'stopped' && !this.known(existing.id)) {
        const job = await this.store.updateJob(existing.id, { status: 'queued' }, this.now())
        this.pending.push(job)
        this.pump()
        return { job, created: false }
      }
      return { job: existing, created: false }
    }
    const job = await this.store.createJob(request, this.now())
    this.log.info({ jobId: job.id, key: jobDedupeKey(request) }, 'job queued')
    this.pending.push(job)
    this.pump()
    return { job, created: true }
  }

  private known(jobId: number): boolean {
    return this.active.has(jobId) || this.pending.some((job) => job.id === jobId)
  }

  /** Starts waiting jobs while there is room, skipping a portal that already runs one. */
  private pump(): void {
    if (!this.taking) return
    const busy = new Set([...this.active.values()].map(({ job }) => job.portalId))
    for (let i = 0; i < this.pending.length && this.active.size < this.concurrency;) {
      const job = this.pending[i] as Job
      if (busy.has(job.portalId)) {
        i++
        continue
      }
      this.pending.splice(i, 1)
      busy.add(job.portalId)
      const controller = new AbortController()
      const done = this.execute(job, controller.signal).finally(() => {
        this.active.delete(job.id)
        this.pump()
        this.settle()
      })
      this.active.set(job.id, { job, controller, done })
    }
  }

  /** Runs one job to its outcome, recording each step; never rejects. */
  private async execute(queued: Job, signal: AbortSignal): Promise<void> {
    const started = this.now()
    let status: Job['status'] = 'failed'
    let writes: Promise<unknown> = Promise.resolve()
    const context = {
      signal,
      progress: (progress: JsonValue) => {
        writes = writes
          .then(() => this.store.updateJob(queued.id, { progress }, this.now()))
          .catch((error: unknown) =>
            this.log.warn({ jobId: queued.id, error: String(error) }, 'job progress not saved'),
          )
      },
    }
    try {
      const job = await this.store.updateJob(queued.id, { status: 'running' }, started)
      let outcome: JobOutcome | null = null
      let failure: unknown = null
      try {
        outcome = await this.handler(job, context)
      } catch (error) {
        failure = error
      }
      await writes
      if (outcome) {
        status = outcome.status
        const error = outcome.status === 'stopped' ? outcome.reason : null
        await this.store.updateJob(
          job.id,
          { status, progress: outcome.progress, error },
          this.now(),
        )
        this.log.info({ jobId: job.id, status }, `job ${status}`)
        if (outcome.status === 'stopped' && outcome.retryAt !== undefined)
          this.retryAt(job.id, outcome.retryAt)
      } else {
        const message = failure instanceof Error ? failure.message : String(failure)
        await this.store.updateJob(job.id, { status: 'failed', error: message }, this.now())
        this.log.error({ jobId: job.id, error: message }, 'job failed')
      }
    } catch (error) {
      this.log.error({ jobId: queued.id, error: String(error) }, 'job could not be recorded')
    } finally {
      this.metrics?.observeJobDuration(queued.kind, status, (this.now() - started) / 1000)
    }
  }

  /** Queues a stopped job again at `at`, if the worker still runs then. */
  private retryAt(jobId: number, at: number): void {
    if (!this.taking) return
    const timer = setTimeout(
      () => {
        this.retries.delete(timer)
        if (!this.taking || this.known(jobId)) return
        this.store
          .updateJob(jobId, { status: 'queued' }, this.now())
          .then((job) => {
            this.pending.push(job)
            this.pump()
          })
          .catch((error: unknown) =>
            this.log.warn({ jobId, error: String(error) }, 'stopped job not queued again'),
          )
      },
      Math.max(0, at - this.now()),
    ).unref()
    this.retries.add(timer)
  }

  private settle(): void {
    const waiting = this.pending.length > 0 && this.taking
    if (this.active.size > 0 || waiting) return
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }
}
