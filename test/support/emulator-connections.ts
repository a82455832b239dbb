/**
 * @fileoverview `PortalConnections` for backend tests: each installed portal's one connection to an
 * emulator, authenticated with a token the emulator accepts (its private-app token) instead of an
 * OAuth token, at the OAuth burst limit. It asks the store, as the OAuth implementation does, so an
 * uninstalled portal has no connection.
 */
import { createConnection, type HubSpotConnection } from '../../src/hubspot/index.ts'
import {
  OAUTH_RATE_LIMIT,
  type PortalConnections,
  PortalNotInstalledError,
  type ServerStore,
} from '../../src/server/index.ts'

export interface EmulatorConnectionsOptions {
  readonly store: Pick<ServerStore, 'getInstallation'>
  /** The emulator's base URL, by portal id (one emulator per portal), or one for every portal. */
  readonly basePath: string | ((portalId: number) => string)
  /** The token each portal's emulator accepts. */
  readonly token: string | ((portalId: number) => string)
}

/** One connection per installed portal, made on first use, closed together. */
export class EmulatorConnections implements PortalConnections {
  private readonly connections = new Map<number, HubSpotConnection>()

  constructor(private readonly options: EmulatorConnectionsOptions) {}

  async forPortal(portalId: number): Promise<HubSpotConnection> {
    const installation = await this.options.store.getInstallation(portalId)
    if (installation?.status !== 'installed') throw new PortalNotInstalledError(portalId)
    let connection = this.connections.get(portalId)
    if (!connection) {
      const { basePath, token } = this.options
      connection = createConnection({
        accessToken: typeof token === 'string' ? token : token(portalId),
        basePath: typeof basePath === 'string' ? basePath : basePath(portalId),
        rateLimit: OAUTH_RATE_LIMIT,
        maxAttempts: 3,
        timeoutMs: 5_000,
      })
      this.connections.set(portalId, connection)
    }
    return connection
  }

  /** The calls each portal's connection made, by portal. */
  callsByPortal(): Map<number, number> {
    return new Map([...this.connections].map(([id, conn]) => [id, conn.calls.total]))
  }

  async close(): Promise<void> {
    const all = [...this.connections.values()]
    this.connections.clear()
    await Promise.all(all.map((connection) => connection.close()))
  }
}
