/** @module `run_playbook_action`: a task or note from the company's current playbook. */
import { z } from 'zod'

import { ACTION_PRIORITIES } from '../../health/index.ts'
import { runPlaybookAction } from '../../operations/index.ts'
import { appFunction } from './run-function.ts'

const PARAMETERS = z.strictObject({
  companyId: z.string().regex(/^\d+$/, 'must be a company id (digits)'),
  actionId: z.string().min(1, 'must be an action id'),
  dueAt: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' }).nullable(),
  priority: z.enum(ACTION_PRIORITIES, `must be one of ${ACTION_PRIORITIES.join(', ')}`),
})

export const main = appFunction(PARAMETERS, (params, env) =>
  runPlaybookAction({ ...params, connection: env.connection, model: env.model }),
)
