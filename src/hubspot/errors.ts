/**
 * @module Errors from HubSpot, wrapped once at the edge: the status, HubSpot's category and
 * correlation id, and the original error as `cause`.
 */

/** A HubSpot API call that failed for good (after any retries). */
export class HubSpotApiError extends Error {
  readonly status: number
  readonly category: string | null
  readonly correlationId: string | null
  readonly policyName: string | null
  readonly endpoint: string

  constructor(
    endpoint: string,
    status: number,
    message: string,
    details: {
      category?: string | null
      correlationId?: string | null
      policyName?: string | null
      cause?: unknown
    } = {},
  ) {
    super(`${endpoint} failed${status ? ` with ${status}` : ''}: ${message}`, {
      cause: details.cause,
    })
    this.name = 'HubSpotApiError'
    this.endpoint = endpoint
    this.status = status
    this.category = details.category ?? null
    this.correlationId = details.correlationId ?? null
    this.policyName = details.policyName ?? null
  }
}

/** The portal's daily API limit is spent: stop cleanly and resume after it resets. */
export class DailyLimitError extends HubSpotApiError {
  /** HubSpot resets daily limits at midnight in the account's time zone; this is the next UTC midnight. */
  readonly resetsAt: Date

  constructor(
    endpoint: string,
    message: string,
    now: number,
    details: ConstructorParameters<typeof HubSpotApiError>[3],
  ) {
    super(endpoint, 429, message, details)
    this.name = 'DailyLimitError'
    const next = new Date(now)
    next.setUTCHours(24, 0, 0, 0)
    this.resetsAt = next
  }
}

/** What the api-client throws: `ApiException` with `code`, the parsed `body` and `headers`. */
interface ClientException {
  code?: unknown
  body?: unknown
  message?: unknown
}

export interface ErrorFacts {
  readonly status: number
  readonly message: string
  readonly category: string | null
  readonly correlationId: string | null
  readonly policyName: string | null
}

/** Reads what HubSpot said from whatever the client threw (an ApiException, a network error, a timeout). */
export function readError(error: unknown): ErrorFacts {
  const e = (error ?? {}) as ClientException
  const status = typeof e.code === 'number' ? e.code : 0
  const body = (typeof e.body === 'object' && e.body !== null ? e.body : {}) as Record<
    string,
    unknown
  >
  const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : null)
  const fallback =
    error instanceof Error
      ? error.cause instanceof Error
        ? error.cause.message
        : error.message
      : String(error)
  return {
    status,
    message: text('message') ?? (status ? `HTTP ${status}` : fallback),
    category: text('category') ?? text('errorType'),
    correlationId: text('correlationId'),
    policyName: text('policyName'),
  }
}
