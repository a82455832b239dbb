/** @module `score_company`: the card's view (stored, rescored, written where changed) and Score now. */
import { z } from 'zod'

import { scoreOneCompany } from '../../operations/index.ts'
import { appFunction } from './run-function.ts'

const PARAMETERS = z.strictObject({
  companyId: z.string().regex(/^\d+$/, 'must be a company id (digits)'),
  mode: z.enum(['view', 'score'], "must be 'view' or 'score'"),
})

export const main = appFunction(PARAMETERS, (params, env) => scoreOneCompany({ ...params, ...env }))
