/**
 * @module The fewest calls any batch gather of a portal can make, from the portal's actual counts:
 * the yardstick `bench/gather-calls.bench.ts` measures `gatherPortal` against.
 */
import { LIMITS } from './gather-plan.ts'

/** A portal's record counts: companies, and the tickets and engagements of each type gathered. */
export interface PortalCounts {
  readonly companies: number
  /** Tickets associated with at least one company; omit (or null) when tickets are not gathered. */
  readonly tickets?: number | null
  /** Records of each engagement type gathered (associated with at least one company). */
  readonly engagements: Readonly<Record<string, number>>
}

/**
 * The batch lower bound of a full gather:
 *
 *   ⌈C / 50⌉                companies with their score history (list or batch read, 50 a call)
 * + k · ⌈C / 1000⌉          associations, one v4 batch call per type per 1,000 companies
 * + ⌈T / 100⌉ + Σ ⌈Eₜ / 100⌉  every ticket and engagement read once, 100 a call
 *
 * where C is the companies, T the tickets, Eₜ the engagements of type t, and k the number of
 * record types gathered (tickets plus each engagement type). It assumes no company has more than
 * 500 associations of one type (HubSpot's page size) and that batches are always full.
 * @example gatherLowerBound({ companies: 2000, tickets: 16408, engagements: { calls: 44845 } })
 */
export function gatherLowerBound(counts: PortalCounts): number {
  const c = counts.companies
  if (c === 0) return 0
  const types = Object.values(counts.engagements)
  if (counts.tickets !== undefined && counts.tickets !== null) types.push(counts.tickets)
  const companies = Math.ceil(c / LIMITS.batchReadWithHistory)
  const associations = types.length * Math.ceil(c / LIMITS.associationInputs)
  const records = types.reduce((sum, n) => sum + Math.ceil(n / LIMITS.batchRead), 0)
  return companies + associations + records
}
