import { DISTRIBUTION } from '../../cards/distribution.ts'
import { BACKEND_URL_VARIABLE } from '../../cards/transport/backend-fetch.ts'
import { createFetchPortfolioTransport } from './fetch-portfolio-transport.ts'
import { createServerlessPortfolioTransport } from './serverless-portfolio-transport.ts'
import type { PortfolioTransport } from './types.ts'

/**
 * The transport this build of the home page uses, by the same switch as the card: the app
 * function in the private app, the backend in the marketplace app (its URL from the profile
 * variables HubSpot puts in the context).
 * @example
 * const transport = createDefaultPortfolioTransport(context.variables)
 */
export function createDefaultPortfolioTransport(
  variables: Readonly<Record<string, unknown>> | undefined,
  distribution: 'private' | 'marketplace' = DISTRIBUTION,
): PortfolioTransport {
  return distribution === 'marketplace'
    ? createFetchPortfolioTransport(variables?.[BACKEND_URL_VARIABLE])
    : createServerlessPortfolioTransport()
}
