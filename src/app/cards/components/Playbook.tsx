import { Flex, Heading, LoadingButton, Tag, Text, Tile } from '@hubspot/ui-extensions'

import type { PlaybookAction, PlaybookChoice } from '../../../health/index.ts'
import { dueAt } from '../utils/due-at.ts'
import { formatDate } from '../utils/format.ts'

/** What each action's button says; a link action has no button. */
export const ACTION_BUTTON_LABELS = {
  task: 'Create task',
  email: 'Create email task',
  note: 'Log note',
} as const

export interface PlaybookProps {
  readonly playbook: PlaybookChoice | null
  readonly now: number
  /** The action being created, if any: its button spins and the others wait. */
  readonly running: string | null
  readonly onRun: (action: PlaybookAction) => void
}

function schedule(action: PlaybookAction, now: number): string {
  if (action.kind === 'note') return 'Logged on the company now'
  const due = dueAt(action, now)
  return `Due ${due === null ? 'when you choose' : formatDate(due)} · ${action.priority} priority`
}

/** The recommended playbook, each action one click away. */
export function Playbook({ playbook, now, running, onRun }: PlaybookProps) {
  if (playbook === null) {
    return <Text testId="health-playbook-none">No playbook applies to this account right now.</Text>
  }
  return (
    <Flex direction="column" gap="sm" testId="health-playbook">
      <Flex direction="row" gap="sm" align="center">
        <Heading>{playbook.label}</Heading>
        {playbook.urgent ? <Tag variant="error">Urgent</Tag> : null}
      </Flex>
      {playbook.actions.map((action) => (
        <Tile compact key={action.id} testId={`action-${action.id}`}>
          <Flex direction="row" justify="between" align="center" gap="sm">
            <Flex direction="column" gap="flush">
              <Text format={{ fontWeight: 'demibold' }}>{action.title}</Text>
              <Text variant="microcopy">{action.why}</Text>
              <Text variant="microcopy">{schedule(action, now)}</Text>
            </Flex>
            {action.kind === 'link' ? null : (
              <LoadingButton
                size="sm"
                variant="secondary"
                loading={running === action.id}
                disabled={running !== null && running !== action.id}
                onClick={() => onRun(action)}
                testId={`action-${action.id}-button`}
              >
                {ACTION_BUTTON_LABELS[action.kind]}
              </LoadingButton>
            )}
          </Flex>
        </Tile>
      ))}
    </Flex>
  )
}
