/**
 * @module The CSM's own read of an account, from the health card (`set_csm_sentiment`): the only
 * writer of `health_csm_sentiment`, `_reason` and `_at`.
 */
import { z } from 'zod'

import type { CompiledModel } from '../health/index.ts'
import { CSM_SENTIMENT_PROPERTIES } from '../health/index.ts'
import type { HubSpotConnection } from '../hubspot/index.ts'
import type { CsmSentimentRead } from './company-health.ts'
import { parseOptions, present } from './operation-options.ts'

/** The longest reason kept, in characters. */
export const MAX_SENTIMENT_REASON = 500

/** What `setCsmSentiment` takes. */
export interface SetSentimentOptions {
  readonly connection: HubSpotConnection
  readonly companyId: string
  readonly sentiment: 'positive' | 'neutral' | 'negative'
  readonly reason: string
  /** When it was set, epoch ms. Default: now. */
  readonly at?: number
  readonly model?: CompiledModel
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/g

/** `setCsmSentiment`'s options: the reason loses its control characters and its outer spaces. */
export const SET_SENTIMENT_OPTIONS: z.ZodType<SetSentimentOptions> = z.strictObject({
  connection: present<HubSpotConnection>('a connection from createConnection', ['call', 'calls']),
  companyId: z
    .string('must be a company id (digits)')
    .regex(/^\d+$/, 'must be a company id (digits)'),
  sentiment: z.enum(['positive', 'neutral', 'negative'], 'must be positive, neutral or negative'),
  reason: z
    .string('must be text')
    .transform((reason) => reason.replace(CONTROL, '').trim())
    .pipe(
      z.string().max(MAX_SENTIMENT_REASON, `must be at most ${MAX_SENTIMENT_REASON} characters`),
    ),
  at: z.number('must be epoch milliseconds').int().min(0).optional(),
  model: present<CompiledModel>('a compiled model', ['model']).optional(),
}) as unknown as z.ZodType<SetSentimentOptions>

/**
 * Writes the CSM's sentiment, its reason and the moment to the company.
 * @throws OperationOptionsError when an option is missing or malformed (nothing is written)
 * @example
 * await setCsmSentiment({ connection, companyId: '101', sentiment: 'negative', reason: 'Champion left' })
 */
export async function setCsmSentiment(input: SetSentimentOptions): Promise<CsmSentimentRead> {
  const {
    connection: conn,
    companyId,
    sentiment,
    reason,
    at = Date.now(),
  } = parseOptions('setCsmSentiment', SET_SENTIMENT_OPTIONS, input)
  const written: CsmSentimentRead = { sentiment, reason, at: new Date(at).toISOString() }
  await conn.call('PATCH /crm/v3/objects/companies/{companyId}', () =>
    conn.client.crm.companies.basicApi.update(companyId, {
      properties: {
        [CSM_SENTIMENT_PROPERTIES.sentiment]: written.sentiment,
        [CSM_SENTIMENT_PROPERTIES.reason]: written.reason,
        [CSM_SENTIMENT_PROPERTIES.at]: written.at,
      },
    }),
  )
  return written
}
