/**
 * @module `portfolio_view`: the app home page's view of the whole book of accounts, read from
 * HubSpot in at most 10 calls (`readPortfolio`): a few seconds at HubSpot's search pace, well
 * inside a function's 15 s.
 */
import { z } from 'zod'

import { MAX_PORTFOLIO_SAMPLE, readPortfolio } from '../../operations/index.ts'
import { appFunction } from './run-function.ts'

const PARAMETERS = z.strictObject({
  sampleSize: z
    .number('must be a whole number of accounts')
    .int('must be a whole number of accounts')
    .min(1, 'must be at least 1')
    .max(MAX_PORTFOLIO_SAMPLE, `must be ≤ ${MAX_PORTFOLIO_SAMPLE}`)
    .optional(),
})

export const main = appFunction(PARAMETERS, (params, env) =>
  readPortfolio({ connection: env.connection, model: env.model, ...params }),
)
