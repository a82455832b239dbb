import type { PortfolioView } from '../../../operations/portfolio-types.ts'
import type { BackendFetch } from '../../cards/transport/backend-fetch.ts'
import { createBackendClient } from '../../cards/transport/backend-fetch.ts'
import { fetchInHubSpot } from '../../cards/transport/fetch-transport.ts'
import type { PortfolioTransport } from './types.ts'

/** The backend route that answers the portfolio view from its store of every run. */
export const PORTFOLIO_PATH = '/api/portfolio'

/**
 * The marketplace app's transport: `GET /api/portfolio` on the backend, through `hubspot.fetch`,
 * which signs the request and adds the portal.
 * @example
 * const view = await createFetchPortfolioTransport(context.variables?.HEALTH_BACKEND_URL).load()
 */
export function createFetchPortfolioTransport(
  baseUrl: unknown,
  fetch: BackendFetch = fetchInHubSpot,
): PortfolioTransport {
  const request = createBackendClient(baseUrl, fetch)
  return { load: () => request<PortfolioView>('GET', PORTFOLIO_PATH) }
}
