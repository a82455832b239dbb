import { hubspot } from '@hubspot/ui-extensions'

import type {
  CompanyHealth,
  CsmSentimentRead,
  PlaybookActionCreated,
} from '../../../operations/company-health.ts'
import type { BackendFetch } from './backend-fetch.ts'
import { createBackendClient } from './backend-fetch.ts'
import type { HealthTransport } from './types.ts'

/** `hubspot.fetch`, called only when a request is made (outside HubSpot it throws). */
export const fetchInHubSpot: BackendFetch = (url, options) =>
  hubspot.fetch(url, {
    method: options.method,
    ...(options.body ? { body: options.body } : {}),
    ...(options.timeout ? { timeout: options.timeout } : {}),
  })

/**
 * The marketplace app's transport: the backend's card API through `hubspot.fetch`. HubSpot signs
 * each request and adds the portal, so no body carries one.
 * @example
 * const transport = createFetchTransport(context.variables?.HEALTH_BACKEND_URL)
 */
export function createFetchTransport(
  baseUrl: unknown,
  fetch: BackendFetch = fetchInHubSpot,
): HealthTransport {
  const request = createBackendClient(baseUrl, fetch)
  const company = (id: string) => `/api/companies/${encodeURIComponent(id)}`

  return {
    loadHealth: (companyId) => request<CompanyHealth>('GET', `${company(companyId)}/health`),
    recalculate: (companyId) =>
      request<CompanyHealth>('POST', `${company(companyId)}/recalculate`, {}),
    runAction: ({ companyId, actionId, dueAt, priority }) =>
      request<PlaybookActionCreated>(
        'POST',
        `${company(companyId)}/actions/${encodeURIComponent(actionId)}`,
        { dueAt, priority },
      ),
    setSentiment: ({ companyId, sentiment, reason }) =>
      request<CsmSentimentRead>('POST', `${company(companyId)}/sentiment`, { sentiment, reason }),
  }
}
