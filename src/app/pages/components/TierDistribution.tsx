import type { ChartColor } from '@hubspot/ui-extensions'
import { BarChart, Text } from '@hubspot/ui-extensions'

import type { TierCounts } from '../../../operations/portfolio-types.ts'
import { distributionRows, PERIODS } from '../utils/portfolio-charts.ts'

export interface TierDistributionProps {
  readonly now: TierCounts
  readonly ago: TierCounts | null
}

const PERIOD_COLORS = {
  [PERIODS.ago]: 'blue',
  [PERIODS.now]: 'darkBlue',
} as const satisfies Record<string, ChartColor>

/** Accounts per tier now, beside 30 days ago when that is known. */
export function TierDistribution({ now, ago }: TierDistributionProps) {
  return (
    <>
      <BarChart
        data={distributionRows(now, ago)}
        axes={{
          x: { field: 'tier', fieldType: 'category', label: 'Tier' },
          y: { field: 'accounts', fieldType: 'linear', label: 'Accounts' },
          options: { groupFieldByColor: 'period', colors: PERIOD_COLORS },
        }}
        options={{
          title: ago === null ? 'Accounts per tier now' : 'Accounts per tier, now and 30 days ago',
          showLegend: true,
          showTooltips: true,
          showDataLabels: true,
        }}
        testId="portfolio-distribution"
      />
      {ago === null ? (
        <Text variant="microcopy" testId="portfolio-distribution-no-past">
          There is no distribution from 30 days ago yet: the app has not been scoring that long.
        </Text>
      ) : null}
    </>
  )
}
