import { createHmac, randomBytes } from 'node:crypto'

import { expect, it } from 'vitest'

import { issueOAuthState, OAUTH_STATE_TTL_MS, verifyOAuthState } from '../../src/server/index.ts'

const SECRET = randomBytes(32)
const NOW = 1_764_633_600_000

it('accepts its own state with the cookie it set, until the state expires', () => {
  const { state, cookie, expiresAt } = issueOAuthState(SECRET, NOW)
  expect(expiresAt).toBe(NOW + OAUTH_STATE_TTL_MS)
  expect(verifyOAuthState(SECRET, state, cookie, NOW + 1_000)).toEqual({ ok: true })
  expect(verifyOAuthState(SECRET, state, cookie, expiresAt)).toEqual({ ok: true })
  expect(verifyOAuthState(SECRET, state, cookie, expiresAt + 1)).toMatchObject({
    ok: false,
    reason: 'expired',
  })
})

it('issues a new nonce each time, and never puts the cookie’s value in the state', () => {
  const first = issueOAuthState(SECRET, NOW)
  const second = issueOAuthState(SECRET, NOW)
  expect(first.cookie).not.toBe(second.cookie)
  expect(first.state).not.toContain(first.cookie)
  expect(verifyOAuthState(SECRET, first.state, second.cookie, NOW)).toMatchObject({
    reason: 'cookie-mismatch',
  })
})

it('refuses a state without the browser’s cookie', () => {
  const { state } = issueOAuthState(SECRET, NOW)
  for (const cookie of [undefined, '', 'x', ['a']])
    expect(verifyOAuthState(SECRET, state, cookie, NOW)).toMatchObject({
      ok: false,
      reason: 'cookie-mismatch',
    })
})

it('refuses a state signed with another secret, or with its expiry pushed back', () => {
  const { state, cookie } = issueOAuthState(SECRET, NOW)
  expect(verifyOAuthState(randomBytes(32), state, cookie, NOW)).toMatchObject({ reason: 'forged' })
  const [format, hash, , signature] = state.split('.')
  const later = (NOW + 10 * OAUTH_STATE_TTL_MS).toString(36)
  expect(
    verifyOAuthState(
      SECRET,
      [format, hash, later, signature].join('.'),
      cookie,
      NOW + OAUTH_STATE_TTL_MS * 2,
    ),
  ).toMatchObject({ reason: 'forged' })
})

it('refuses an attacker’s valid state in a victim’s browser, and a state made without the secret', () => {
  const { state: attackers, cookie: attackerCookie } = issueOAuthState(SECRET, NOW)
  const victimCookie = issueOAuthState(SECRET, NOW).cookie
  // The attacker's state, however valid, does not go with the victim's browser.
  expect(verifyOAuthState(SECRET, attackers, victimCookie, NOW)).toMatchObject({
    reason: 'cookie-mismatch',
  })
  // A state made up by hand for a known cookie, without the secret, is a forgery.
  const payload = `s1.${attackers.split('.')[1]}.${(NOW + 1000).toString(36)}`
  const guessed = `${payload}.${createHmac('sha256', 'guess').update(payload).digest('base64url')}`
  expect(verifyOAuthState(SECRET, guessed, attackerCookie, NOW)).toMatchObject({
    reason: 'forged',
  })
})

it('says a missing or malformed state is missing or forged', () => {
  const { cookie } = issueOAuthState(SECRET, NOW)
  expect(verifyOAuthState(SECRET, undefined, cookie, NOW)).toMatchObject({ reason: 'missing' })
  expect(verifyOAuthState(SECRET, ['a', 'b'], cookie, NOW)).toMatchObject({ reason: 'missing' })
  for (const state of ['nonsense', 's1.a.b', 's2.a.b.c', 's1..b.c', 's1.a.b.c.d'])
    expect(verifyOAuthState(SECRET, state, cookie, NOW)).toMatchObject({ reason: 'forged' })
})

it('refuses a secret shorter than 32 bytes', () => {
  expect(() => issueOAuthState(randomBytes(16), NOW)).toThrow(/32 bytes or more, got 16/)
})
