import type { PortfolioWeek, TierCounts } from '../../../operations/portfolio-types.ts'
import { TIER_ORDER, tierLabel } from './tiers.ts'

/** The distribution chart's two series. */
export const PERIODS = { now: 'Now', ago: '30 days ago' } as const

/** One bar: a tier, a period and how many accounts were in that tier then. */
export interface DistributionRow {
  readonly tier: string
  readonly period: string
  readonly accounts: number
  readonly [field: string]: number | string
}

/**
 * The rows of the distribution BarChart: per tier, best first, the count 30 days ago (when known)
 * and now.
 * @example
 * distributionRows(view.tiers, view.tiers30dAgo)
 * // [{tier: 'Healthy', period: '30 days ago', accounts: 50}, {tier: 'Healthy', period: 'Now', accounts: 48}, ...]
 */
export function distributionRows(now: TierCounts, ago: TierCounts | null): DistributionRow[] {
  return TIER_ORDER.flatMap((tier) => [
    ...(ago === null ? [] : [{ tier: tierLabel(tier), period: PERIODS.ago, accounts: ago[tier] }]),
    { tier: tierLabel(tier), period: PERIODS.now, accounts: now[tier] },
  ])
}

/** One point of the health-over-time LineChart: a week (epoch ms), a tier and its share in %. */
export interface ShareRow {
  readonly week: number
  readonly tier: string
  readonly share: number
  readonly [field: string]: number | string
}

/**
 * The rows of the health-over-time LineChart: one line per tier, the share of that week's scored
 * accounts in percent (one decimal). Weeks with no scored account are left out, not drawn as 0.
 * @example
 * shareRows(view.history.weeks)
 * // [{week: Date.parse('2026-10-05'), tier: 'Healthy', share: 40.5}, ...]
 */
export function shareRows(weeks: readonly PortfolioWeek[]): ShareRow[] {
  return TIER_ORDER.flatMap((tier) =>
    weeks
      .filter((week) => week.accounts > 0)
      .map((week) => ({
        week: Date.parse(`${week.weekStart}T00:00:00.000Z`),
        tier: tierLabel(tier),
        share: Math.round(week.shares[tier] * 1000) / 10,
      })),
  )
}
