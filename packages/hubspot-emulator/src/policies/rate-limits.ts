/** Rate limits as a guard: the 429 HubSpot sends past a budget, else the `X-HubSpot-RateLimit-*` headers. */
import type { Guard } from './guard.ts'
import type { LimitPolicy, RateLimiter } from './rate-limiter.ts'

/**
 * Draws one request from the budgets of `policy` for the caller's app; answers the 429 when one is
 * spent, else adds the rate-limit headers to whatever the call answers.
 * @example enforceRateLimits(limiter, 'search')
 */
export function enforceRateLimits(limiter: RateLimiter, policy: LimitPolicy): Guard {
  return async function enforceRateLimits(call, next) {
    const { principal } = call
    const verdict = limiter.check(
      policy,
      principal?.appKey ?? 'anonymous',
      principal?.kind !== 'oauth',
    )
    if (!verdict.ok) return verdict.response
    const response = await next()
    for (const [name, value] of Object.entries(verdict.headers)) response.headers.set(name, value)
    return response
  }
}
