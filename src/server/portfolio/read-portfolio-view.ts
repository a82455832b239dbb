/**
 * @module `GET /api/portfolio`'s view of one portal: the store's queries as of a moment, assembled.
 * No HubSpot call: every figure comes from the results the backend kept.
 */
import type { PortfolioView } from '../../operations/index.ts'
import type { PortfolioStore } from '../store/types.ts'
import { PORTFOLIO_DAYS } from '../store/types.ts'
import { assemblePortfolioView } from './assemble-portfolio-view.ts'

/** The view's list lengths and history span. */
export const PORTFOLIO_LIMITS = {
  trendingDown: 10,
  newlyRed: 25,
  /** Weeks of the history chart, the current one included. */
  weeks: 13,
} as const

const DAY_MS = 86_400_000

/**
 * Reads a portal's portfolio view from the store.
 * @example
 * const view = await readPortfolioView(store.portfolio(), portalId, Date.now())
 * view.trendingDown[0] // { companyId: '123', name: 'Acme', score: 41, change30d: -28, … }
 */
export async function readPortfolioView(
  portfolio: PortfolioStore,
  portalId: number,
  asOf: number,
): Promise<PortfolioView> {
  const [now, thirtyDaysAgo, weeks, trendingDown, newlyRed, saveRate, interventions] =
    await Promise.all([
      portfolio.distribution(portalId, asOf),
      portfolio.distribution(portalId, asOf - PORTFOLIO_DAYS.change * DAY_MS),
      portfolio.weeklyTiers(portalId, asOf, PORTFOLIO_LIMITS.weeks),
      portfolio.trendingDown(portalId, asOf, PORTFOLIO_LIMITS.trendingDown),
      portfolio.newlyRed(portalId, asOf, PORTFOLIO_LIMITS.newlyRed),
      portfolio.saveRate(portalId, asOf),
      portfolio.interventions(portalId, asOf),
    ])
  return assemblePortfolioView(
    { now, thirtyDaysAgo, weeks, trendingDown, newlyRed, saveRate, interventions },
    asOf,
  )
}
