import { hubspot } from '@hubspot/ui-extensions'

import type {
  CompanyHealth,
  CsmSentimentRead,
  PlaybookActionCreated,
} from '../../../operations/company-health.ts'
import { FUNCTION_UIDS } from './function-uids.ts'
import { readResult } from './read-result.ts'
import type { HealthTransport } from './types.ts'
import { TransportError } from './types.ts'

/** The parameters an app function takes: a flat JSON object. */
export type FunctionParameters = Readonly<Record<string, string | number | boolean | null>>

/** Calls one app function by uid, as `hubspot.serverless` does. */
export type ServerlessRunner = (
  uid: string,
  options: { readonly parameters: FunctionParameters },
) => Promise<unknown>

/** `hubspot.serverless`, called only when a request is made (outside HubSpot it throws). */
export const runInHubSpot: ServerlessRunner = (uid, options) =>
  hubspot.serverless(uid, { parameters: { ...options.parameters } })

/**
 * The private app's transport: each call is one app function, `{parameters: {companyId, ...}}`.
 * @example
 * const transport = createServerlessTransport()
 * const health = await transport.loadHealth('4242')
 */
export function createServerlessTransport(run: ServerlessRunner = runInHubSpot): HealthTransport {
  async function call<T>(uid: string, parameters: FunctionParameters): Promise<T> {
    let answer: unknown
    try {
      answer = await run(uid, { parameters })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new TransportError(`${uid} failed: ${reason}`)
    }
    return readResult<T>(answer, uid)
  }

  return {
    loadHealth: (companyId) =>
      call<CompanyHealth>(FUNCTION_UIDS.scoreCompany, { companyId, mode: 'view' }),
    recalculate: (companyId) =>
      call<CompanyHealth>(FUNCTION_UIDS.scoreCompany, { companyId, mode: 'score' }),
    runAction: (request) => call<PlaybookActionCreated>(FUNCTION_UIDS.runPlaybookAction, request),
    setSentiment: (request) => call<CsmSentimentRead>(FUNCTION_UIDS.setCsmSentiment, request),
  }
}
