import type { PlaybookAction } from '../../../health/index.ts'

/**
 * When an action's task is due: `dueInHours` from now, as ISO-8601; null when the action sets none.
 * @example
 * dueAt({ dueInHours: 48, ... }, Date.parse('2026-11-20T09:00:00Z')) // '2026-11-22T09:00:00.000Z'
 */
export function dueAt(action: PlaybookAction, now: number): string | null {
  return action.dueInHours === null
    ? null
    : new Date(now + action.dueInHours * 3_600_000).toISOString()
}
