/** @module The one error an operation throws for a run that stopped for a known reason. */
import type { RescoreSummary } from './types.ts'

/** Why a run stopped early. Each is resumable: run the same request again. */
export const STOP_REASONS = ['daily-limit', 'aborted', 'deadline'] as const
export type StopReason = (typeof STOP_REASONS)[number]

/**
 * A run that stopped before the end for a known reason (the portal's daily API limit, the caller's
 * abort signal, the caller's deadline), with everything up to its last confirmed page journaled.
 * Running the same request again resumes it. Any other failure is thrown as itself.
 * @example
 * try { await rescorePortal(options) } catch (error) {
 *   if (error instanceof RunStoppedError && error.reason === 'deadline') scheduleAnotherSlice()
 * }
 */
export class RunStoppedError extends Error {
  readonly reason: StopReason
  /** The run so far. */
  readonly summary: RescoreSummary
  /** For the daily limit: when it resets (the next UTC midnight). */
  readonly resetsAt: Date | null

  constructor(
    reason: StopReason,
    message: string,
    summary: RescoreSummary,
    details: { resetsAt?: Date | null; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause })
    this.name = 'RunStoppedError'
    this.reason = reason
    this.summary = summary
    this.resetsAt = details.resetsAt ?? null
  }
}
