/**
 * @fileoverview `PortalConnections` for backend tests: each portal's one connection to an emulator,
 * authenticated with a token the emulator accepts (its private-app token) instead of an OAuth token,
 * at the OAuth burst limit (110 per 10 s) unless a test lifts it to run fast in-process. Like the
 * OAuth implementation it asks the store, so an uninstalled portal has no connection; or, for a test
 * with no installations, a fixed list of portals.
 */
import { TEST_TOKEN } from '@health-score/hubspot-emulator/testing'

import { createConnection, type HubSpotConnection } from '../../src/hubspot/index.ts'
import {
  OAUTH_RATE_LIMIT,
  type PortalConnections,
  PortalNotInstalledError,
  type ServerStore,
} from '../../src/server/index.ts'

export interface EmulatorConnectionsOptions {
  /** The emulator's base URL, by portal id (one emulator per portal), or one for every portal. */
  readonly basePath: string | ((portalId: number) => string)
  /** The token each portal's emulator accepts (default: the emulator's private-app token). */
  readonly token?: string | ((portalId: number) => string)
  /** Which portals are installed: the store's installations, or a list (default: every portal). */
  readonly installed?: Pick<ServerStore, 'getInstallation'> | readonly number[]
  /** Calls per rolling 10 s (default: the OAuth budget). */
  readonly rateLimit?: number
}

/**
 * One connection per installed portal, made on first use, closed together.
 * @example
 * const connections = new EmulatorConnections({ basePath: hubspot.url, installed: store })
 * onTestFinished(() => connections.close())
 */
export class EmulatorConnections implements PortalConnections {
  private readonly connections = new Map<number, HubSpotConnection>()

  constructor(private readonly options: EmulatorConnectionsOptions) {}

  async forPortal(portalId: number): Promise<HubSpotConnection> {
    if (!(await this.isInstalled(portalId))) throw new PortalNotInstalledError(portalId)
    let connection = this.connections.get(portalId)
    if (!connection) {
      const { basePath, token = TEST_TOKEN } = this.options
      connection = createConnection({
        accessToken: typeof token === 'string' ? token : token(portalId),
        basePath: typeof basePath === 'string' ? basePath : basePath(portalId),
        rateLimit: this.options.rateLimit ?? OAUTH_RATE_LIMIT,
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

  private async isInstalled(portalId: number): Promise<boolean> {
    const { installed } = this.options
    if (installed === undefined) return true
    if (Array.isArray(installed)) return installed.includes(portalId)
    const installation = await (installed as Pick<ServerStore, 'getInstallation'>).getInstallation(
      portalId,
    )
    return installation?.status === 'installed'
  }
}
