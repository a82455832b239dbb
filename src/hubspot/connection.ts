/**
 * @module A connection to one HubSpot portal: the official client, pointed at any HubSpot-compatible
 * base path, behind this portal's own rate limiters and retry policy.
 *
 * @note The client keeps its retry and limiter decorators in a process-wide singleton, applied to each
 * API group the first time it is touched, so two differently configured clients in one process
 * inherit each other's settings. We give the client no decorators at all and do the limiting and
 * retrying here, per connection: two portals in one process cannot see each other's settings.
 *
 * @note An OAuth token changes every half hour. Given an `AccessTokenSource`, the connection asks it
 * before each attempt and puts the answer on the request itself (a request middleware), because
 * the client copies its token into each API object when that object is first built: an API read
 * off `client.crm` before a refresh would otherwise keep sending the old token.
 */
import { Client } from '@hubspot/api-client'
import Bottleneck from 'bottleneck'

import { type AnswerContext, scrubAnswer, tokenProblem } from './access-token.ts'
import { CallCounter } from './call-counter.ts'
import { createCancellingAgent, NoAnswerError } from './cancelling-agent.ts'
import { DailyLimitError, HubSpotApiError, NotHubSpotError, readError } from './errors.ts'
import { describeForeignAnswer, NotHubSpotAnswer } from './hubspot-answer.ts'
import { BudgetClosedError, RollingWindowBudget } from './rolling-window-budget.ts'

/**
 * Where a connection gets its token when the token changes (OAuth). It answers a token that is
 * good now; given `stale`, a token HubSpot has just refused as expired, it answers another one,
 * refreshing if the one it holds is that one. Its own errors (e.g. the portal uninstalled the app)
 * reach the caller unchanged and are never retried.
 * @example const source: AccessTokenSource = (stale) => tokens.accessToken(portalId, stale)
 */
export type AccessTokenSource = (stale?: string) => Promise<string>

export interface ConnectionOptions {
  /** A private-app token (fixed), or a source consulted before each attempt (OAuth). */
  readonly accessToken: string | AccessTokenSource
  /** Any HubSpot-compatible API, e.g. the emulator at `http://127.0.0.1:4010`. */
  readonly basePath?: string
  /** Calls allowed per rolling 10 s: 100 (Free/Starter), 190 (Pro/Enterprise, the default), 110 (OAuth). */
  readonly rateLimit?: number
  /** The rolling window of `rateLimit`, ms: HubSpot's is 10 s (the default); tests shorten it. */
  readonly rateWindowMs?: number
  /** CRM search requests per second (5 on HubSpot). */
  readonly searchPerSecond?: number
  /** Requests in flight at once. */
  readonly maxConcurrent?: number
  /** Attempts per call, the first included. */
  readonly maxAttempts?: number
  /** A call with no answer after this long is cancelled (its socket destroyed) and retried. */
  readonly timeoutMs?: number
  readonly now?: () => number
  readonly sleep?: (ms: number) => Promise<void>
}

export interface CallOptions {
  /** Search calls have their own limit (per second) and do not count against the burst limit. */
  readonly search?: boolean
  /**
   * The endpoint is exempt from the burst limit (HubSpot's spec marks the associations v4 batch
   * read so): it takes no burst budget. It still runs on the standard lane's concurrency.
   */
  readonly burstExempt?: boolean
}

/** One portal's client, limiters and call accounting. */
export interface HubSpotConnection {
  readonly client: Client
  readonly calls: CallCounter
  /**
   * Runs one API call through the limiter, with retries on 429s, 5xx, timeouts and network errors.
   * @param endpoint the endpoint template, for accounting and errors, e.g. `POST /crm/v3/objects/companies/batch/read`
   * @throws DailyLimitError when the daily limit is spent; BudgetClosedError when the connection is
   * closed while the call waits for its rate budget; HubSpotApiError for any other failure
   */
  call<T>(endpoint: string, fn: () => Promise<T>, options?: CallOptions): Promise<T>
  /** Stops the limiters (pending calls are dropped) and destroys every socket, busy or idle. */
  close(): Promise<void>
}

export const DEFAULT_RATE_LIMIT = 190
const HUBSPOT_API = 'https://api.hubapi.com'
const TEN_SECONDS = 10_000

/** Creates a connection to one portal. */
export function createConnection(options: ConnectionOptions): HubSpotConnection {
  const rateLimit = options.rateLimit ?? DEFAULT_RATE_LIMIT
  if (!(rateLimit > 0))
    throw new Error(`rateLimit must be a positive number of calls per 10 s, got ${rateLimit}`)
  const source: AccessTokenSource | null =
    typeof options.accessToken === 'function' ? options.accessToken : null
  let token = typeof options.accessToken === 'string' ? options.accessToken : ''
  const problem = source ? null : tokenProblem(token)
  if (problem) throw new Error(`the access token cannot be sent: ${problem}`)
  const maxAttempts = options.maxAttempts ?? 6
  const timeoutMs = options.timeoutMs ?? 30_000
  const now = options.now ?? Date.now
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)))
  const basePath = normalizeBasePath(options.basePath ?? HUBSPOT_API)
  const agent = createCancellingAgent(basePath, timeoutMs)
  const client = new Client({
    ...(token ? { accessToken: token } : {}),
    basePath,
    httpAgent: agent,
    middleware: [
      {
        pre: (context: RequestContext) => withToken(context, token),
        post: async (context: ResponseContext) =>
          refuseForeignAnswers(await scrubAnswer(context, token)),
      },
    ],
  })
  const calls = new CallCounter()

  // Each call starts as soon as HubSpot's rolling window has room for it: a burst within the budget
  // (ten card views opened at once) goes out at once, not spaced ~100 ms apart behind each other.
  // @note The window is 5% longer than HubSpot's: a request reaches HubSpot a little after it
  // starts, and a stalled event loop (a large page being parsed) can bunch arrivals; the arrivals
  // in any window of HubSpot's come from starts in a window that much longer, so ~500 ms of that
  // spread is absorbed. A long run spends limit / 1.05 per window, as even spacing did.
  const rateWindowMs = options.rateWindowMs ?? TEN_SECONDS
  if (!(rateWindowMs > 0))
    throw new Error(`rateWindowMs must be a positive number of ms, got ${rateWindowMs}`)
  const budget = new RollingWindowBudget(Math.max(1, Math.floor(rateLimit)), rateWindowMs * 1.05)
  const standard = new Bottleneck({ maxConcurrent: options.maxConcurrent ?? 16 })
  // @note Searches are spaced 25% wider than HubSpot's 5/s: its window is one second, so arrival
  // jitter of more than 5% of it (50 ms: a cold first request, a network hiccup) put six arrivals
  // in one second and drew a 429 on a burst of six searches (the portfolio view's), every time,
  // against the emulator over HTTP; 250 ms spacing absorbs a quarter second of it.
  const search = new Bottleneck({
    maxConcurrent: 2,
    minTime: Math.ceil((1000 / (options.searchPerSecond ?? 5)) * 1.25),
  })

  /** The token for the next attempt: the fixed one, or the source's (then on the client too). */
  async function tokenFor(stale: string | undefined): Promise<string> {
    if (!source) return token
    let fresh: string
    try {
      fresh = await source(stale)
    } catch (error) {
      throw new TokenSourceFailure(error)
    }
    // @note `setAccessToken` re-creates the API objects, so those built from now on (and
    // `client.apiRequest`, which reads the config per call) carry the new token too.
    if (fresh !== token) {
      token = fresh
      client.setAccessToken(fresh)
    }
    return fresh
  }

  async function attempt<T>(
    endpoint: string,
    fn: () => Promise<T>,
    stale: string | undefined,
    used: { token: string },
    budgeted: boolean,
  ): Promise<T> {
    used.token = await tokenFor(stale)
    // Taken last, just before the request is sent: a slow token refresh must not bunch arrivals.
    if (budgeted) await budget.take()
    calls.count(endpoint)
    // The agent cancels a silent request at `timeoutMs`; this timer only bounds what sockets
    // cannot see (an answer that trickles in, or a transport that is not a socket).
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new NoAnswerError(timeoutMs)), timeoutMs + 1000)
    })
    try {
      return await Promise.race([fn(), timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  async function call<T>(
    endpoint: string,
    fn: () => Promise<T>,
    callOptions: CallOptions = {},
  ): Promise<T> {
    const limiter = callOptions.search ? search : standard
    // The token refused as expired, once: the source is asked for another and the call tried again.
    let stale: string | undefined
    let renewed = false
    const used = { token: '' }
    for (let attemptNo = 1; ; attemptNo++) {
      try {
        return await limiter.schedule(() =>
          attempt(
            endpoint,
            fn,
            stale,
            used,
            callOptions.search !== true && callOptions.burstExempt !== true,
          ),
        )
      } catch (error) {
        if (error instanceof TokenSourceFailure) throw error.cause
        if (error instanceof BudgetClosedError) throw error
        if (error instanceof NotHubSpotAnswer)
          throw new NotHubSpotError(endpoint, basePath, error.status, error.answered, error)
        const facts = readError(error)
        const details = { ...facts, attempts: attemptNo, cause: error }
        if (source && !renewed && isExpiredToken(facts)) {
          renewed = true
          stale = used.token
          attemptNo--
          continue
        }
        stale = undefined
        if (facts.status === 429 && facts.policyName === 'DAILY') {
          calls.rateLimited++
          throw new DailyLimitError(endpoint, facts.message, now(), details)
        }
        const retryable = facts.status === 429 || facts.status >= 500 || facts.status === 0
        if (!retryable || attemptNo >= maxAttempts)
          throw new HubSpotApiError(endpoint, facts.status, facts.message, details)
        if (facts.status === 429) {
          calls.rateLimited++
          // Over the limit anyway (another app sharing it, or a clock skew): wait out a window.
          await sleep(facts.message.includes('secondly limit') ? 1000 : TEN_SECONDS / 2)
        } else {
          await sleep(Math.min(8000, 250 * 2 ** (attemptNo - 1)) * (0.5 + Math.random() / 2))
        }
      }
    }
  }

  return {
    client,
    calls,
    call,
    async close() {
      budget.close()
      // The limiters stop first (no call starts after), then the sockets go: a call in flight ends
      // now, not at its timeout, and the limiters' stop (which waits for it) resolves.
      const stopped = Promise.all([
        standard.stop({ dropWaitingJobs: true }),
        search.stop({ dropWaitingJobs: true }),
      ])
      agent.destroy()
      await stopped
    },
  }
}

/**
 * The base path as the client wants it: no trailing slash (the client appends `/crm/...`).
 * @throws Error when it is not an http(s) URL
 * @example normalizeBasePath('http://127.0.0.1:4010/') // 'http://127.0.0.1:4010'
 */
export function normalizeBasePath(basePath: string): string {
  let url: URL
  try {
    url = new URL(basePath)
  } catch {
    throw new Error(`the base URL "${basePath}" is not a URL`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new Error(`the base URL "${basePath}" is not an http(s) URL`)
  return basePath.replace(/\/+$/, '')
}

/** A failure of the token source, carried through the limiter and rethrown as it was. */
class TokenSourceFailure extends Error {
  constructor(override readonly cause: unknown) {
    super('the access token source failed', { cause })
  }
}

/** HubSpot's answer to a token past its lifetime: 401 `EXPIRED_AUTHENTICATION`. */
function isExpiredToken(facts: { status: number; category: string | null }): boolean {
  return facts.status === 401 && facts.category === 'EXPIRED_AUTHENTICATION'
}

/** The part of the client's request context the middleware writes. */
interface RequestContext {
  setHeaderParam(key: string, value: string): void
}

/** The client's request middleware: the connection's current token, whatever the API object holds. */
function withToken(context: RequestContext, token: string): RequestContext {
  if (token) context.setHeaderParam('Authorization', `Bearer ${token}`)
  return context
}

/** The part of the client's response context the middleware reads. */
interface ResponseContext extends AnswerContext {
  readonly httpStatusCode: number
}

/** The client's response middleware: an answer HubSpot would never give fails the call at once. */
async function refuseForeignAnswers(context: ResponseContext): Promise<ResponseContext> {
  const contentType = context.headers['content-type']
  const foreign = describeForeignAnswer(
    context.httpStatusCode,
    contentType,
    await context.body.text(),
  )
  if (foreign) throw new NotHubSpotAnswer(context.httpStatusCode, foreign)
  return context
}
