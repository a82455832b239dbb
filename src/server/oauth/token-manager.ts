/**
 * @module Each installed portal's OAuth tokens: sealed at rest, refreshed a margin before they
 * expire, one refresh in flight per portal however many calls want a token at once. A refresh
 * HubSpot refuses for good (the refresh token is dead: the app was uninstalled) marks the
 * installation uninstalled, and every caller then gets `PortalNotInstalledError`.
 */
import type { Logger } from '../../log.ts'
import { PortalNotInstalledError } from '../portal-connections.ts'
import type { InstallationTokens, ServerStore } from '../store/types.ts'
import { installationTokenContext, type TokenCipher } from '../token-cipher.ts'
import {
  type HubSpotOAuth,
  HubSpotOAuthError,
  type TokenGrant,
  type TokenInfo,
} from './hubspot-oauth.ts'

/** How long before expiry a token is refreshed: calls queued behind the rate limit still find it good. */
export const REFRESH_MARGIN_MS = 5 * 60 * 1000

export interface TokenManagerOptions {
  readonly store: ServerStore
  readonly cipher: TokenCipher
  readonly oauth: HubSpotOAuth
  readonly logger: Logger
  /** Epoch ms; default `Date.now`. */
  readonly now?: () => number
  readonly refreshMarginMs?: number
}

/** What an install stored. */
export interface InstalledPortal extends TokenInfo {
  /** When the access token expires, epoch ms. */
  readonly expiresAt: number
}

/**
 * The one holder of plain tokens: installs exchange their code here, and connections ask it for
 * a token before each call (it is their `AccessTokenSource`).
 * @example
 * const tokens = new TokenManager({ store, cipher: new TokenCipher(config.tokenKey), oauth, logger })
 * const conn = createConnection({ accessToken: (stale) => tokens.accessToken(portalId, stale) })
 */
export class TokenManager {
  private readonly refreshing = new Map<number, Promise<string>>()
  private readonly now: () => number
  private readonly margin: number

  constructor(private readonly options: TokenManagerOptions) {
    this.now = options.now ?? Date.now
    this.margin = options.refreshMarginMs ?? REFRESH_MARGIN_MS
  }

  /**
   * Exchanges an authorization code, reads whose it is, and stores the installation (sealed).
   * @throws HubSpotOAuthError when HubSpot refuses the code or cannot be reached
   */
  async install(code: string, redirectUri: string): Promise<InstalledPortal> {
    const { oauth, store } = this.options
    const grant = await oauth.exchangeCode(code, redirectUri)
    const info = await oauth.tokenInfo(grant.accessToken)
    const now = this.now()
    const tokens = this.seal(info.portalId, grant, grant.refreshToken, now)
    await store.saveInstallation({ ...info, tokens }, now)
    return { ...info, expiresAt: tokens.expiresAt }
  }

  /**
   * A token good for a call now: the stored one, or a refreshed one when it is within the margin
   * of expiry, or is `stale` (HubSpot just refused it as expired).
   * @throws PortalNotInstalledError when the portal has no installation, or its refresh token is dead
   * @throws HubSpotOAuthError when a refresh is due and HubSpot cannot be reached
   */
  async accessToken(portalId: number, stale?: string): Promise<string> {
    const inFlight = this.refreshing.get(portalId)
    if (inFlight) return inFlight
    const tokens = await this.tokensOf(portalId)
    const token = this.open(portalId, 'access', tokens.accessToken)
    if (token !== stale && !this.due(tokens)) return token
    return this.refresh(portalId, stale)
  }

  /** The one refresh of this portal in flight, started if there is none. */
  private refresh(portalId: number, stale: string | undefined): Promise<string> {
    let refresh = this.refreshing.get(portalId)
    if (!refresh) {
      refresh = this.refreshNow(portalId, stale).finally(() => this.refreshing.delete(portalId))
      this.refreshing.set(portalId, refresh)
    }
    return refresh
  }

  private async refreshNow(portalId: number, stale: string | undefined): Promise<string> {
    const { oauth, store, logger } = this.options
    // Read again inside the one flight: a refresh that just finished leaves nothing to do.
    const tokens = await this.tokensOf(portalId)
    const current = this.open(portalId, 'access', tokens.accessToken)
    const refused = current === stale
    if (!refused && !this.due(tokens)) return current
    const refreshToken = this.open(portalId, 'refresh', tokens.refreshToken)
    let grant: TokenGrant
    try {
      grant = await oauth.refresh(refreshToken)
    } catch (error) {
      if (error instanceof HubSpotOAuthError && error.invalidGrant) {
        await store.markUninstalled(portalId, this.now())
        logger.warn(
          { portalId, code: error.code },
          'HubSpot refused the refresh token: the portal is marked uninstalled',
        )
        throw new PortalNotInstalledError(portalId)
      }
      const detail = error instanceof Error ? error.message : String(error)
      if (!refused && tokens.expiresAt > this.now()) {
        logger.warn(
          { portalId, error: detail },
          'token refresh failed: the current token is used until it expires',
        )
        return current
      }
      throw error
    }
    const now = this.now()
    const fresh = this.seal(portalId, grant, grant.refreshToken || refreshToken, now)
    try {
      await store.updateTokens(portalId, fresh, now)
    } catch (error) {
      // Uninstalled while the refresh was in flight.
      if ((await store.getInstallation(portalId))?.status !== 'installed')
        throw new PortalNotInstalledError(portalId)
      throw error
    }
    logger.debug({ portalId, expiresAt: fresh.expiresAt }, 'token refreshed')
    return grant.accessToken
  }

  private due(tokens: InstallationTokens): boolean {
    return tokens.expiresAt - this.margin <= this.now()
  }

  private async tokensOf(portalId: number): Promise<InstallationTokens> {
    const installation = await this.options.store.getInstallation(portalId)
    if (installation?.status !== 'installed' || !installation.tokens)
      throw new PortalNotInstalledError(portalId)
    return installation.tokens
  }

  private open(portalId: number, which: 'access' | 'refresh', sealed: string): string {
    return this.options.cipher.open(sealed, installationTokenContext(portalId, which))
  }

  private seal(
    portalId: number,
    grant: TokenGrant,
    refreshToken: string,
    now: number,
  ): InstallationTokens {
    const { cipher } = this.options
    return {
      accessToken: cipher.seal(grant.accessToken, installationTokenContext(portalId, 'access')),
      refreshToken: cipher.seal(refreshToken, installationTokenContext(portalId, 'refresh')),
      expiresAt: now + grant.expiresIn * 1000,
    }
  }
}
