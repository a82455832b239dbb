import { hubspot } from '@hubspot/ui-extensions'

import type { HealthModelInput } from '../../../health/index.ts'
import type {
  BacktestJob,
  BacktestRequest,
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
  /**
   * `POST /api/settings/backtest`: queues a backtest of the model against the one in use, or
   * answers the portal's backtest already under way (`created: false`).
   */
  backtest(request: BacktestRequest): Promise<BacktestJob>
  /** `GET /api/settings/backtest/:jobId`: where the backtest stands, and its result once done. */
  backtestJob(jobId: number): Promise<BacktestJob>
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
    backtest: ({ model, horizonDays }) =>
      request<BacktestJob>('POST', '/api/settings/backtest', {
        model,
        ...(horizonDays === undefined ? {} : { horizonDays }),
      }),
    backtestJob: (jobId) => request<BacktestJob>('GET', `/api/settings/backtest/${jobId}`),
  }
}
