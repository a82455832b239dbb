/**
 * @module `PortalConnections` over OAuth: one connection per installed portal, made on first use
 * and kept, paced at the OAuth budget and fed its token by the `TokenManager` before each call.
 * The store says whether a portal is installed on every `forPortal`, so an uninstall (a dead
 * refresh token, or an uninstall event) takes effect on the next request.
 */
import {
  type ConnectionOptions,
  createConnection,
  type HubSpotConnection,
} from '../../hubspot/index.ts'
import {
  OAUTH_RATE_LIMIT,
  type PortalConnections,
  PortalNotInstalledError,
} from '../portal-connections.ts'
import type { ServerStore } from '../store/types.ts'
import type { TokenManager } from './token-manager.ts'

export interface OAuthPortalConnectionsOptions {
  readonly store: ServerStore
  readonly tokens: Pick<TokenManager, 'accessToken'>
  /** HubSpot's API, or the emulator's (`config.apiBaseUrl`). */
  readonly apiBaseUrl: string
  /** More connection settings (attempts, timeouts); the token, base path and budget are fixed here. */
  readonly connection?: Omit<ConnectionOptions, 'accessToken' | 'basePath' | 'rateLimit'>
}

/**
 * The backend's portal connections.
 * @example
 * const connections = createOAuthPortalConnections({ store, tokens, apiBaseUrl: config.apiBaseUrl })
 * const conn = await connections.forPortal(portalId) // PortalNotInstalledError if not installed
 */
export function createOAuthPortalConnections(
  options: OAuthPortalConnectionsOptions,
): PortalConnections {
  const { store, tokens } = options
  const connections = new Map<number, HubSpotConnection>()
  let closed = false

  return {
    async forPortal(portalId) {
      if (closed) throw new Error('the portal connections are closed (the server is stopping)')
      const installation = await store.getInstallation(portalId)
      if (installation?.status !== 'installed') {
        const stale = connections.get(portalId)
        connections.delete(portalId)
        await stale?.close()
        throw new PortalNotInstalledError(portalId)
      }
      let connection = connections.get(portalId)
      if (!connection) {
        connection = createConnection({
          ...options.connection,
          accessToken: (stale) => tokens.accessToken(portalId, stale),
          basePath: options.apiBaseUrl,
          rateLimit: OAUTH_RATE_LIMIT,
        })
        connections.set(portalId, connection)
      }
      return connection
    },
    async close() {
      closed = true
      const all = [...connections.values()]
      connections.clear()
      await Promise.all(all.map((connection) => connection.close()))
    },
  }
}
