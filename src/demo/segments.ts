import type { Rng } from './prng.ts'
import { SEGMENT, type SegmentValue } from './types.ts'

/** How a segment looks and behaves. Rates are per week at neutral health, before scaling. */
export interface SegmentProfile {
  segment: SegmentValue
  /** Share of companies in this segment. */
  share: number
  revenue: readonly [number, number]
  employees: readonly [number, number]
  /** Licensed seats: the onboarding-month active-user baseline. */
  seats: readonly [number, number]
  /** Annual contract value of the renewal deal. */
  contractValue: readonly [number, number]
  contacts: readonly [number, number]
  /** Multiplies every engagement rate: enterprise accounts are much busier. */
  activity: number
  /** Tickets per week at neutral health. */
  ticketRate: number
  /** Shift of the latent baseline, in logit units (enterprise accounts are stickier). */
  healthShift: number
  /** Latent health at which a renewal is a coin flip. */
  churnMidpoint: number
}

export const SEGMENT_PROFILES: readonly SegmentProfile[] = [
  {
    segment: SEGMENT.smb,
    share: 0.6,
    revenue: [250_000, 10_000_000],
    employees: [5, 80],
    seats: [4, 40],
    contractValue: [3_000, 24_000],
    contacts: [1, 6],
    activity: 1,
    ticketRate: 0.08,
    healthShift: -0.1,
    churnMidpoint: 0.36,
  },
  {
    segment: SEGMENT.midMarket,
    share: 0.3,
    revenue: [10_000_000, 100_000_000],
    employees: [80, 1_000],
    seats: [40, 400],
    contractValue: [24_000, 150_000],
    contacts: [4, 20],
    activity: 2.2,
    ticketRate: 0.18,
    healthShift: 0,
    churnMidpoint: 0.32,
  },
  {
    segment: SEGMENT.enterprise,
    share: 0.1,
    revenue: [100_000_000, 5_000_000_000],
    employees: [1_000, 50_000],
    seats: [400, 5_000],
    contractValue: [150_000, 1_200_000],
    contacts: [15, 80],
    activity: 5,
    ticketRate: 0.45,
    healthShift: 0.25,
    churnMidpoint: 0.28,
  },
]

/** HubSpot's own `industry` option values. */
export const INDUSTRIES = [
  'COMPUTER_SOFTWARE',
  'INFORMATION_TECHNOLOGY_AND_SERVICES',
  'FINANCIAL_SERVICES',
  'HOSPITAL_HEALTH_CARE',
  'MARKETING_AND_ADVERTISING',
  'RETAIL',
  'LOGISTICS_AND_SUPPLY_CHAIN',
  'HIGHER_EDUCATION',
  'REAL_ESTATE',
  'CONSTRUCTION',
  'MANAGEMENT_CONSULTING',
  'INTERNET',
  'TELECOMMUNICATIONS',
  'INSURANCE',
  'MECHANICAL_OR_INDUSTRIAL_ENGINEERING',
] as const

/** Draws a segment with the profile shares (60 / 30 / 10). */
export function pickSegment(rng: Rng): SegmentProfile {
  let r = rng.next()
  for (const profile of SEGMENT_PROFILES) {
    r -= profile.share
    if (r < 0) return profile
  }
  return SEGMENT_PROFILES[SEGMENT_PROFILES.length - 1] as SegmentProfile
}

/** A log-uniform integer within a profile range, rounded to `step`. */
export function drawInRange(rng: Rng, range: readonly [number, number], step = 1): number {
  return Math.max(step, Math.round(rng.logUniform(range[0], range[1]) / step) * step)
}
