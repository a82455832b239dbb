import { Button, EmptyState, ErrorState, LoadingSpinner, Text } from '@hubspot/ui-extensions'

import type { PortfolioView } from '../../../operations/portfolio-types.ts'

/** While the first answer is on its way. */
export function Loading() {
  return (
    <LoadingSpinner
      label="Loading the portfolio…"
      showLabel
      layout="centered"
      testId="portfolio-loading"
    />
  )
}

export interface LoadFailedProps {
  readonly message: string
  readonly onRetry: () => void
}

/** The view could not be loaded: why, and a retry. */
export function LoadFailed({ message, onRetry }: LoadFailedProps) {
  return (
    <ErrorState title="The portfolio could not be loaded" testId="portfolio-error">
      <Text testId="portfolio-error-reason">{message}</Text>
      <Button onClick={onRetry} testId="portfolio-retry">
        Try again
      </Button>
    </ErrorState>
  )
}

export interface NothingScoredProps {
  readonly source: PortfolioView['source']
}

/** A new install: no company has a score yet, so there is nothing to chart. */
export function NothingScored({ source }: NothingScoredProps) {
  return (
    <EmptyState
      title="No company has a health score yet"
      imageName="emptyStateCharts"
      layout="horizontal"
      testId="portfolio-empty"
    >
      <Text>
        This page shows the whole book of accounts once they are scored: how the tiers are
        distributed and moving, which accounts are falling, and whether the playbooks work.
      </Text>
      <Text testId="portfolio-empty-next-step">
        {source === 'store'
          ? 'The app scores every company each night; this page fills after the first run. To see a company now, open it and choose Score now on its Customer health tab.'
          : 'To fill it, an admin runs the first full score from a terminal: npx health-score score, with the app’s access token in HUBSPOT_ACCESS_TOKEN. To score one company now, open it and choose Score now on its Customer health tab.'}
      </Text>
    </EmptyState>
  )
}
