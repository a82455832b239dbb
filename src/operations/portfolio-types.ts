/**
 * @module The portfolio view's shape: what the app home page, `health-score portfolio` and the
 * backend's `GET /api/portfolio` all show. Two sources fill it: HubSpot itself (CRM search on the
 * app's properties and property history for a sample: the private variant and the CLI), and the
 * marketplace backend's store of every run's per-company results. Fields a source cannot answer
 * are null, and `limitations` says so in words.
 */
import type { TierId } from '../health/index.ts'

/** Accounts per tier, in the `score --json` spelling. */
export interface TierCounts {
  readonly healthy: number
  readonly neutral: number
  readonly atRisk: number
  readonly critical: number
}

/** One account in a portfolio list, linking to its company record. */
export interface PortfolioAccount {
  readonly companyId: string
  readonly name: string
  readonly score: number | null
  readonly tier: TierId | null
  /** Score now minus score 30 days ago (`health_score_change_30d`). */
  readonly change30d: number | null
  /** When the tier last changed (ISO), where known. */
  readonly tierChangedAt: string | null
}

/** The share of accounts per tier in one week (the portfolio's health over time). */
export interface PortfolioWeek {
  /** The week's first day, `YYYY-MM-DD` (UTC Monday). */
  readonly weekStart: string
  /** Accounts with a score that week: the shares' denominator. */
  readonly accounts: number
  /** Shares 0–1 per tier; they sum to 1 when `accounts` > 0. */
  readonly shares: Readonly<Record<keyof TierCounts, number>>
}

/** Red accounts pulled back to green within the window. */
export interface PortfolioSaveRate {
  /** Saved over red; null when no account was red. */
  readonly value: number | null
  readonly red: number
  readonly saved: number
  /** Red accounts whose window has not ended yet, neither saved nor counted as lost. */
  readonly pending: number
  readonly windowDays: number
  /** Accounts it was measured on: null when all of them, a number when a sample. */
  readonly sampleSize: number | null
}

/** How the accounts that got one playbook action moved afterwards. */
export interface InterventionOutcome {
  readonly actionId: string
  readonly label: string
  /** Times it was started from the card. */
  readonly started: number
  /** Accounts whose tier rose, held, or fell within 30 days after; `pending` when too recent. */
  readonly improved: number
  readonly unchanged: number
  readonly declined: number
  readonly pending: number
  /** Median score change 30 days after the action, null when none is known yet. */
  readonly medianChange: number | null
}

/** The whole book of accounts at a glance. */
export interface PortfolioView {
  /** Where the figures came from. */
  readonly source: 'hubspot' | 'store'
  /** The moment the view describes (ISO). */
  readonly asOf: string
  /** Accounts with a score now. */
  readonly scored: number
  readonly tiers: TierCounts
  /** The distribution 30 days ago; null when unknown (a new install). */
  readonly tiers30dAgo: TierCounts | null
  /** The share of accounts per tier by week, oldest first. */
  readonly history: {
    readonly weeks: readonly PortfolioWeek[]
    /** Accounts the history was read for: null when all of them, a number when a sample. */
    readonly sampleSize: number | null
  }
  /** The accounts whose score fell most in 30 days, worst first. */
  readonly trendingDown: readonly PortfolioAccount[]
  /** Accounts that entered At risk or Critical in the last 7 days. */
  readonly newlyRed: readonly PortfolioAccount[]
  readonly saveRate: PortfolioSaveRate
  /** Playbook actions started from the card and what followed; null where not recorded. */
  readonly interventions: readonly InterventionOutcome[] | null
  /** HubSpot API calls the view took (0 from the store). */
  readonly apiCalls: number
  /** What this source cannot show, in plain words, for the page to say. */
  readonly limitations: readonly string[]
}
