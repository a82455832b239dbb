import { List, Text } from '@hubspot/ui-extensions'

import { formatDate, formatPoints } from '../utils/format.ts'
import type { ComponentChange, WhatChanged as Changes } from '../utils/what-changed.ts'

export interface WhatChangedProps {
  readonly changes: Changes
}

/** `Support fell 35 points (80 → 45)`. */
export function describeChange(change: ComponentChange): string {
  const verb = change.delta > 0 ? 'rose' : 'fell'
  return `${change.label} ${verb} ${formatPoints(change.delta)} (${change.from} → ${change.to})`
}

/** Which components moved most since the previous score. */
export function WhatChanged({ changes }: WhatChangedProps) {
  if (changes.since === null) {
    return (
      <Text testId="health-what-changed-none">
        This is the first score: nothing to compare yet.
      </Text>
    )
  }
  if (changes.changes.length === 0) {
    return (
      <Text testId="health-what-changed-none">
        No component moved since the previous score on {formatDate(changes.since)}.
      </Text>
    )
  }
  return (
    <>
      <Text variant="microcopy">Since the previous score on {formatDate(changes.since)}:</Text>
      <List variant="unordered" testId="health-what-changed">
        {changes.changes.map((change) => (
          <Text key={change.componentId}>{describeChange(change)}</Text>
        ))}
      </List>
    </>
  )
}
