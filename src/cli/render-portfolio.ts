/** @module `health-score portfolio` for a person and for scripts: the portfolio view as text or JSON. */
import type { TierId } from '../health/index.ts'
import type { PortfolioAccount, PortfolioView, TierCounts } from '../operations/index.ts'
import { MAX_NAME_WIDTH } from './render-table.ts'
import { toTerminalText, truncateText } from './terminal-text.ts'

const TIER_ROWS: readonly [keyof TierCounts, string][] = [
  ['healthy', 'Healthy'],
  ['neutral', 'Neutral'],
  ['atRisk', 'At risk'],
  ['critical', 'Critical'],
]

const TIER_LABELS: Record<TierId, string> = {
  healthy: 'Healthy',
  neutral: 'Neutral',
  at_risk: 'At risk',
  critical: 'Critical',
}

/** One account in the `--json` lists (DESIGN.md, the portfolio contract). */
export interface PortfolioJsonAccount {
  readonly companyId: string
  readonly name: string
  readonly score: number | null
  readonly change30d: number | null
}

/** What `portfolio --json` prints. */
export interface PortfolioJson {
  readonly tiers: TierCounts
  readonly trendingDown: readonly PortfolioJsonAccount[]
  readonly newlyRed: readonly PortfolioJsonAccount[]
  readonly saveRate: number | null
  readonly apiCalls: number
}

const jsonAccount = (a: PortfolioAccount): PortfolioJsonAccount => ({
  companyId: a.companyId,
  name: a.name,
  score: a.score,
  change30d: a.change30d,
})

/**
 * The view in the `portfolio --json` contract, exactly its keys.
 * @example JSON.stringify(toPortfolioJson(view)) // '{"tiers":{"healthy":812,…},…,"apiCalls":10}'
 */
export function toPortfolioJson(view: PortfolioView): PortfolioJson {
  return {
    tiers: view.tiers,
    trendingDown: view.trendingDown.map(jsonAccount),
    newlyRed: view.newlyRed.map(jsonAccount),
    saveRate: view.saveRate.value,
    apiCalls: view.apiCalls,
  }
}

const percent = (part: number, whole: number): string =>
  whole ? `${Math.round((100 * part) / whole)}%` : '—'

function accountTable(accounts: readonly PortfolioAccount[], empty: string): string[] {
  if (!accounts.length) return [`  ${empty}`]
  const row = (name: string, score: string, tier: string, change: string) =>
    `  ${name.padEnd(MAX_NAME_WIDTH + 2)}${score.padStart(5)}  ${tier.padEnd(9)}${change.padStart(7)}`
  return [
    row('Company', 'Score', 'Tier', '30 d'),
    ...accounts.map((a) =>
      row(
        truncateText(a.name, MAX_NAME_WIDTH),
        a.score === null ? '—' : String(a.score),
        a.tier ? TIER_LABELS[a.tier] : '—',
        a.change30d === null ? '—' : `${a.change30d > 0 ? '+' : ''}${a.change30d}`,
      ),
    ),
  ]
}

function saveRateLine(view: PortfolioView): string {
  const { value, red, saved, pending, windowDays, sampleSize } = view.saveRate
  const on = sampleSize === null ? '' : ` (a sample of ${sampleSize} of ${view.scored} accounts)`
  const more = pending ? `; ${pending} more are red and still inside their window` : ''
  if (value === null)
    return `Save rate: no account went red and saw its ${windowDays} days end${on}${more}.`
  return `Save rate: ${percent(saved, red)}: ${saved} of ${red} accounts that went red reached Healthy within ${windowDays} days${on}${more}.`
}

/**
 * The view in words: the distribution now and 30 days ago, the lists, the save rate and what the
 * source cannot show. Names are made safe for the terminal.
 * @example process.stdout.write(renderPortfolio(view, 'the demo portal'))
 */
export function renderPortfolio(view: PortfolioView, portal: string): string {
  const past = view.tiers30dAgo
  const lines = [
    `Portfolio of ${toTerminalText(portal)}: ${view.scored} accounts scored, as of ${view.asOf.slice(0, 16).replace('T', ' ')} UTC (${view.apiCalls} API calls).`,
    '',
    `  ${'Tier'.padEnd(10)}${'now'.padStart(7)}${'share'.padStart(7)}${(past ? '30 days ago' : '').padStart(13)}`,
    ...TIER_ROWS.map(
      ([key, label]) =>
        `  ${label.padEnd(10)}${String(view.tiers[key]).padStart(7)}${percent(view.tiers[key], view.scored).padStart(7)}${(past ? `~${past[key]}` : '').padStart(13)}`,
    ),
    '',
    'Trending down most (score change over 30 days):',
    ...accountTable(view.trendingDown, 'none: no score fell over the last 30 days'),
    '',
    'Newly red this week (entered At risk or Critical in the last 7 days):',
    ...accountTable(view.newlyRed, 'none'),
    '',
    saveRateLine(view),
    '',
    ...view.limitations.map((line) => `Note: ${line}`),
    '',
  ]
  return lines.join('\n')
}
