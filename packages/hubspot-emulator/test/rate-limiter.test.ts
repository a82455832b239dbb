import { describe, expect, it } from 'vitest'

import { RateLimiter } from '../src/policies/rate-limiter.ts'
import { createManualClock } from '../src/testing/index.ts'

const LIMITS = { burst: 3, windowMs: 10_000, daily: 5, searchPerSecond: 2 }

function limiter(limits = LIMITS) {
  const clock = createManualClock('2026-11-01T00:00:00.000Z')
  return { clock, limiter: new RateLimiter(limits, clock.now, 'publicapi:private-apps:12345') }
}

async function bodyOf(verdict: ReturnType<RateLimiter['check']>) {
  if (verdict.ok) throw new Error('expected a 429')
  expect(verdict.response.status).toBe(429)
  return (await verdict.response.json()) as Record<string, string>
}

describe(RateLimiter, () => {
  it('counts the burst budget down in the headers and refuses the request past it', async () => {
    const { limiter: rate } = limiter()
    const remaining = [1, 2, 3].map((): string | undefined => {
      const verdict = rate.check('burst', 'app', true)
      return verdict.ok ? verdict.headers['X-HubSpot-RateLimit-Remaining'] : undefined
    })
    expect(remaining).toEqual(['2', '1', '0'])
    const body = await bodyOf(rate.check('burst', 'app', true))
    expect(body).toMatchObject({
      status: 'error',
      message: 'You have reached your ten_secondly_rolling limit.',
      errorType: 'RATE_LIMIT',
      policyName: 'TEN_SECONDLY_ROLLING',
      groupName: 'publicapi:private-apps:12345',
    })
  })

  it('rolls the burst window: a slot frees exactly windowMs after it was taken', () => {
    const { clock, limiter: rate } = limiter({ ...LIMITS, daily: 100 })
    for (let i = 0; i < 3; i++) expect(rate.check('burst', 'app', true).ok).toBe(true)
    clock.advance(9_999)
    expect(rate.check('burst', 'app', true).ok).toBe(false)
    clock.advance(1)
    expect(rate.check('burst', 'app', true).ok).toBe(true)
  })

  it('keeps one burst budget per app', () => {
    const { limiter: rate } = limiter({ ...LIMITS, daily: 100 })
    for (let i = 0; i < 3; i++) rate.check('burst', 'first', true)
    expect(rate.check('burst', 'first', true).ok).toBe(false)
    expect(rate.check('burst', 'second', true).ok).toBe(true)
  })

  it('shares the daily budget across apps and resets it at midnight UTC', async () => {
    const { clock, limiter: rate } = limiter({ ...LIMITS, burst: 100 })
    for (let i = 0; i < 5; i++) expect(rate.check('burst', `app${i % 2}`, true).ok).toBe(true)
    expect(await bodyOf(rate.check('burst', 'app2', true))).toMatchObject({
      policyName: 'DAILY',
      message: 'You have reached your daily limit.',
    })
    clock.set('2026-11-02T00:00:00.000Z')
    expect(rate.check('burst', 'app2', true).ok).toBe(true)
  })

  it('meters search by the second, apart from the burst budget and without headers', async () => {
    const { clock, limiter: rate } = limiter({ ...LIMITS, daily: 100 })
    const first = rate.check('search', 'app', true)
    expect(first).toEqual({ ok: true, headers: {} })
    expect(rate.check('search', 'app', true).ok).toBe(true)
    const refused = rate.check('search', 'app', true)
    expect(await bodyOf(refused)).toMatchObject({
      policyName: 'SECONDLY',
      message: 'You have reached your secondly limit.',
    })
    expect(
      refused.ok || [...refused.response.headers.keys()].some((h) => h.includes('ratelimit')),
    ).toBe(false)
    for (let i = 0; i < 3; i++) expect(rate.check('burst', 'app', true).ok).toBe(true)
    clock.advance(1000)
    expect(rate.check('search', 'app', true).ok).toBe(true)
  })

  it('leaves the daily headers off OAuth calls, and the daily policy spends no burst budget', () => {
    const { limiter: rate } = limiter({ ...LIMITS, daily: 100 })
    const oauth = rate.check('burst', 'oauth:client', false)
    const privateApp = rate.check('burst', 'private:token', true)
    expect(oauth.ok && Object.keys(oauth.headers)).toEqual([
      'X-HubSpot-RateLimit-Max',
      'X-HubSpot-RateLimit-Remaining',
      'X-HubSpot-RateLimit-Interval-Milliseconds',
    ])
    expect(privateApp.ok && privateApp.headers['X-HubSpot-RateLimit-Daily-Remaining']).toBe('98')
    for (let i = 0; i < 10; i++) expect(rate.check('daily', 'oauth:client', false).ok).toBe(true)
  })
})
