import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions'

import type { InterventionOutcome } from '../../../operations/portfolio-types.ts'
import { formatChange } from '../../cards/utils/format.ts'

export interface InterventionsProps {
  readonly outcomes: readonly InterventionOutcome[]
}

/** Each playbook action started from the card, and how the accounts that got it moved after. */
export function Interventions({ outcomes }: InterventionsProps) {
  if (outcomes.length === 0) {
    return (
      <Text testId="portfolio-interventions-empty">
        No playbook action has been started from the card yet.
      </Text>
    )
  }
  return (
    <>
      <Table bordered density="condensed" testId="portfolio-interventions">
        <TableHead>
          <TableRow>
            <TableHeader>Playbook action</TableHeader>
            <TableHeader>Started</TableHeader>
            <TableHeader>Tier rose</TableHeader>
            <TableHeader>Tier held</TableHeader>
            <TableHeader>Tier fell</TableHeader>
            <TableHeader>Too recent</TableHeader>
            <TableHeader>Median score change after 30 days</TableHeader>
          </TableRow>
        </TableHead>
        <TableBody>
          {outcomes.map((outcome) => (
            <TableRow key={outcome.actionId} testId={`portfolio-intervention-${outcome.actionId}`}>
              <TableCell>{outcome.label}</TableCell>
              <TableCell>{String(outcome.started)}</TableCell>
              <TableCell>{String(outcome.improved)}</TableCell>
              <TableCell>{String(outcome.unchanged)}</TableCell>
              <TableCell>{String(outcome.declined)}</TableCell>
              <TableCell>{String(outcome.pending)}</TableCell>
              <TableCell>
                {outcome.medianChange === null ? '—' : formatChange(outcome.medianChange)}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Text variant="microcopy" testId="portfolio-interventions-note">
        How each account’s tier and score moved in the 30 days after the action was started. Too
        recent: started under 30 days ago.
      </Text>
    </>
  )
}
