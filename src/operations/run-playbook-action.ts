/**
 * @module Starting one action of a company's current playbook (`run_playbook_action`): a task (an
 * email action is a task to send it) or a note, associated to the company.
 */
import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/tasks/index.js'
import { z } from 'zod'

import type { ActionPriority, CompiledModel } from '../health/index.ts'
import { ACTION_PRIORITIES } from '../health/index.ts'
import type { HubSpotConnection } from '../hubspot/index.ts'
import { HubSpotApiError } from '../hubspot/index.ts'
import type { PlaybookActionCreated } from './company-health.ts'
import { parseOptions, present } from './operation-options.ts'

/** HubSpot-defined association types from the engagement's side (HUBSPOT-API.md §1.5). */
export const TASK_TO_COMPANY = 192
export const NOTE_TO_COMPANY = 190

/** What `runPlaybookAction` takes. */
export interface PlaybookActionOptions {
  readonly connection: HubSpotConnection
  readonly model: CompiledModel
  readonly companyId: string
  readonly actionId: string
  /** ISO-8601 due date for a task; null: the action's own `dueInHours` from now. */
  readonly dueAt: string | null
  readonly priority: ActionPriority
  readonly now?: number
}

export const PLAYBOOK_ACTION_OPTIONS: z.ZodType<PlaybookActionOptions> = z.strictObject({
  connection: present<HubSpotConnection>('a connection from createConnection', ['call', 'calls']),
  model: present<CompiledModel>('a compiled model (compileModel, getDefaultModel)', ['model']),
  companyId: z
    .string('must be a company id (digits)')
    .regex(/^\d+$/, 'must be a company id (digits)'),
  actionId: z.string('must be an action id').min(1, 'must be an action id'),
  dueAt: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' }).nullable(),
  priority: z.enum(ACTION_PRIORITIES, `must be one of ${ACTION_PRIORITIES.join(', ')}`),
  now: z.number().int().min(0).optional(),
})

/** The action is not in the company's current playbook (or the company has none). */
export class UnknownActionError extends Error {
  constructor(companyId: string, actionId: string, playbook: string | null) {
    super(
      playbook
        ? `action ${actionId} is not in playbook ${playbook} of company ${companyId}`
        : `company ${companyId} has no playbook: score it first`,
    )
    this.name = 'UnknownActionError'
  }
}

/**
 * Creates the task or note of `actionId`, associated to the company. Two calls: the company's
 * `health_playbook`, then the create with its association.
 * @throws OperationOptionsError when an option is missing or malformed
 * @throws UnknownActionError when the action is not in the company's current playbook
 * @example
 * await runPlaybookAction({ connection, model, companyId: '101', actionId: 'exec_call', dueAt: null, priority: 'HIGH' })
 */
export async function runPlaybookAction(
  input: PlaybookActionOptions,
): Promise<PlaybookActionCreated> {
  const options = parseOptions('runPlaybookAction', PLAYBOOK_ACTION_OPTIONS, input)
  const { connection: conn, model, companyId, actionId, priority } = options
  const now = options.now ?? Date.now()
  let playbookId: string | null
  try {
    const company = await conn.call('GET /crm/v3/objects/companies/{companyId}', () =>
      conn.client.crm.companies.basicApi.getById(companyId, ['health_playbook']),
    )
    playbookId = company.properties.health_playbook || null
  } catch (error) {
    if (error instanceof HubSpotApiError && error.status === 404)
      throw new Error(`company ${companyId} was not found`)
    throw error
  }
  const choice = model.playbooks.find((p) => p.choice.id === playbookId)?.choice
  const action = choice?.actions.find((a) => a.id === actionId)
  if (!action) throw new UnknownActionError(companyId, actionId, playbookId)
  const body = action.why
  if (action.kind === 'note') {
    const created = await conn.call('POST /crm/v3/objects/notes', () =>
      conn.client.crm.objects.notes.basicApi.create({
        properties: {
          hs_note_body: `${action.title}\n\n${body}`,
          hs_timestamp: new Date(now).toISOString(),
        },
        associations: [association(companyId, NOTE_TO_COMPANY)],
      }),
    )
    return { kind: 'note', id: created.id, title: action.title, dueAt: null }
  }
  if (action.kind === 'link') throw new UnknownActionError(companyId, actionId, playbookId)
  const dueAt = options.dueAt ?? new Date(now + (action.dueInHours ?? 72) * 3_600_000).toISOString()
  const created = await conn.call('POST /crm/v3/objects/tasks', () =>
    conn.client.crm.objects.tasks.basicApi.create({
      properties: {
        hs_task_subject: action.title,
        hs_task_body: body,
        hs_timestamp: new Date(Date.parse(dueAt)).toISOString(),
        hs_task_priority: priority,
        hs_task_status: 'NOT_STARTED',
        hs_task_type: action.kind === 'email' ? 'EMAIL' : 'TODO',
      },
      associations: [association(companyId, TASK_TO_COMPANY)],
    }),
  )
  return { kind: 'task', id: created.id, title: action.title, dueAt }
}

function association(companyId: string, typeId: number) {
  return {
    to: { id: companyId },
    types: [
      {
        associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined,
        associationTypeId: typeId,
      },
    ],
  }
}
