/**
 * @fileoverview `PortalConnections` over the emulator, with its private-app token: each portal's
 * one connection, limited to the OAuth budget (110 calls per 10 s) as the backend's are.
 */
import { TEST_TOKEN } from '@health-score/hubspot-emulator/testing'

import { createConnection, type HubSpotConnection } from '../../src/hubspot/index.ts'
import {
  OAUTH_RATE_LIMIT,
  type PortalConnections,
  PortalNotInstalledError,
} from '../../src/server/index.ts'

/**
 * Connections to the emulator at `basePath` for the `installed` portals (any portal when omitted),
 * at the OAuth budget unless a test lifts it (`rateLimit`) to run fast in-process.
 * @example
 * const connections = emulatorPortals(server.url, { installed: [12345] })
 */
export function emulatorPortals(
  basePath: string,
  options: { installed?: readonly number[]; token?: string; rateLimit?: number } = {},
): PortalConnections & { readonly made: ReadonlyMap<number, HubSpotConnection> } {
  const made = new Map<number, HubSpotConnection>()
  return {
    made,
    async forPortal(portalId) {
      if (options.installed && !options.installed.includes(portalId))
        throw new PortalNotInstalledError(portalId)
      let connection = made.get(portalId)
      if (!connection) {
        connection = createConnection({
          accessToken: options.token ?? TEST_TOKEN,
          basePath,
          rateLimit: options.rateLimit ?? OAUTH_RATE_LIMIT,
        })
        made.set(portalId, connection)
      }
      return connection
    },
    async close() {
      await Promise.all([...made.values()].map((connection) => connection.close()))
      made.clear()
    },
  }
}
