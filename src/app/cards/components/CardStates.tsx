import {
  Button,
  EmptyState,
  ErrorState,
  LoadingButton,
  LoadingSpinner,
  Text,
} from '@hubspot/ui-extensions'

import type { Issue } from '../../../health/index.ts'

/** While the first answer is on its way. */
export function Loading() {
  return (
    <LoadingSpinner
      label="Loading the health score…"
      showLabel
      layout="centered"
      testId="health-loading"
    />
  )
}

export interface LoadFailedProps {
  readonly message: string
  readonly onRetry: () => void
}

/** The health could not be loaded: why, and a retry. */
export function LoadFailed({ message, onRetry }: LoadFailedProps) {
  return (
    <ErrorState title="The health score could not be loaded" testId="health-error">
      <Text testId="health-error-reason">{message}</Text>
      <Button onClick={onRetry} testId="health-retry">
        Try again
      </Button>
    </ErrorState>
  )
}

export interface NeverScoredProps {
  readonly scoring: boolean
  readonly onScoreNow: () => void
}

/** The company has never been scored: one click scores it. */
export function NeverScored({ scoring, onScoreNow }: NeverScoredProps) {
  return (
    <EmptyState
      title="Not scored yet"
      imageName="companies"
      layout="horizontal"
      testId="health-never-scored"
    >
      <Text>
        This company has no health score yet. Score it now to see how healthy it is, why, and what
        to do next.
      </Text>
      <LoadingButton
        variant="primary"
        loading={scoring}
        onClick={onScoreNow}
        testId="health-score-now"
      >
        Score now
      </LoadingButton>
    </EmptyState>
  )
}

export interface NotScorableProps {
  readonly issues: readonly Issue[]
  readonly scoring: boolean
  readonly onRecalculate: () => void
}

/** The company was scored but there was too little data for a score. */
export function NotScorable({ issues, scoring, onRecalculate }: NotScorableProps) {
  return (
    <EmptyState
      title="Too little data to score"
      imageName="missedGoal"
      layout="horizontal"
      testId="health-not-scorable"
    >
      {issues.map((issue, index) => (
        <Text key={index}>{issue.message}</Text>
      ))}
      <LoadingButton loading={scoring} onClick={onRecalculate} testId="health-recalculate">
        Recalculate
      </LoadingButton>
    </EmptyState>
  )
}
