import { Statistics, StatisticsItem, Text } from '@hubspot/ui-extensions'

import type { PortfolioSaveRate } from '../../../operations/portfolio-types.ts'
import { count } from '../utils/count.ts'
import { formatShare } from '../utils/tiers.ts'

export interface SaveRateProps {
  readonly saveRate: PortfolioSaveRate
}

/** Why there is no rate, or null when there is one. */
function noRate({ value, pending, windowDays }: PortfolioSaveRate): string | null {
  if (value !== null) return null
  return pending > 0
    ? `No save rate yet: ${count(pending, 'account')} went red, all under ${windowDays} days ago.`
    : 'No save rate yet: no account has gone red.'
}

/** The share of red accounts brought back to green within the window, and the counts behind it. */
export function SaveRate({ saveRate }: SaveRateProps) {
  const { value, red, saved, pending, windowDays, sampleSize } = saveRate
  return (
    <>
      <Statistics testId="portfolio-save-rate">
        <StatisticsItem
          label={`Save rate (red to green within ${windowDays} days)`}
          number={value === null ? '—' : formatShare(value)}
          testId="portfolio-save-rate-value"
        />
        <StatisticsItem label="Went red" number={red} testId="portfolio-save-rate-red" />
        <StatisticsItem
          label={`Back to green within ${windowDays} days`}
          number={saved}
          testId="portfolio-save-rate-saved"
        />
        <StatisticsItem
          label="Too recent to count"
          number={pending}
          testId="portfolio-save-rate-pending"
        />
      </Statistics>
      <Text variant="microcopy" testId="portfolio-save-rate-note">
        {[
          noRate(saveRate) ??
            `${saved} of the ${count(red, 'account')} that went red ${saved === 1 ? 'was' : 'were'} back to green within ${windowDays} days.`,
          value !== null && pending > 0
            ? `${count(pending, 'more account')} went red under ${windowDays} days ago and ${pending === 1 ? 'is' : 'are'} not counted yet.`
            : '',
          sampleSize === null ? '' : `Measured on a sample of ${count(sampleSize, 'account')}.`,
        ]
          .filter(Boolean)
          .join(' ')}
      </Text>
    </>
  )
}
