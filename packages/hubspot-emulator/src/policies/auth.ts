/** Bearer authentication: a private-app or OAuth token, or HubSpot's 401. */
import { hubspotError } from '../http/hubspot-error.ts'
import type { Guard } from './guard.ts'
import type { TokenRegistry } from './token-registry.ts'

const AUTH_DOCS = 'https://developers.hubspot.com/docs/methods/auth/oauth-overview'

/**
 * Authenticates the `Authorization: Bearer …` header and records the caller on the call;
 * answers 401 `INVALID_AUTHENTICATION` (missing or unknown) or `EXPIRED_AUTHENTICATION`.
 * @example authenticate(tokens)
 */
export function authenticate(tokens: TokenRegistry): Guard {
  return async function authenticate(call, next) {
    const auth = tokens.authenticate(call.request.headers.get('authorization'))
    if (auth.ok) {
      call.principal = auth.principal
      return next()
    }
    if (auth.reason === 'expired') {
      const message = `The OAuth token used to make this call expired ${auth.expiredSecondsAgo} second(s) ago.`
      return hubspotError(401, 'EXPIRED_AUTHENTICATION', message)
    }
    const message = `Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at ${AUTH_DOCS}`
    return hubspotError(401, 'INVALID_AUTHENTICATION', message)
  }
}
