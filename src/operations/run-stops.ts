/**
 * @module The known stops of a run, told apart from failures: the portal's daily API limit, the
 * caller's abort signal, and the caller's deadline. Each becomes a `RunStoppedError`; anything else
 * stays the error it is.
 */
import { DailyLimitError } from '../hubspot/index.ts'
import type { StopReason } from './run-stopped-error.ts'

/** A known stop, thrown between pages and turned into a `RunStoppedError` by the operation. */
export class StopRequest extends Error {
  readonly reason: StopReason

  constructor(reason: Exclude<StopReason, 'daily-limit'>) {
    super(reason === 'aborted' ? 'the run was aborted' : 'the run reached its deadline')
    this.name = 'StopRequest'
    this.reason = reason
  }
}

/**
 * Watches a run's signal and deadline between pages. `check()` throws a `StopRequest` when the
 * signal has aborted, or when the longest page so far would not fit before the deadline.
 * @example
 * const stops = watchStops({ signal, deadline: Date.now() + 14_000 }, Date.now)
 * for await (const page of pages) { await handle(page); stops.check() }
 */
export function watchStops(
  options: { readonly signal?: AbortSignal; readonly deadline?: number },
  now: () => number,
): { check(): void } {
  let last = now()
  let longestPage = 0
  return {
    check() {
      const at = now()
      longestPage = Math.max(longestPage, at - last)
      last = at
      if (options.signal?.aborted) throw new StopRequest('aborted')
      if (options.deadline !== undefined && at + longestPage >= options.deadline)
        throw new StopRequest('deadline')
    },
  }
}

/** The reason an error stops a run, if it is a known stop; null for a failure. */
export function stopReason(error: unknown): StopReason | null {
  if (error instanceof StopRequest) return error.reason
  if (error instanceof DailyLimitError) return 'daily-limit'
  return null
}
