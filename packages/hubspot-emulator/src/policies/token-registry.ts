/**
 * Who may call the emulator: private-app tokens, and OAuth apps with their authorization codes,
 * access tokens (which really expire) and refresh tokens.
 */
import { randomBytes, randomUUID } from 'node:crypto'

/** The caller behind a bearer token. */
export interface Principal {
  token: string
  kind: 'private' | 'oauth'
  scopes: ReadonlySet<string>
  /** The key of the app's burst budget: the token for private apps, the client id for OAuth apps. */
  appKey: string
  /** The app's id, which webhooks report as the `sourceId` of the changes it makes. */
  appId?: number
}

/** An OAuth app registered with the emulated portal. */
export interface OAuthApp {
  clientId: string
  clientSecret: string
  appId: number
}

interface AccessToken extends Principal {
  expiresAt: number
  refreshToken?: string
  clientId?: string
}

interface Grant {
  clientId: string
  redirectUri: string
  scopes: string[]
  expiresAt: number
  used: boolean
}

interface RefreshToken {
  clientId: string
  scopes: string[]
}

/** The result of authenticating a request. */
export type AuthResult =
  | { ok: true; principal: Principal }
  | { ok: false; reason: 'missing' | 'unknown' }
  | { ok: false; reason: 'expired'; expiredSecondsAgo: number }

/** The token endpoint's answer, or an OAuth error (`status` is HubSpot's error code, e.g. BAD_AUTH_CODE). */
export type TokenGrantResult =
  | { ok: true; accessToken: string; refreshToken: string; expiresIn: number; scopes: string[] }
  | { ok: false; status: string; message: string }

/** Issues and checks tokens. All times come from the injected clock. */
export class TokenRegistry {
  private readonly tokens = new Map<string, AccessToken>()
  private readonly grants = new Map<string, Grant>()
  private readonly refreshTokens = new Map<string, RefreshToken>()
  private readonly apps = new Map<string, OAuthApp>()

  constructor(
    private readonly now: () => number,
    readonly accessTokenTtlSeconds = 1800,
    readonly codeTtlMs = 10 * 60_000,
  ) {}

  /** Accepts `token` as a private-app token with `scopes`, forever; `appId` is the private app's id. */
  addPrivateAppToken(token: string, scopes: Iterable<string>, appId?: number): void {
    this.tokens.set(token, {
      token,
      kind: 'private',
      scopes: new Set(scopes),
      appKey: `private:${token}`,
      expiresAt: Infinity,
      ...(appId === undefined ? {} : { appId }),
    })
  }

  registerApp(app: OAuthApp): void {
    this.apps.set(app.clientId, app)
  }

  app(clientId: string): OAuthApp | undefined {
    return this.apps.get(clientId)
  }

  /** Reads an `Authorization: Bearer …` header. */
  authenticate(header: string | null): AuthResult {
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null
    if (!match) return { ok: false, reason: 'missing' }
    const token = this.tokens.get(match[1] as string)
    if (!token) return { ok: false, reason: 'unknown' }
    const now = this.now()
    if (token.expiresAt <= now) {
      return {
        ok: false,
        reason: 'expired',
        expiredSecondsAgo: Math.floor((now - token.expiresAt) / 1000),
      }
    }
    return { ok: true, principal: token }
  }

  /** What the emulated authorize step hands the redirect URI: a one-use code. */
  issueAuthorizationCode(input: {
    clientId: string
    redirectUri: string
    scopes: string[]
  }): string {
    const code = randomUUID()
    this.grants.set(code, { ...input, expiresAt: this.now() + this.codeTtlMs, used: false })
    return code
  }

  /** `grant_type=authorization_code`. */
  exchangeCode(input: { code: string; clientId: string; redirectUri: string }): TokenGrantResult {
    const grant = this.grants.get(input.code)
    if (!grant || grant.clientId !== input.clientId) {
      return { ok: false, status: 'BAD_AUTH_CODE', message: 'missing or unknown auth code' }
    }
    if (grant.used)
      return { ok: false, status: 'BAD_AUTH_CODE', message: 'auth code has already been used' }
    if (grant.expiresAt <= this.now())
      return { ok: false, status: 'BAD_AUTH_CODE', message: 'auth code has expired' }
    if (grant.redirectUri !== input.redirectUri) {
      return {
        ok: false,
        status: 'BAD_REDIRECT_URI',
        message: 'redirect_uri does not match the one used to authorize',
      }
    }
    grant.used = true
    const refreshToken = randomUUID()
    this.refreshTokens.set(refreshToken, { clientId: grant.clientId, scopes: grant.scopes })
    return this.issueAccessToken(grant.clientId, grant.scopes, refreshToken)
  }

  /** `grant_type=refresh_token`: a new access token, same refresh token. */
  refresh(input: { refreshToken: string; clientId: string }): TokenGrantResult {
    const refresh = this.refreshTokens.get(input.refreshToken)
    if (!refresh || refresh.clientId !== input.clientId) {
      return { ok: false, status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token' }
    }
    return this.issueAccessToken(refresh.clientId, refresh.scopes, input.refreshToken)
  }

  /** Revokes a refresh token; false if it was unknown. */
  revokeRefreshToken(token: string): boolean {
    return this.refreshTokens.delete(token)
  }

  refreshTokenInfo(token: string): RefreshToken | undefined {
    return this.refreshTokens.get(token)
  }

  /** An access token's details, with seconds left (undefined when unknown or expired). */
  accessTokenInfo(
    token: string,
  ): { principal: Principal; clientId?: string; expiresIn: number } | undefined {
    const found = this.tokens.get(token)
    if (!found || found.kind !== 'oauth') return undefined
    const expiresIn = Math.floor((found.expiresAt - this.now()) / 1000)
    if (expiresIn <= 0) return undefined
    return { principal: found, clientId: found.clientId, expiresIn }
  }

  private issueAccessToken(
    clientId: string,
    scopes: string[],
    refreshToken: string,
  ): TokenGrantResult {
    const accessToken = `emu-${randomBytes(24).toString('base64url')}`
    this.tokens.set(accessToken, {
      token: accessToken,
      kind: 'oauth',
      scopes: new Set(scopes),
      appKey: `oauth:${clientId}`,
      appId: this.apps.get(clientId)?.appId,
      expiresAt: this.now() + this.accessTokenTtlSeconds * 1000,
      refreshToken,
      clientId,
    })
    return { ok: true, accessToken, refreshToken, expiresIn: this.accessTokenTtlSeconds, scopes }
  }
}
