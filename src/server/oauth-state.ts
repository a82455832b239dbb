/**
 * @module The OAuth `state`: signed (HMAC-SHA256 with the server's state secret), expiring after
 * 10 minutes, and bound to the browser that started the install. `GET /oauth/install` sets the
 * nonce as a cookie and sends HubSpot a state carrying only the nonce's hash; the callback accepts
 * the state only with that cookie, so a state lifted from a URL or log cannot complete someone
 * else's install (login CSRF).
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'

/** How long an install may take from our redirect to HubSpot's callback, ms. */
export const OAUTH_STATE_TTL_MS = 10 * 60 * 1000

/**
 * The cookie that holds the nonce. Set it `HttpOnly; Secure; SameSite=Lax; Path=/oauth;
 * Max-Age=600`: Lax, because HubSpot's callback is a top-level navigation from another site.
 */
export const OAUTH_STATE_COOKIE = 'health_score_oauth'

const FORMAT = 's1'

export const OAUTH_STATE_FAILURES = ['missing', 'forged', 'expired', 'cookie-mismatch'] as const
export type OAuthStateFailure = (typeof OAUTH_STATE_FAILURES)[number]

export type OAuthStateCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: OAuthStateFailure; readonly message: string }

/** A new state for HubSpot's authorize URL and the nonce for the browser's cookie. */
export interface IssuedState {
  readonly state: string
  readonly cookie: string
  readonly expiresAt: number
}

/**
 * Issues a state for one install attempt.
 * @throws Error when the secret is shorter than 32 bytes
 * @example
 * const { state, cookie } = issueOAuthState(config.stateSecret, Date.now())
 * res.cookie(OAUTH_STATE_COOKIE, cookie, { httpOnly: true, secure: true, sameSite: 'lax', path: '/oauth', maxAge: OAUTH_STATE_TTL_MS })
 * res.redirect(authorizeUrl({ ..., state }))
 */
export function issueOAuthState(secret: Buffer, now: number): IssuedState {
  const cookie = randomBytes(24).toString('base64url')
  const expiresAt = now + OAUTH_STATE_TTL_MS
  const payload = `${FORMAT}.${digest(cookie)}.${expiresAt.toString(36)}`
  return { state: `${payload}.${mac(secret, payload)}`, cookie, expiresAt }
}

/**
 * Checks the `state` HubSpot sent back against the cookie the browser sent with it.
 * @throws Error when the secret is shorter than 32 bytes
 * @example
 * const check = verifyOAuthState(config.stateSecret, req.query.state, req.cookies[OAUTH_STATE_COOKIE], Date.now())
 * if (!check.ok) return res.status(400).json({ status: 'error', message: check.message })
 */
export function verifyOAuthState(
  secret: Buffer,
  state: unknown,
  cookie: unknown,
  now: number,
): OAuthStateCheck {
  if (typeof state !== 'string' || state === '')
    return fail('missing', 'the OAuth callback has no state: start again from the install link')
  const parts = state.split('.')
  const [format, hash, expiry, signature] = parts
  if (parts.length !== 4 || format !== FORMAT || !hash || !expiry || !signature)
    return fail('forged', 'the OAuth state is not one this server issued')
  if (!same(signature, mac(secret, `${format}.${hash}.${expiry}`)))
    return fail('forged', 'the OAuth state is not one this server issued')
  if (now > parseInt(expiry, 36))
    return fail(
      'expired',
      'the install link expired (10 minutes): start again from the install link',
    )
  if (typeof cookie !== 'string' || !same(hash, digest(cookie)))
    return fail(
      'cookie-mismatch',
      'the install was started in another browser (or its cookie was lost): start again here',
    )
  return { ok: true }
}

function fail(reason: OAuthStateFailure, message: string): OAuthStateCheck {
  return { ok: false, reason, message }
}

function mac(secret: Buffer, payload: string): string {
  if (secret.length < 32)
    throw new Error(`the OAuth state secret must be 32 bytes or more, got ${secret.length}`)
  return createHmac('sha256', secret).update(payload, 'utf8').digest('base64url')
}

function digest(cookie: string): string {
  return createHash('sha256').update(cookie, 'utf8').digest('base64url')
}

function same(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8')
  const b = Buffer.from(expected, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}
