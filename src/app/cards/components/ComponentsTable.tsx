import {
  ProgressBar,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Tag,
  Text,
} from '@hubspot/ui-extensions'

import type { ComponentResult } from '../../../health/index.ts'

export interface ComponentsTableProps {
  readonly components: readonly ComponentResult[]
}

function round(points: number): string {
  return String(Math.round(points * 10) / 10)
}

function barVariant(score: number): 'success' | 'warning' | 'danger' {
  if (score >= 75) return 'success'
  if (score >= 50) return 'warning'
  return 'danger'
}

/** Each component's score, weight, the points it contributed and lost, and any red flag hit. */
export function ComponentsTable({ components }: ComponentsTableProps) {
  return (
    <Table bordered density="condensed" testId="health-components">
      <TableHead>
        <TableRow>
          <TableHeader>Component</TableHeader>
          <TableHeader>Score</TableHeader>
          <TableHeader>Weight</TableHeader>
          <TableHeader>Points</TableHeader>
          <TableHeader>Lost</TableHeader>
          <TableHeader>Red flag</TableHeader>
        </TableRow>
      </TableHead>
      <TableBody>
        {components.map((component) => (
          <TableRow key={component.id} testId={`component-${component.id}`}>
            <TableCell>{component.label}</TableCell>
            <TableCell>
              {component.score === null ? (
                <Text variant="microcopy">No data</Text>
              ) : (
                <ProgressBar
                  title={`${component.score}`}
                  value={component.score}
                  maxValue={100}
                  variant={barVariant(component.score)}
                  aria-label={`${component.label} score`}
                  testId={`component-${component.id}-bar`}
                />
              )}
            </TableCell>
            <TableCell>
              {component.score === null
                ? `${component.weight} (dropped)`
                : `${component.weight} (${Math.round(component.effectiveWeight * 100)}%)`}
            </TableCell>
            <TableCell>{round(component.pointsContributed)}</TableCell>
            <TableCell>{round(component.pointsLost)}</TableCell>
            <TableCell>
              {component.redFlags.length === 0 ? (
                '—'
              ) : (
                <Tag variant="error" testId={`component-${component.id}-red-flag`}>
                  {component.redFlags.join('; ')}
                </Tag>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  )
}
