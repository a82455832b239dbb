/**
 * @module Errors from HubSpot, wrapped once at the edge: the endpoint, the status, HubSpot's own
 * message, category and correlation id as fields, and the original error as `cause`. Callers branch
 * on the fields; `message` is the sentence for a person.
 */

/**
 * A HubSpot API call that failed for good (after any retries).
 * @example
 * try { await writeBack(conn, updates) } catch (error) {
 *   if (error instanceof HubSpotApiError && error.status === 401) console.error(error.detail)
 * }
 */
export class HubSpotApiError extends Error {
  /** The endpoint template, e.g. `POST /crm/v3/objects/companies/batch/update`. */
  readonly endpoint: string
  /** The HTTP status; 0 when no answer came (a network failure or a timeout). */
  readonly status: number
  /** What HubSpot said (its `message`), or what failed before it could answer. */
  readonly detail: string
  readonly category: string | null
  readonly correlationId: string | null
  /** Which rate limit a 429 hit (`DAILY`, `TEN_SECONDLY_ROLLING`, …). */
  readonly policyName: string | null
  /** How many times the call was tried before it failed for good. */
  readonly attempts: number

  constructor(
    endpoint: string,
    status: number,
    detail: string,
    details: {
      category?: string | null
      correlationId?: string | null
      policyName?: string | null
      attempts?: number
      cause?: unknown
    } = {},
  ) {
    super(`${endpoint} failed${status ? ` with ${status}` : ''}: ${detail}`, {
      cause: details.cause,
    })
    this.name = 'HubSpotApiError'
    this.endpoint = endpoint
    this.status = status
    this.detail = detail
    this.category = details.category ?? null
    this.correlationId = details.correlationId ?? null
    this.policyName = details.policyName ?? null
    this.attempts = details.attempts ?? 1
  }
}

/** The portal's daily API limit is spent: stop cleanly and resume after it resets. */
export class DailyLimitError extends HubSpotApiError {
  /** HubSpot resets daily limits at midnight in the account's time zone; this is the next UTC midnight. */
  readonly resetsAt: Date

  constructor(
    endpoint: string,
    detail: string,
    now: number,
    details: ConstructorParameters<typeof HubSpotApiError>[3],
  ) {
    super(endpoint, 429, detail, details)
    this.name = 'DailyLimitError'
    const next = new Date(now)
    next.setUTCHours(24, 0, 0, 0)
    this.resetsAt = next
  }
}

/**
 * The base URL answered as no HubSpot API would (HTML, or JSON without HubSpot's fields): a wrong
 * `--base-url`, not a failure that retrying or resuming can fix.
 */
export class NotHubSpotError extends HubSpotApiError {
  /** The base URL that answered. */
  readonly baseUrl: string
  /** What it answered, e.g. `200 text/html`. */
  readonly answered: string

  constructor(endpoint: string, baseUrl: string, status: number, answered: string, cause: unknown) {
    super(endpoint, status, `${baseUrl} answered ${answered}`, { cause })
    this.name = 'NotHubSpotError'
    this.baseUrl = baseUrl
    this.answered = answered
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
