import type { ChartColor } from '@hubspot/ui-extensions'
import { LineChart, Text } from '@hubspot/ui-extensions'

import type { PortfolioView } from '../../../operations/portfolio-types.ts'
import { count } from '../utils/count.ts'
import { shareRows } from '../utils/portfolio-charts.ts'
import { TIER_CHART_COLORS, TIER_ORDER, tierLabel } from '../utils/tiers.ts'

export interface HealthOverTimeProps {
  readonly history: PortfolioView['history']
}

const COLORS: Record<string, ChartColor> = Object.fromEntries(
  TIER_ORDER.map((tier) => [tierLabel(tier), TIER_CHART_COLORS[tier]]),
)

/** The share of accounts in each tier, week by week, and what it was read from. */
export function HealthOverTime({ history }: HealthOverTimeProps) {
  const rows = shareRows(history.weeks)
  if (rows.length === 0) {
    return (
      <Text testId="portfolio-history-empty">
        No weekly history yet: it starts with the first week of scores.
      </Text>
    )
  }
  return (
    <>
      <LineChart
        data={rows}
        axes={{
          x: { field: 'week', fieldType: 'datetime', label: 'Week' },
          y: { field: 'share', fieldType: 'linear', label: 'Share of accounts (%)' },
          options: { groupFieldByColor: 'tier', colors: COLORS },
        }}
        options={{
          title: 'Share of accounts per tier, by week',
          showLegend: true,
          showTooltips: true,
        }}
        testId="portfolio-history"
      />
      {history.sampleSize === null ? null : (
        <Text variant="microcopy" testId="portfolio-history-sample">
          {`Read from the score history of a sample of ${count(history.sampleSize, 'account')}, not of every account.`}
        </Text>
      )}
    </>
  )
}
