/** A clock that moves only when told to, so tests decide what "now" is. */

export interface ManualClock {
  /** The current time, epoch ms (pass it as the emulator's `now`). */
  now(): number
  /** Moves the clock forward by `ms`. */
  advance(ms: number): void
  /** Sets the clock to `at` (epoch ms or ISO-8601). */
  set(at: number | string): void
}

/**
 * A manual clock starting at `start` (epoch ms or ISO-8601).
 * @example
 * const clock = createManualClock('2026-11-01T00:00:00.000Z')
 * clock.advance(10_000)
 */
export function createManualClock(start: number | string): ManualClock {
  const toMs = (at: number | string): number => (typeof at === 'number' ? at : Date.parse(at))
  let now = toMs(start)
  return {
    now: () => now,
    advance(ms) {
      now += ms
    },
    set(at) {
      now = toMs(at)
    },
  }
}
