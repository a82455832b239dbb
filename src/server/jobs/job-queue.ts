/**
 * @module The job queue seam: what the backend asks of a queue of background jobs (rescores), named
 * for the move to Redis with BullMQ, where several workers share one queue. `enqueue` is BullMQ's
 * `queue.add` with a `jobId` of `jobDedupeKey(...)` (one unfinished job per portal and kind); the
 * worker loop is its `Worker` with a `concurrency`; `stop()` is `worker.close()`, which lets the
 * jobs in flight reach a checkpoint. `StoreJobQueue` implements it over the `ServerStore`.
 */
import type { Job, JobKind, JsonValue } from '../store/types.ts'

/** What to run: a kind of job for a portal, and what it starts from (an incremental's `since`). */
export interface JobRequest {
  readonly portalId: number
  readonly kind: JobKind
  readonly progress?: JsonValue
}

/** The job that stands for a request: a new one, or the unfinished one it was folded into. */
export interface EnqueueResult {
  readonly job: Job
  /** False when the portal already had an unfinished job of this kind: that one runs instead. */
  readonly created: boolean
}

/** What a handler may do while it runs a job. */
export interface JobContext {
  /** Aborts when the queue stops: the handler stops at its next checkpoint, resumable. */
  readonly signal: AbortSignal
  /** Records where the job stands (persisted in order, the last one kept). */
  progress(progress: JsonValue): void
}

/** How a job ended, if it did not fail: `stopped` runs again (a restart, the daily limit). */
export type JobOutcome =
  | { readonly status: 'completed'; readonly progress: JsonValue }
  | {
      readonly status: 'stopped'
      readonly progress: JsonValue
      readonly reason: string
      /** When to run it again (epoch ms), e.g. once the daily limit resets; else at the next start. */
      readonly retryAt?: number
    }

/** Runs one job; a throw fails the job (final), with the error's message kept. */
export type JobHandler = (job: Job, context: JobContext) => Promise<JobOutcome>

/**
 * A queue of background jobs and the worker that runs them.
 * @example
 * const queue: JobQueue = new StoreJobQueue({ store, handler: rescoreJobHandler(deps) })
 * await queue.start() // resumes what a previous process left unfinished
 * await queue.enqueue({ portalId, kind: 'full-rescore' })
 * await queue.stop() // jobs in flight stop at their next page, resumable
 */
export interface JobQueue {
  /**
   * Records a job, unless the portal has an unfinished one of this kind (which is then queued to
   * run again if it had stopped). Jobs enqueued while the worker is not running wait for `start`.
   */
  enqueue(request: JobRequest): Promise<EnqueueResult>
  /** Starts the worker: every unfinished job (queued, running when a process died, stopped) runs. */
  start(): Promise<void>
  /** Whether the worker is taking jobs (readiness). */
  readonly running: boolean
  /** Resolves once no job runs and none waits to (or the worker stopped and none runs). */
  idle(): Promise<void>
  /**
   * Stops taking jobs, aborts those in flight and waits for each to reach its checkpoint and be
   * recorded as stopped; queued jobs stay queued. Resolves when nothing runs.
   */
  stop(): Promise<void>
}

/**
 * The key under which a queue keeps one unfinished job per portal and kind (BullMQ's `jobId`).
 * @example jobDedupeKey({ portalId: 62515, kind: 'full-rescore' }) // 'full-rescore:62515'
 */
export function jobDedupeKey(request: Pick<JobRequest, 'portalId' | 'kind'>): string {
  return `${request.kind}:${request.portalId}`
}
