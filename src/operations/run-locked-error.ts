/** @module The error of a run refused because another run of the same portal holds its lease. */
import type { RunLease } from './run-journal.ts'
import { LEASE_TTL_MS } from './run-lease.ts'

/**
 * Another run of this portal is in progress (or this run's lease was taken over): nothing was
 * read or written by the refused run. Run again once the other run has ended.
 * @example
 * try { await rescorePortal(options) } catch (error) {
 *   if (error instanceof RunLockedError) console.log(`busy until ${error.heldBy?.holder.pid} ends`)
 * }
 */
export class RunLockedError extends Error {
  readonly portalKey: string
  /** The lease that refused this run; null when this run's own lease was taken over. */
  readonly heldBy: RunLease | null

  constructor(portalKey: string, heldBy: RunLease | null, message = lockedMessage(heldBy)) {
    super(message)
    this.name = 'RunLockedError'
    this.portalKey = portalKey
    this.heldBy = heldBy
  }
}

function lockedMessage(lease: RunLease | null): string {
  if (!lease)
    return `another run took this portal over after this run's heartbeat lapsed for ${LEASE_TTL_MS / 1000} s; this run stopped before writing more, so no company is written twice: run again once the other run ends`
  const { pid, host } = lease.holder
  const since = new Date(lease.acquiredAt).toISOString()
  return `another run of this portal is in progress (pid ${pid} on ${host}, since ${since}); wait for it to finish, then run again (a run that died on another host frees the portal ${LEASE_TTL_MS / 1000} s after its last heartbeat)`
}
