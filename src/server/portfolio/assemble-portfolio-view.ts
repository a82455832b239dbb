/**
 * @module The portfolio view from the store's query rows: shares per week, the lists in the
 * view's spelling, the save rate's value and each action's outcome counts and median change. Pure:
 * the store's SQL does the reading, counting and classifying; this only shapes (any store's rows).
 */
import type { TierId } from '../../health/index.ts'
import type {
  InterventionOutcome,
  PortfolioAccount,
  PortfolioView,
  PortfolioWeek,
  TierCounts,
} from '../../operations/index.ts'
import type {
  DistributionRow,
  InterventionRow,
  PortfolioAccountRow,
  SaveRateCounts,
  WeekTiersRow,
} from '../store/types.ts'
import { PORTFOLIO_DAYS } from '../store/types.ts'

/** What the store answered, query by query. */
export interface PortfolioRows {
  readonly now: DistributionRow
  readonly thirtyDaysAgo: DistributionRow
  readonly weeks: readonly WeekTiersRow[]
  readonly trendingDown: readonly PortfolioAccountRow[]
  readonly newlyRed: { readonly accounts: readonly PortfolioAccountRow[]; readonly total: number }
  readonly saveRate: SaveRateCounts
  readonly interventions: readonly InterventionRow[]
}

const TIER_KEYS: Readonly<Record<TierId, keyof TierCounts>> = {
  healthy: 'healthy',
  neutral: 'neutral',
  at_risk: 'atRisk',
  critical: 'critical',
}

/**
 * The view the store's rows describe, as of `asOf` (epoch ms).
 * @example
 * const view = assemblePortfolioView(rows, Date.now())
 * view.tiers // { healthy: 120, neutral: 40, atRisk: 25, critical: 5 }
 */
export function assemblePortfolioView(rows: PortfolioRows, asOf: number): PortfolioView {
  const { newlyRed } = rows
  const limitations =
    newlyRed.total > newlyRed.accounts.length
      ? [
          `${newlyRed.total} accounts turned red in the last ${PORTFOLIO_DAYS.newlyRed} days; ` +
            `the list shows the ${newlyRed.accounts.length} with the lowest scores.`,
        ]
      : []
  const { red, saved, pending } = rows.saveRate
  return {
    source: 'store',
    asOf: new Date(asOf).toISOString(),
    scored: rows.now.scored,
    tiers: rows.now.tiers,
    tiers30dAgo: rows.thirtyDaysAgo.scored > 0 ? rows.thirtyDaysAgo.tiers : null,
    history: { weeks: weeksOf(rows.weeks), sampleSize: null },
    trendingDown: rows.trendingDown.map(toAccount),
    newlyRed: newlyRed.accounts.map(toAccount),
    saveRate: {
      value: red > 0 ? saved / red : null,
      red,
      saved,
      pending,
      windowDays: PORTFOLIO_DAYS.save,
      sampleSize: null,
    },
    interventions: outcomesOf(rows.interventions),
    apiCalls: 0,
    limitations,
  }
}

/** Weeks with a score, oldest first, each tier's share of that week's accounts. */
function weeksOf(rows: readonly WeekTiersRow[]): PortfolioWeek[] {
  const byWeek = new Map<number, Record<keyof TierCounts, number>>()
  for (const row of rows) {
    const counts = byWeek.get(row.weekStart) ?? { healthy: 0, neutral: 0, atRisk: 0, critical: 0 }
    counts[TIER_KEYS[row.tier]] += row.accounts
    byWeek.set(row.weekStart, counts)
  }
  return [...byWeek]
    .sort(([a], [b]) => a - b)
    .map(([weekStart, counts]) => {
      const accounts = counts.healthy + counts.neutral + counts.atRisk + counts.critical
      return {
        weekStart: new Date(weekStart).toISOString().slice(0, 10),
        accounts,
        shares: {
          healthy: counts.healthy / accounts,
          neutral: counts.neutral / accounts,
          atRisk: counts.atRisk / accounts,
          critical: counts.critical / accounts,
        },
      }
    })
}

function toAccount(row: PortfolioAccountRow): PortfolioAccount {
  return {
    companyId: row.companyId,
    name: row.name ?? `Unnamed company ${row.companyId}`,
    score: row.score,
    tier: row.tier,
    change30d: row.change30d,
    tierChangedAt: row.tierChangedAt === null ? null : new Date(row.tierChangedAt).toISOString(),
  }
}

/**
 * One outcome per action id, the most started first; its label is the latest start's. A start
 * whose outcome is unknown (no score at the start or after it) counts in `started` alone.
 */
function outcomesOf(rows: readonly InterventionRow[]): InterventionOutcome[] {
  const byAction = new Map<string, { label: string; rows: InterventionRow[] }>()
  for (const row of rows) {
    const entry = byAction.get(row.actionId) ?? { label: row.label, rows: [] }
    entry.label = row.label
    entry.rows.push(row)
    byAction.set(row.actionId, entry)
  }
  return [...byAction]
    .map(([actionId, { label, rows: started }]) => {
      const count = (result: InterventionRow['result']) =>
        started.filter((row) => row.result === result).length
      const changes = started.flatMap((row) => (row.change === null ? [] : [row.change]))
      return {
        actionId,
        label,
        started: started.length,
        improved: count('improved'),
        unchanged: count('unchanged'),
        declined: count('declined'),
        pending: count('pending'),
        medianChange: median(changes),
      }
    })
    .sort((a, b) => b.started - a.started || a.actionId.localeCompare(b.actionId))
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}
