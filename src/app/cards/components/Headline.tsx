import {
  Flex,
  ScoreCircle,
  Statistics,
  StatisticsItem,
  StatisticsTrend,
  StatusTag,
  Text,
} from '@hubspot/ui-extensions'

import type { HealthResult } from '../../../health/index.ts'
import { formatAgo, formatChange, formatDate } from '../utils/format.ts'
import { TIER_DISPLAY, TREND_LABELS } from '../utils/tiers.ts'

export interface HeadlineProps {
  readonly result: HealthResult
  /** ISO-8601: when the stored score was written, or null when this result is not stored yet. */
  readonly scoredAt: string | null
  /** Epoch ms: since when the company has stood in its tier, or null when unknown. */
  readonly tierSince?: number | null
  readonly now: number
}

/** The score, its tier (and since when), the 30-day change and when it was last scored. */
export function Headline({ result, scoredAt, tierSince = null, now }: HeadlineProps) {
  const tier = TIER_DISPLAY[result.tier]
  const change = result.trend.change30d
  const scored = scoredAt ?? result.scoredAt
  return (
    <Flex direction="row" align="center" gap="lg" wrap="wrap" testId="health-headline">
      <ScoreCircle score={result.score} testId="health-score" />
      <Flex direction="column" gap="xs">
        <StatusTag variant={tier.variant} testId="health-tier">
          {tier.label}
        </StatusTag>
        {tierSince === null ? null : (
          <Text testId="health-tier-since" variant="microcopy">
            {tier.label} since {formatDate(tierSince)}
          </Text>
        )}
        <Text testId="health-last-scored" variant="microcopy">
          Last scored {formatDate(scored)} ({formatAgo(scored, now)})
        </Text>
      </Flex>
      <Statistics>
        <StatisticsItem
          label="Change in 30 days"
          number={change === null ? 'n/a' : formatChange(change)}
          testId="health-change-30d"
        >
          {change !== null && change !== 0 ? (
            <StatisticsTrend
              direction={change > 0 ? 'increase' : 'decrease'}
              color={change > 0 ? 'green' : 'red'}
              value={`${Math.abs(change)} pts`}
              testId="health-change-30d-trend"
            />
          ) : null}
        </StatisticsItem>
        <StatisticsItem
          label="Trend"
          number={TREND_LABELS[result.trend.direction]}
          testId="health-trend"
        />
      </Statistics>
    </Flex>
  )
}
