/**
 * @module The nightly full rescore: at the configured time (UTC), one `full-rescore` job per
 * installed portal. The queue folds a portal's job into its unfinished one, and runs each on the
 * portal's shared connection, inside its OAuth budget. Its timer is unref'd (it never keeps a
 * process alive) and cleared on stop; the clock and the timers are injectable for tests.
 */
import type { Logger } from '../../log.ts'
import type { ServerStore } from '../store/types.ts'
import type { JobQueue } from './job-queue.ts'
import { nextRunAt, type TimeOfDay } from './next-run-at.ts'

/** The timers the scheduler uses: Node's by default. */
export interface SchedulerTimers {
  setTimeout(run: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface NightlySchedulerOptions {
  readonly at: TimeOfDay | string
  readonly store: ServerStore
  readonly queue: Pick<JobQueue, 'enqueue'>
  readonly now?: () => number
  readonly timers?: SchedulerTimers
  readonly logger?: Logger
}

const NODE_TIMERS: SchedulerTimers = {
  setTimeout: (run, ms) => setTimeout(run, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
}
const SILENT: Logger = { error() {}, warn() {}, info() {}, debug() {} }

/**
 * @example
 * const scheduler = new NightlyScheduler({ at: config.rescoreAt, store, queue })
 * scheduler.start()
 * scheduler.stop()
 */
export class NightlyScheduler {
  private readonly options: NightlySchedulerOptions
  private readonly now: () => number
  private readonly timers: SchedulerTimers
  private readonly log: Logger
  private timer: unknown = null
  private stopped = true
  private due = 0

  /** @throws Error when `at` is not a time of day */
  constructor(options: NightlySchedulerOptions) {
    this.options = options
    this.now = options.now ?? Date.now
    this.timers = options.timers ?? NODE_TIMERS
    this.log = options.logger ?? SILENT
    nextRunAt(0, options.at) // refuses a bad time of day now, not at midnight
  }

  /** When the next nightly rescore is due (epoch ms), or null when stopped. */
  get nextAt(): number | null {
    return this.stopped ? null : this.due
  }

  start(): void {
    if (!this.stopped) return
    this.stopped = false
    this.schedule(this.now())
  }

  stop(): void {
    this.stopped = true
    if (this.timer !== null) this.timers.clearTimeout(this.timer)
    this.timer = null
  }

  /** Enqueues one full rescore per installed portal now; how many jobs were new. */
  async runNow(): Promise<number> {
    let created = 0
    for (const { portalId } of await this.options.store.listInstallations('installed')) {
      const result = await this.options.queue.enqueue({ portalId, kind: 'full-rescore' })
      if (result.created) created++
    }
    return created
  }

  /** Arms the timer for the first run after `from`. */
  private schedule(from: number): void {
    this.due = nextRunAt(from, this.options.at)
    this.timer = this.timers.setTimeout(() => void this.fire(), Math.max(0, this.due - this.now()))
  }

  private async fire(): Promise<void> {
    this.timer = null
    if (this.stopped) return
    try {
      const created = await this.runNow()
      this.log.info({ created }, 'nightly rescore queued')
    } catch (error) {
      this.log.error({ error: String(error) }, 'nightly rescore could not be queued')
    }
    // A timer that fired a little early must not run the same night twice.
    if (!this.stopped) this.schedule(Math.max(this.now(), this.due))
  }
}
