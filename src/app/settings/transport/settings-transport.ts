import { hubspot } from '@hubspot/ui-extensions'

import type { HealthModelInput } from '../../../health/index.ts'
import type {
  HealthSettings,
  SaveSettingsRequest,
  SettingsPreview,
} from '../../../operations/company-health.ts'
import type { BackendFetch } from '../../cards/transport/backend-fetch.ts'
import { createBackendClient } from '../../cards/transport/backend-fetch.ts'

/**
 * How the marketplace settings page reaches the backend's settings API. Tests pass a fake.
 * @example
 * const settings = await transport.load()
 */
export interface SettingsTransport {
  /** `GET /api/settings`. */
  load(): Promise<HealthSettings>
  /** `PUT /api/settings`: refused when `baseVersion` is no longer the latest. */
  save(request: SaveSettingsRequest): Promise<HealthSettings>
  /** `POST /api/settings/preview`: the tiers the model would give the portal's last scores. */
  preview(model: HealthModelInput): Promise<SettingsPreview>
}

const fetchInHubSpot: BackendFetch = (url, options) =>
  hubspot.fetch(url, {
    method: options.method,
    ...(options.body ? { body: options.body } : {}),
    ...(options.timeout ? { timeout: options.timeout } : {}),
  })

/**
 * The settings API through `hubspot.fetch`, under the base URL from the profile variable.
 * @example
 * const transport = createSettingsTransport(context.variables?.HEALTH_BACKEND_URL)
 */
export function createSettingsTransport(
  baseUrl: unknown,
  fetch: BackendFetch = fetchInHubSpot,
): SettingsTransport {
  const request = createBackendClient(baseUrl, fetch)
  return {
    load: () => request<HealthSettings>('GET', '/api/settings'),
    save: ({ model, baseVersion }) =>
      request<HealthSettings>('PUT', '/api/settings', { model, baseVersion }),
    preview: (model) => request<SettingsPreview>('POST', '/api/settings/preview', { model }),
  }
}
