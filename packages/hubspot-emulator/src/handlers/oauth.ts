/**
 * OAuth v1: an emulated authorize step (redirects back with a code), the form-encoded token
 * endpoint (authorization_code and refresh_token) and token introspection.
 */
import type { HttpHandler } from 'msw'

import type { EmulatorContext } from '../http/emulator-context.ts'
import { hubspotError, jsonResponse } from '../http/hubspot-error.ts'
import { route, type RouteContext } from '../http/route.ts'
import type { TokenGrantResult } from '../policies/token-registry.ts'

const open = { auth: false, limit: 'none' } as const

/**
 * An OAuth error: HubSpot's `Error` shape (`category`, `correlationId`, `message` are required by
 * the spec) with the OAuth code (`BAD_AUTH_CODE`, …) in `status`, as HubSpot sends it.
 */
function oauthError(status: string, message: string, httpStatus = 400): Response {
  return hubspotError(httpStatus, 'VALIDATION_ERROR', message, { status })
}

async function readForm(request: Request): Promise<URLSearchParams> {
  const type = request.headers.get('content-type') ?? ''
  if (type.includes('multipart/form-data')) {
    const form = await request.formData()
    const params = new URLSearchParams()
    form.forEach((value, key) => {
      if (typeof value === 'string') params.append(key, value)
    })
    return params
  }
  return new URLSearchParams(await request.text())
}

/** The OAuth handlers. */
export function oauthHandlers(context: EmulatorContext): HttpHandler[] {
  const { tokens, store } = context

  async function authorize({ url }: RouteContext<Record<string, string>>): Promise<Response> {
    const clientId = url.searchParams.get('client_id') ?? ''
    const redirectUri = url.searchParams.get('redirect_uri') ?? ''
    const scopes = (url.searchParams.get('scope') ?? '').split(/[\s+]+/).filter(Boolean)
    const optional = (url.searchParams.get('optional_scope') ?? '').split(/[\s+]+/).filter(Boolean)
    if (!tokens.app(clientId)) return oauthError('BAD_CLIENT_ID', 'missing or unknown client id')
    if (!/^https?:\/\//.test(redirectUri))
      return oauthError('BAD_REDIRECT_URI', 'redirect_uri must be an absolute URL')
    if (scopes.length === 0) return oauthError('BAD_SCOPES', 'at least one scope is required')
    const code = tokens.issueAuthorizationCode({
      clientId,
      redirectUri,
      scopes: [...new Set([...scopes, ...optional])],
    })
    const target = new URL(redirectUri)
    target.searchParams.set('code', code)
    const state = url.searchParams.get('state')
    if (state !== null) target.searchParams.set('state', state)
    return jsonResponse({ redirectTo: target.toString() }, 302, { location: target.toString() })
  }

  async function token({ request }: RouteContext<Record<string, string>>): Promise<Response> {
    const form = await readForm(request)
    const clientId = form.get('client_id') ?? ''
    const app = tokens.app(clientId)
    if (!app) return oauthError('BAD_CLIENT_ID', 'missing or unknown client id')
    if (form.get('client_secret') !== app.clientSecret)
      return oauthError('BAD_CLIENT_SECRET', 'missing or invalid client secret')
    let result: TokenGrantResult
    const grantType = form.get('grant_type')
    if (grantType === 'authorization_code') {
      result = tokens.exchangeCode({
        code: form.get('code') ?? '',
        clientId,
        redirectUri: form.get('redirect_uri') ?? '',
      })
    } else if (grantType === 'refresh_token') {
      result = tokens.refresh({ refreshToken: form.get('refresh_token') ?? '', clientId })
    } else {
      return oauthError('BAD_GRANT_TYPE', `unsupported grant_type: ${grantType ?? '(missing)'}`)
    }
    if (!result.ok) return oauthError(result.status, result.message)
    return jsonResponse({
      token_type: 'bearer',
      token_use: 'access_token',
      access_token: result.accessToken,
      refresh_token: result.refreshToken,
      expires_in: result.expiresIn,
      hub_id: store.portalId,
      scopes: result.scopes,
    })
  }

  async function accessToken({ params }: RouteContext<{ token: string }>): Promise<Response> {
    const info = tokens.accessTokenInfo(params.token)
    if (!info) return hubspotError(404, 'OBJECT_NOT_FOUND', 'Token not found or expired')
    const app = info.clientId ? tokens.app(info.clientId) : undefined
    return jsonResponse({
      token: params.token,
      user: 'emulator@example.com',
      hub_domain: `emulator-${store.portalId}.hubspot.com`,
      scopes: [...info.principal.scopes],
      hub_id: store.portalId,
      app_id: app?.appId ?? 0,
      expires_in: info.expiresIn,
      user_id: 1,
      token_type: 'access',
    })
  }

  async function refreshToken({ params }: RouteContext<{ token: string }>): Promise<Response> {
    const info = tokens.refreshTokenInfo(params.token)
    if (!info) return hubspotError(404, 'OBJECT_NOT_FOUND', 'Refresh token not found')
    return jsonResponse({
      token: params.token,
      user: 'emulator@example.com',
      hub_domain: `emulator-${store.portalId}.hubspot.com`,
      scopes: info.scopes,
      hub_id: store.portalId,
      client_id: info.clientId,
      user_id: 1,
      token_type: 'refresh',
    })
  }

  async function revokeRefreshToken({
    params,
  }: RouteContext<{ token: string }>): Promise<Response> {
    if (!tokens.revokeRefreshToken(params.token))
      return hubspotError(404, 'OBJECT_NOT_FOUND', 'Refresh token not found')
    return new Response(null, { status: 204, headers: { 'content-type': 'application/json' } })
  }

  return [
    route(context, { method: 'get', path: '/oauth/authorize', ...open }, authorize),
    route(context, { method: 'get', path: '/oauth/:portalId/authorize', ...open }, authorize),
    route(context, { method: 'post', path: '/oauth/v1/token', ...open }, token),
    route(context, { method: 'get', path: '/oauth/v1/access-tokens/:token', ...open }, accessToken),
    route(
      context,
      { method: 'get', path: '/oauth/v1/refresh-tokens/:token', ...open },
      refreshToken,
    ),
    route(
      context,
      { method: 'delete', path: '/oauth/v1/refresh-tokens/:token', ...open },
      revokeRefreshToken,
    ),
  ]
}
