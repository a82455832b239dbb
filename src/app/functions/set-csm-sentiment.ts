/** @module `set_csm_sentiment`: the CSM's own read of the account. */
import { z } from 'zod'

import { MAX_SENTIMENT_REASON, setCsmSentiment } from '../../operations/index.ts'
import { appFunction } from './run-function.ts'

const PARAMETERS = z.strictObject({
  companyId: z.string().regex(/^\d+$/, 'must be a company id (digits)'),
  sentiment: z.enum(['positive', 'neutral', 'negative'], 'must be positive, neutral or negative'),
  reason: z.string().max(MAX_SENTIMENT_REASON * 2, 'is far too long'),
})

export const main = appFunction(PARAMETERS, (params, env) =>
  setCsmSentiment({ ...params, connection: env.connection }),
)
