import type { HealthResult, TierId } from '../health/index.ts'
import { toTerminalText, truncateText } from './terminal-text.ts'

/** Names longer than this are cut, with an ellipsis, so one name cannot push the table apart. */
export const MAX_NAME_WIDTH = 40

const TIER_LABELS: Record<TierId, string> = {
  healthy: 'Healthy',
  neutral: 'Neutral',
  at_risk: 'At risk',
  critical: 'Critical',
}

const TIER_COLORS: Record<TierId, number> = { healthy: 32, neutral: 33, at_risk: 35, critical: 31 }

const TREND_ARROWS = { improving: '↑', stable: '→', declining: '↓' } as const

export interface TableOptions {
  readonly color: boolean
}

/** A fixed-width table: company, score, tier, trend, top driver and playbook, one row each. */
export function renderResultTable(
  results: readonly HealthResult[],
  names: ReadonlyMap<string, string>,
  options: TableOptions,
): string {
  const rows = results.map((r) => {
    const change =
      r.trend.change30d === null ? '' : ` ${r.trend.change30d > 0 ? '+' : ''}${r.trend.change30d}`
    return {
      name: truncateText(names.get(r.companyId) ?? r.companyId, MAX_NAME_WIDTH),
      score: String(r.score),
      tier: TIER_LABELS[r.tier],
      tierId: r.tier,
      trend: `${TREND_ARROWS[r.trend.direction]}${change}`,
      driver: toTerminalText(r.topDriver),
      playbook: r.playbook
        ? toTerminalText(`${r.playbook.urgent ? '! ' : ''}${r.playbook.label}`)
        : '',
    }
  })
  const header = {
    name: 'Company',
    score: 'Score',
    tier: 'Tier',
    trend: '30d',
    driver: 'Top driver',
    playbook: 'Playbook',
  }
  const width = (key: keyof typeof header) =>
    Math.max(header[key].length, ...rows.map((row) => row[key].length))
  const w = {
    name: width('name'),
    score: width('score'),
    tier: width('tier'),
    trend: width('trend'),
    driver: width('driver'),
  }
  const line = (row: typeof header, tierId?: TierId) => {
    const tier = row.tier.padEnd(w.tier)
    const painted =
      options.color && tierId ? `\u001b[${TIER_COLORS[tierId]}m${tier}\u001b[0m` : tier
    return `${row.name.padEnd(w.name)}  ${row.score.padStart(w.score)}  ${painted}  ${row.trend.padEnd(w.trend)}  ${row.driver.padEnd(w.driver)}  ${row.playbook}`.trimEnd()
  }
  return [line(header), ...rows.map((row) => line(row, row.tierId))].join('\n') + '\n'
}
