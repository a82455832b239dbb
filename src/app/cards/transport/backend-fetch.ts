import { TransportError } from './types.ts'

/** The profile variable (`src/hsprofile.<env>.json`) that holds the backend's HTTPS base URL. */
export const BACKEND_URL_VARIABLE = 'HEALTH_BACKEND_URL'

/** `hubspot.fetch` as the transports use it: a JSON body, at most one of HubSpot's timeouts. */
export type BackendFetch = (
  url: string,
  options: {
    readonly method: 'GET' | 'POST' | 'PUT'
    readonly body?: Record<string, unknown>
    readonly timeout?: number
  },
) => Promise<{ readonly ok: boolean; readonly status: number; json(): Promise<unknown> }>

/** Scoring one company reads up to 5 HubSpot pages: give it more than the default 15 s. */
const TIMEOUT_MS = 30_000

function errorMessage(body: unknown, status: number): string | null {
  if (typeof body !== 'object' || body === null) return null
  const record = body as Record<string, unknown>
  if (record.status !== 'error') return null
  // @note HubSpot's proxy answers a backend 3xx–5xx with HTTP 200 and `category: BAD_GATEWAY`.
  const message = typeof record.message === 'string' ? record.message : `HTTP ${status}`
  return record.category === 'BAD_GATEWAY' ? `The health backend failed: ${message}` : message
}

/**
 * A JSON client for the marketplace backend, through `hubspot.fetch`. The base URL comes from the
 * profile variable `HEALTH_BACKEND_URL` (`context.variables`), never from code. It imports no
 * package, so the settings page shares it.
 * @example
 * const request = createBackendClient(context.variables?.HEALTH_BACKEND_URL, hubspot.fetch)
 * const health = await request<CompanyHealth>('GET', '/api/companies/4242/health')
 * @throws TransportError (from the returned function) on a missing URL, an HTTP error or an error body
 */
export function createBackendClient(baseUrl: unknown, fetch: BackendFetch) {
  return async function request<T>(
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    body?: Record<string, unknown>,
  ): Promise<T> {
    if (typeof baseUrl !== 'string' || !/^https?:\/\//.test(baseUrl)) {
      throw new TransportError(
        `The backend URL is not set: add ${BACKEND_URL_VARIABLE} to the project profile and upload with --profile`,
      )
    }
    let response: Awaited<ReturnType<BackendFetch>>
    try {
      response = await fetch(`${baseUrl.replace(/\/+$/, '')}${path}`, {
        method,
        ...(body ? { body } : {}),
        timeout: TIMEOUT_MS,
      })
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      throw new TransportError(`The health backend could not be reached: ${reason}`)
    }
    const answer: unknown = await response.json().catch(() => null)
    const failure = errorMessage(answer, response.status)
    if (failure !== null || !response.ok) {
      const issues = (answer as { issues?: unknown } | null)?.issues
      throw new TransportError(
        failure ?? `The health backend answered HTTP ${response.status}`,
        Array.isArray(issues) ? issues : [],
      )
    }
    return answer as T
  }
}
