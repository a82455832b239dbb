import type { FixtureCompany, FixtureRecord } from '@health-score/hubspot-emulator'

/** Customer segments, by `annualrevenue`. */
export const SEGMENT = {
  smb: 'smb',
  midMarket: 'mid_market',
  enterprise: 'enterprise',
} as const

export type SegmentValue = (typeof SEGMENT)[keyof typeof SEGMENT]

/** Options of {@link generateDemoPortal} and {@link iterateDemoPortal}. */
export interface DemoPortalOptions {
  /** How many companies; 2,000 by default. */
  companies?: number
  /** The seed; the same seed gives byte-identical output. 1 by default. */
  seed?: number
  /** The moment the portal describes, ISO-8601. `2026-11-01T00:00:00.000Z` by default. */
  asOf?: string
  /** The fixture's `portalId`. 12345 by default. */
  portalId?: number
  /** Multiplies engagement and ticket volumes (e.g. 0.25 for a lighter 100k portal). 1 by default. */
  activityScale?: number
  /** Share of companies with messy, human-typed values. 0.025 by default. */
  messyShare?: number
}

/** One renewal of a company's annual contract, and whether the customer left at it. */
export interface RenewalTruth {
  /** The renewal (contract anniversary) date, ISO-8601 midnight UTC. */
  date: string
  /** True when the customer did not renew: the renewal deal is `closedlost`. */
  churned: boolean
  /** Latent health at the renewal date, in [0, 1]; `null` for renewals before the simulated span. */
  latent: number | null
  /**
   * True when the outcome is visible in the fixture as a closed deal (renewals up to `asOf`).
   * Renewals after `asOf` are the hidden future: an open deal (or none) in the fixture.
   */
  observed: boolean
  /** The renewal deal's id, or `null` when the fixture has no deal for it. */
  dealId: string | null
}

/**
 * The hidden ground truth of one demo company, for calibration tests. None of it is in the fixture:
 * every observable there is drawn, with noise, from the latent health at the time it describes.
 */
export interface CompanyTruth {
  companyId: string
  segment: SegmentValue
  /** The long-run level the latent health reverts to, in [0, 1] (shocks move it). */
  baseline: number
  /** Latent health at `asOf`, in [0, 1]. */
  latentNow: number
  /**
   * Latent health at `asOf − (12 − k) × 30 days` for k = 0..12, oldest first, so the last entry is
   * `latentNow`. The same grid as the monthly property-history points.
   */
  latentByMonth: number[]
  /** Every renewal from the first anniversary to the next one after `asOf`, oldest first. */
  renewals: RenewalTruth[]
  /** The date of the lost renewal, if the customer has already left (≤ `asOf`), else `null`. */
  churnedAt: string | null
  /** Properties whose current value was replaced by a messy, human-typed one. */
  messyProperties: string[]
}

/** Everything generated for one company: its fixture records and its hidden truth. */
export interface DemoCompanyBundle {
  company: FixtureCompany
  tickets: FixtureRecord[]
  deals: FixtureRecord[]
  calls: FixtureRecord[]
  emails: FixtureRecord[]
  meetings: FixtureRecord[]
  notes: FixtureRecord[]
  tasks: FixtureRecord[]
  truth: CompanyTruth
}
