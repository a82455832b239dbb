import { Alert, Flex, ProgressBar } from '@hubspot/ui-extensions'

/** Below this share of the model backed by data, the score deserves a warning. */
export const LOW_COVERAGE = 60

export interface CoverageProps {
  /** The percentage of model weight backed by data, 0–100. */
  readonly coverage: number
  /** The labels of the components that had no data. */
  readonly missing: readonly string[]
}

/** How much of the model was backed by data, with a warning when little was. */
export function Coverage({ coverage, missing }: CoverageProps) {
  const low = coverage < LOW_COVERAGE
  return (
    <Flex direction="column" gap="xs">
      <ProgressBar
        title="Data coverage"
        value={coverage}
        maxValue={100}
        showPercentage
        variant={low ? 'warning' : 'success'}
        valueDescription={`${coverage}% of the model is backed by data`}
        testId="health-coverage"
      />
      {low ? (
        <Alert
          title="Little data behind this score"
          variant="warning"
          testId="health-coverage-warning"
        >
          Only {coverage}% of the model is backed by data
          {missing.length > 0 ? `; nothing was found for ${missing.join(', ')}` : ''}. Read the
          score with care.
        </Alert>
      ) : null}
    </Flex>
  )
}
