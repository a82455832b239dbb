/**
 * HubSpot's rate limits: a burst limit per app over a rolling window (10 s), a daily limit per
 * account, and the search endpoints' 5 requests per second per account.
 */
import { hubspotError, type HubSpotErrorBody } from '../http/hubspot-error.ts'

export interface RateLimitOptions {
  /** Requests per rolling window per app (private-app token or OAuth client). Default 190. */
  burst: number
  /** The rolling window, ms. Default 10,000. */
  windowMs: number
  /** Requests per day per account. Default 1,000,000 (Enterprise). */
  daily: number
  /** Search requests per second per account. Default 5. */
  searchPerSecond: number
}

export const DEFAULT_RATE_LIMITS: RateLimitOptions = {
  burst: 190,
  windowMs: 10_000,
  daily: 1_000_000,
  searchPerSecond: 5,
}

/** Counts events inside a rolling window. */
class RollingWindow {
  private readonly times: number[] = []
  private head = 0

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
  ) {}

  /** Takes one slot at `now`; false when the window is full. */
  take(now: number): boolean {
    if (this.used(now) >= this.max) return false
    this.times.push(now)
    return true
  }

  remaining(now: number): number {
    return Math.max(0, this.max - this.used(now))
  }

  private used(now: number): number {
    while (
      this.head < this.times.length &&
      (this.times[this.head] as number) <= now - this.windowMs
    )
      this.head++
    if (this.head > 1024) {
      this.times.splice(0, this.head)
      this.head = 0
    }
    return this.times.length - this.head
  }
}

const DAY_MS = 86_400_000

/** The outcome of a rate-limit check: headers to add, or the 429 to send instead. */
export type LimitVerdict =
  { ok: true; headers: Record<string, string> } | { ok: false; response: Response }

/** Which budgets a request draws on. */
export type LimitPolicy = 'burst' | 'search' | 'daily' | 'none'

/** The rate limiter of one emulated account. */
export class RateLimiter {
  private readonly bursts = new Map<string, RollingWindow>()
  private readonly search: RollingWindow
  private day = -1
  private dailyUsed = 0

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number,
    private readonly groupName: string,
  ) {
    this.search = new RollingWindow(options.searchPerSecond, 1000)
  }

  /**
   * Checks and takes budget for one request by `appKey`.
   * @param withDailyHeaders false for OAuth-authenticated calls, which HubSpot sends without them.
   */
  check(policy: LimitPolicy, appKey: string, withDailyHeaders: boolean): LimitVerdict {
    if (policy === 'none') return { ok: true, headers: {} }
    const now = this.now()
    this.rollDay(now)
    const burst = this.burstFor(appKey)
    const headers = (): Record<string, string> =>
      policy === 'search' ? {} : this.headers(burst.remaining(now), withDailyHeaders)
    if (this.dailyUsed >= this.options.daily) return this.reject('DAILY', 'daily', headers())
    if (policy === 'search' && !this.search.take(now))
      return this.reject('SECONDLY', 'secondly', {})
    if (policy === 'burst' && !burst.take(now))
      return this.reject('TEN_SECONDLY_ROLLING', 'ten_secondly_rolling', headers())
    this.dailyUsed++
    return { ok: true, headers: headers() }
  }

  /** A TEN_SECONDLY_ROLLING 429 as HubSpot sends it (also used by fault injection). */
  tooManyRequests(): Response {
    return this.reject('TEN_SECONDLY_ROLLING', 'ten_secondly_rolling', {}).response
  }

  private reject(
    policyName: string,
    name: string,
    headers: Record<string, string>,
  ): { ok: false; response: Response } {
    const extra: Partial<HubSpotErrorBody> = {
      errorType: 'RATE_LIMIT',
      policyName,
      groupName: this.groupName,
    }
    const message = `You have reached your ${name} limit.`
    return { ok: false, response: hubspotError(429, 'RATE_LIMITS', message, extra, headers) }
  }

  private headers(remaining: number, withDaily: boolean): Record<string, string> {
    const headers: Record<string, string> = {
      'X-HubSpot-RateLimit-Max': String(this.options.burst),
      'X-HubSpot-RateLimit-Remaining': String(remaining),
      'X-HubSpot-RateLimit-Interval-Milliseconds': String(this.options.windowMs),
    }
    if (withDaily) {
      headers['X-HubSpot-RateLimit-Daily'] = String(this.options.daily)
      headers['X-HubSpot-RateLimit-Daily-Remaining'] = String(
        Math.max(0, this.options.daily - this.dailyUsed),
      )
    }
    return headers
  }

  private burstFor(appKey: string): RollingWindow {
    let window = this.bursts.get(appKey)
    if (!window)
      this.bursts.set(
        appKey,
        (window = new RollingWindow(this.options.burst, this.options.windowMs)),
      )
    return window
  }

  private rollDay(now: number): void {
    const day = Math.floor(now / DAY_MS)
    if (day !== this.day) {
      this.day = day
      this.dailyUsed = 0
    }
  }
}
