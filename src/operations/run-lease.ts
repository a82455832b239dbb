/**
 * @module One run per portal, across processes: who a run is (`newRunHolder`), when a lease found
 * in a journal may be taken over (`isLeaseStale`), and holding one for a run's length, renewed on a
 * timer (`holdLease`). Every journal judges staleness here, so the rule is written once.
 */
import { randomUUID } from 'node:crypto'
import { hostname } from 'node:os'

import type { Logger } from '../log.ts'
import type { RunHolder, RunJournal, RunLease } from './run-journal.ts'
import { RunLockedError } from './run-locked-error.ts'

/** A lease not renewed for this long, ms, is stale: its holder is taken to be gone. */
export const LEASE_TTL_MS = 30_000
/** How often a run renews its lease, ms: three heartbeats fit in `LEASE_TTL_MS`. */
export const LEASE_RENEW_MS = 10_000

/**
 * This process, with a token unique to one run.
 * @example
 * const holder = newRunHolder() // { pid: 4242, host: 'worker-1', token: '1b9d…' }
 */
export function newRunHolder(): RunHolder {
  return { pid: process.pid, host: hostname(), token: randomUUID() }
}

/**
 * Whether a lease may be taken over: not renewed for `LEASE_TTL_MS`, or held by a process of
 * this host that no longer exists (a SIGKILLed run frees its portal at once).
 * @example
 * if (!lease || isLeaseStale(lease, Date.now())) takeIt()
 */
export function isLeaseStale(
  lease: RunLease,
  now: number,
  here: { readonly host: string; alive(pid: number): boolean } = THIS_HOST,
): boolean {
  if (now - lease.renewedAt >= LEASE_TTL_MS) return true
  return lease.holder.host === here.host && !here.alive(lease.holder.pid)
}

const THIS_HOST = { host: hostname(), alive: processAlive }

/** Signal 0 checks a process exists; EPERM means it exists but is another user's. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** A lease held for a run: `lost` once another run took it over; `release` ends it. */
export interface HeldLease {
  readonly holder: RunHolder
  /** True once a renewal found the lease taken over: the run must stop writing. */
  readonly lost: boolean
  release(): Promise<void>
}

/**
 * Takes the portal's lease and renews it every `LEASE_RENEW_MS` on a timer that never keeps the
 * process alive, until `release`.
 * @throws RunLockedError when another live run holds the portal
 * @example
 * const lease = await holdLease(journal, 'p1', Date.now, log)
 * try { await run() } finally { await lease.release() }
 */
export async function holdLease(
  journal: RunJournal,
  portalKey: string,
  now: () => number,
  log: Logger,
): Promise<HeldLease> {
  const holder = newRunHolder()
  const claim = await journal.acquireLease(portalKey, holder, now())
  if (!claim.acquired) throw new RunLockedError(portalKey, claim.heldBy)
  let lost = false
  const timer = setInterval(() => {
    journal.renewLease(portalKey, holder, now()).then(
      (held) => {
        if (!held) lost = true
      },
      (error: unknown) => log.warn({ error: String(error) }, 'could not renew the run lease'),
    )
  }, LEASE_RENEW_MS)
  timer.unref()
  return {
    holder,
    get lost() {
      return lost
    },
    async release() {
      clearInterval(timer)
      try {
        await journal.releaseLease(portalKey, holder)
      } catch (error) {
        log.warn({ error: String(error) }, 'could not release the run lease')
      }
    },
  }
}
