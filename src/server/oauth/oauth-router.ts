/**
 * @module The install routes, mounted at `/oauth`. `GET /oauth/install` sends the browser to
 * HubSpot's authorize page with a signed state bound to it by a cookie; `GET /oauth/callback`
 * checks that state, exchanges the code, stores the installation (tokens sealed) and creates the
 * portal's health properties, then answers a short page.
 */
import { Router } from 'express'
import { z } from 'zod'

import { SCOPES } from '../../build/scopes.ts'
import { getDefaultModel } from '../../health/index.ts'
import { HubSpotApiError, PropertySchemaError } from '../../hubspot/index.ts'
import type { Logger } from '../../log.ts'
import { ensureSchema } from '../../operations/index.ts'
import type { ServerConfig } from '../config.ts'
import { HttpError } from '../http-error.ts'
import {
  issueOAuthState,
  OAUTH_STATE_COOKIE,
  OAUTH_STATE_TTL_MS,
  verifyOAuthState,
} from '../oauth-state.ts'
import type { PortalConnections } from '../portal-connections.ts'
import { HubSpotOAuthError } from './hubspot-oauth.ts'
import type { TokenManager } from './token-manager.ts'

export interface OAuthRouterDeps {
  readonly config: ServerConfig
  readonly tokens: Pick<TokenManager, 'install'>
  readonly connections: PortalConnections
  readonly logger: Logger
  /** Epoch ms; default `Date.now`. */
  readonly now?: () => number
}

/**
 * Where HubSpot sends the browser back: register it in the app's Auth settings.
 * @example oauthRedirectUri({ publicUrl: 'https://health.example.com' }) // 'https://health.example.com/oauth/callback'
 */
export function oauthRedirectUri(config: Pick<ServerConfig, 'publicUrl'>): string {
  return `${config.publicUrl}/oauth/callback`
}

const CALLBACK_QUERY = z.object({
  state: z.string().max(2048).optional(),
  code: z.string().min(1).max(2048).optional(),
  error: z.string().optional(),
})

/**
 * The `/oauth` routes.
 * @example
 * app.use('/oauth', createOAuthRouter({ config, tokens, connections, logger }))
 */
export function createOAuthRouter(deps: OAuthRouterDeps): Router {
  const { config, tokens, connections, logger } = deps
  const now = deps.now ?? Date.now
  const cookie = {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.publicUrl.startsWith('https:'),
    path: '/oauth',
  } as const
  const router = Router()

  router.get('/install', function install(_req, res) {
    const issued = issueOAuthState(config.stateSecret, now())
    // @note %20 between scopes, as HubSpot's own URL helper writes them (URLSearchParams writes +).
    const query = [
      ['client_id', config.clientId],
      ['redirect_uri', oauthRedirectUri(config)],
      ['scope', SCOPES.join(' ')],
      ['state', issued.state],
    ]
      .map(([name, value]) => `${name}=${encodeURIComponent(value as string)}`)
      .join('&')
    res.cookie(OAUTH_STATE_COOKIE, issued.cookie, { ...cookie, maxAge: OAUTH_STATE_TTL_MS })
    res.set('cache-control', 'no-store')
    res.redirect(302, `${config.authorizeUrl}?${query}`)
  })

  router.get('/callback', async function callback(req, res) {
    // The URL carries a one-use code: no cache, no referrer.
    res.set({ 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' })
    const query = CALLBACK_QUERY.safeParse(req.query)
    if (!query.success)
      throw new HttpError(400, {
        message: 'the OAuth callback’s code and state must be given once each',
      })
    const { state, code, error } = query.data
    const check = verifyOAuthState(
      config.stateSecret,
      state,
      readCookie(req.headers.cookie, OAUTH_STATE_COOKIE),
      now(),
    )
    if (!check.ok) throw new HttpError(400, { message: check.message })
    res.clearCookie(OAUTH_STATE_COOKIE, cookie)
    if (error !== undefined)
      throw new HttpError(400, {
        message: `HubSpot did not authorize the install${/^[a-z_]{1,64}$/.test(error) ? ` (${error})` : ''}: start again from the install link`,
      })
    if (!code)
      throw new HttpError(400, {
        message: 'the OAuth callback has no code: start again from the install link',
      })

    let portalId: number
    try {
      const installed = await tokens.install(code, oauthRedirectUri(config))
      portalId = installed.portalId
      const missing = SCOPES.filter((scope) => !installed.scopes.includes(scope))
      if (missing.length > 0)
        logger.warn({ portalId, missing }, 'the installation lacks scopes the app requests')
      logger.info({ portalId, scopes: installed.scopes.length }, 'portal installed')
    } catch (failure) {
      if (failure instanceof HubSpotOAuthError && failure.status >= 400 && failure.status < 500)
        throw new HttpError(400, {
          message: `HubSpot refused the install: ${failure.detail}`,
          cause: failure,
        })
      if (failure instanceof HubSpotOAuthError)
        throw new HttpError(502, {
          message: `HubSpot could not finish the install (${failure.detail}): try again`,
          cause: failure,
        })
      throw failure
    }

    try {
      await ensureSchema({
        connection: await connections.forPortal(portalId),
        model: getDefaultModel(),
      })
    } catch (failure) {
      if (failure instanceof PropertySchemaError) {
        const clashes = failure.conflicts
          .map((c) => `${c.name}: expected ${c.expected}, found ${c.found}`)
          .join('; ')
        throw new HttpError(409, {
          message: `the app is installed, but company properties of the portal clash with its own (${clashes}): rename or delete them in HubSpot, then install again`,
          cause: failure,
        })
      }
      if (!(failure instanceof HubSpotApiError)) throw failure
      logger.error(
        { portalId, endpoint: failure.endpoint, status: failure.status },
        'install: the health properties could not be created',
      )
      throw new HttpError(502, {
        message: `the app is installed, but HubSpot refused its properties (${failure.detail}): install again to retry`,
        cause: failure,
      })
    }
    res
      .status(200)
      .type('html')
      .send(
        `<!doctype html><meta charset="utf-8"><title>Health Score installed</title>` +
          `<h1>Health Score is installed</h1><p>Portal ${portalId} now has the Customer health ` +
          `properties. Open any company record to see its health card.</p>`,
      )
  })

  return router
}

/** One cookie's value from a `Cookie` header, or undefined. */
function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=')
    if (at > 0 && part.slice(0, at).trim() === name) return part.slice(at + 1).trim()
  }
  return undefined
}
