import { Divider, Flex, Heading, Text } from '@hubspot/ui-extensions'

import type { PortfolioView } from '../../../operations/portfolio-types.ts'
import { formatDate } from '../../cards/utils/format.ts'
import { count } from '../utils/count.ts'
import { AccountsTable } from './AccountsTable.tsx'
import { HealthOverTime } from './HealthOverTime.tsx'
import { Interventions } from './Interventions.tsx'
import { Limitations } from './Limitations.tsx'
import { SaveRate } from './SaveRate.tsx'
import { TierDistribution } from './TierDistribution.tsx'

export interface PortfolioProps {
  readonly view: PortfolioView
  /** The HubSpot account the company records live in (`context.portal.id`). */
  readonly portalId: number
}

function summary(view: PortfolioView): string {
  const scored = `${count(view.scored, 'account')} scored, as of ${formatDate(view.asOf)}.`
  return view.source === 'hubspot'
    ? `${scored} Read live from HubSpot in ${count(view.apiCalls, 'API call')}.`
    : `${scored} From the app’s record of every scoring run.`
}

/** The whole book of accounts: distribution, history, the lists, the save rate and the playbooks. */
export function Portfolio({ view, portalId }: PortfolioProps) {
  return (
    <Flex direction="column" gap="md">
      <Text testId="portfolio-summary">{summary(view)}</Text>
      <Heading>Tier distribution</Heading>
      <TierDistribution now={view.tiers} ago={view.tiers30dAgo} />
      <Divider />
      <Heading>Health over time</Heading>
      <HealthOverTime history={view.history} />
      <Divider />
      <Heading>Trending down</Heading>
      <Text variant="microcopy">The accounts whose score fell most in the last 30 days.</Text>
      <AccountsTable
        accounts={view.trendingDown}
        portalId={portalId}
        emptyText="No account’s score fell in the last 30 days."
        testId="portfolio-trending-down"
      />
      <Heading>Newly red</Heading>
      <Text variant="microcopy">Accounts that entered At risk or Critical in the last 7 days.</Text>
      <AccountsTable
        accounts={view.newlyRed}
        portalId={portalId}
        showTierChange
        emptyText="No account entered At risk or Critical in the last 7 days."
        testId="portfolio-newly-red"
      />
      <Divider />
      <Heading>Save rate</Heading>
      <SaveRate saveRate={view.saveRate} />
      <Divider />
      <Heading>Intervention outcomes</Heading>
      {view.interventions === null ? (
        <Text testId="portfolio-interventions-unavailable">
          {view.source === 'hubspot'
            ? 'Not available in the private app: see what the marketplace app adds, below.'
            : 'There is no record of playbook actions for this portal yet.'}
        </Text>
      ) : (
        <Interventions outcomes={view.interventions} />
      )}
      {view.limitations.length > 0 ? (
        <>
          <Divider />
          <Heading>
            {view.source === 'hubspot' ? 'What the marketplace app adds' : 'About these figures'}
          </Heading>
          <Limitations sentences={view.limitations} testId="portfolio-limitations" />
        </>
      ) : null}
    </Flex>
  )
}
