import { DISTRIBUTION } from '../distribution.ts'
import { BACKEND_URL_VARIABLE } from './backend-fetch.ts'
import { createFetchTransport } from './fetch-transport.ts'
import { createServerlessTransport } from './serverless-transport.ts'
import type { HealthTransport } from './types.ts'

/**
 * The transport this build of the card uses: app functions in the private app, the backend in the
 * marketplace app (its URL from the profile variables HubSpot puts in the context).
 * @example
 * const transport = createDefaultTransport(context.variables)
 */
export function createDefaultTransport(
  variables: Readonly<Record<string, unknown>> | undefined,
): HealthTransport {
  return DISTRIBUTION === 'marketplace'
    ? createFetchTransport(variables?.[BACKEND_URL_VARIABLE])
    : createServerlessTransport()
}
