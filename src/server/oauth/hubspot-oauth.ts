/**
 * @module HubSpot's OAuth v1 endpoints, through the official client: the code exchange, the refresh
 * and the access-token info. The client's token answer drops `hub_id`, so the portal and scopes
 * come from the token info; its error model drops HubSpot's OAuth code (`BAD_REFRESH_TOKEN`, …),
 * so a response middleware reads the code from the raw answer first.
 */
import { Client } from '@hubspot/api-client'

/** What a code exchange or a refresh yields. `expiresIn` is in seconds. */
export interface TokenGrant {
  readonly accessToken: string
  readonly refreshToken: string
  readonly expiresIn: number
}

/** Whose token it is: HubSpot's `hub_id` and the scopes granted. */
export interface TokenInfo {
  readonly portalId: number
  readonly scopes: readonly string[]
}

/** HubSpot's OAuth codes that mean the grant itself is dead: the portal must install again. */
const INVALID_GRANT = new Set(['BAD_REFRESH_TOKEN', 'invalid_grant'])

/**
 * An OAuth call HubSpot refused, or could not answer. `detail` is HubSpot's message (never a token);
 * `code` its OAuth code when it gave one.
 */
export class HubSpotOAuthError extends Error {
  override readonly name = 'HubSpotOAuthError'
  /** The HTTP status; 0 when no answer came. */
  readonly status: number
  readonly code: string | null
  readonly detail: string

  constructor(status: number, code: string | null, detail: string, cause?: unknown) {
    super(`HubSpot's OAuth endpoint ${status ? `answered ${status}` : 'failed'}: ${detail}`, {
      cause,
    })
    this.status = status
    this.code = code
    this.detail = detail
  }

  /** True when the refresh token is unknown or revoked (the app was uninstalled). */
  get invalidGrant(): boolean {
    return this.status === 400 && this.code !== null && INVALID_GRANT.has(this.code)
  }
}

export interface HubSpotOAuth {
  /** @throws HubSpotOAuthError when HubSpot refuses the code (used, expired, another redirect URI) */
  exchangeCode(code: string, redirectUri: string): Promise<TokenGrant>
  /** @throws HubSpotOAuthError; `invalidGrant` when the refresh token is dead */
  refresh(refreshToken: string): Promise<TokenGrant>
  /** @throws HubSpotOAuthError when the token is unknown or expired */
  tokenInfo(accessToken: string): Promise<TokenInfo>
}

export interface HubSpotOAuthOptions {
  readonly clientId: string
  readonly clientSecret: string
  /** HubSpot's API, or the emulator's. */
  readonly apiBaseUrl: string
  /** An OAuth call with no answer after this long fails (its caller may try again). Default 30 s. */
  readonly timeoutMs?: number
}

/**
 * HubSpot's OAuth endpoints for one app.
 * @example
 * const oauth = createHubSpotOAuth(config)
 * const grant = await oauth.exchangeCode(code, `${config.publicUrl}/oauth/callback`)
 * const { portalId, scopes } = await oauth.tokenInfo(grant.accessToken)
 */
export function createHubSpotOAuth(options: HubSpotOAuthOptions): HubSpotOAuth {
  const { clientId, clientSecret } = options
  const timeoutMs = options.timeoutMs ?? 30_000
  const client = new Client({
    basePath: options.apiBaseUrl.replace(/\/+$/, ''),
    middleware: [{ pre: (context: unknown) => context, post: refuseOAuthErrors }],
  })
  const tokensApi = () => client.oauth.tokensApi

  async function bounded<T>(fn: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new HubSpotOAuthError(0, null, `no answer after ${timeoutMs} ms`)),
        timeoutMs,
      )
    })
    try {
      return await Promise.race([fn(), timeout])
    } catch (error) {
      if (error instanceof HubSpotOAuthError) throw error
      // @note No message and no cause from the transport: its errors may quote the URL, and the
      // token-info URL holds the access token.
      throw new HubSpotOAuthError(0, null, `could not reach HubSpot (${networkCode(error)})`)
    } finally {
      clearTimeout(timer)
    }
  }

  async function grant(
    answer: Promise<{ accessToken: string; refreshToken: string; expiresIn: number }>,
  ) {
    const { accessToken, refreshToken, expiresIn } = await answer
    if (!accessToken || !refreshToken || !(expiresIn > 0))
      throw new HubSpotOAuthError(200, null, 'the token answer lacks a token or its lifetime')
    return { accessToken, refreshToken, expiresIn }
  }

  return {
    exchangeCode: (code, redirectUri) =>
      bounded(() =>
        grant(tokensApi().create('authorization_code', code, redirectUri, clientId, clientSecret)),
      ),
    refresh: (refreshToken) =>
      bounded(() =>
        grant(
          tokensApi().create(
            'refresh_token',
            undefined,
            undefined,
            clientId,
            clientSecret,
            refreshToken,
          ),
        ),
      ),
    tokenInfo: (accessToken) =>
      bounded(async () => {
        const info = await client.oauth.accessTokensApi.get(accessToken)
        if (!Number.isSafeInteger(info.hubId) || info.hubId <= 0)
          throw new HubSpotOAuthError(200, null, 'the token info has no hub_id')
        return { portalId: info.hubId, scopes: [...(info.scopes ?? [])] }
      }),
  }
}

/** A network failure's code (`ECONNREFUSED`, …), read from the error or its cause. */
function networkCode(error: unknown): string {
  for (let at = error, depth = 0; at && depth < 3; depth++) {
    const { code, cause } = at as { code?: unknown; cause?: unknown }
    if (typeof code === 'string' && /^[A-Z_]+$/.test(code)) return code
    at = cause
  }
  return 'no answer'
}

/** The part of the client's response context the middleware reads. */
interface ResponseContext {
  readonly httpStatusCode: number
  readonly body: { text(): Promise<string> }
}

/** The client's response middleware: an error answer becomes a HubSpotOAuthError with its code. */
async function refuseOAuthErrors(context: ResponseContext): Promise<ResponseContext> {
  const status = context.httpStatusCode
  if (status < 400) return context
  const text = await context.body.text()
  let body: { status?: unknown; message?: unknown } = {}
  try {
    const parsed: unknown = JSON.parse(text)
    if (typeof parsed === 'object' && parsed !== null) body = parsed
  } catch {
    // Not JSON (a proxy's page, a wrong base URL): the status says enough.
  }
  const code = typeof body.status === 'string' && body.status !== 'error' ? body.status : null
  const detail = typeof body.message === 'string' ? body.message : `HTTP ${status}`
  throw new HubSpotOAuthError(status, code, detail)
}
