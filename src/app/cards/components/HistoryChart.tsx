import type { ChartColor } from '@hubspot/ui-extensions'
import { LineChart, Text } from '@hubspot/ui-extensions'

import type { ScorePoint } from '../../../health/index.ts'
import type { TierBands } from '../../../operations/company-health.ts'
import { bandSeries, historyRows, SCORE_SERIES } from '../utils/history-chart.ts'

export interface HistoryChartProps {
  readonly history: readonly ScorePoint[]
  readonly bands: TierBands
  readonly asOf: number
}

const BAND_COLORS = {
  healthy: 'green',
  neutral: 'yellow',
  at_risk: 'orange',
} as const satisfies Record<keyof TierBands, ChartColor>

/** The score over the last 12 months, with a line at the bottom of each tier. */
export function HistoryChart({ history, bands, asOf }: HistoryChartProps) {
  const rows = historyRows(history, bands, asOf)
  if (rows.length === 0) {
    return <Text testId="health-history-empty">No score history in the last 12 months yet.</Text>
  }
  const colors: Record<string, ChartColor> = { [SCORE_SERIES]: 'darkBlue' }
  for (const tier of Object.keys(BAND_COLORS) as (keyof TierBands)[]) {
    colors[bandSeries(tier, bands)] = BAND_COLORS[tier]
  }
  return (
    <LineChart
      data={rows}
      axes={{
        x: { field: 'date', fieldType: 'datetime', label: 'Date' },
        y: { field: 'score', fieldType: 'linear', label: 'Health score' },
        options: { groupFieldByColor: 'series', colors },
      }}
      options={{ title: 'Health score, last 12 months', showLegend: true, showTooltips: true }}
      testId="health-history"
    />
  )
}
