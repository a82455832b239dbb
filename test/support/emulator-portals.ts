/**
 * @fileoverview `PortalConnections` over emulators served on loopback, with each portal's
 * private-app token: one connection per portal, made on first use and reused, limited to the OAuth
 * budget (110 calls per 10 s) like the backend's own, and refused for a portal the store does not
 * hold as installed.
 */
import { TEST_TOKEN } from '@health-score/hubspot-emulator/testing'

import { createConnection, type HubSpotConnection } from '../../src/hubspot/index.ts'
import {
  OAUTH_RATE_LIMIT,
  type PortalConnections,
  PortalNotInstalledError,
  type ServerStore,
} from '../../src/server/index.ts'

export interface EmulatorPortal {
  /** The emulator server's URL (`EmulatorServer.url`). */
  readonly url: string
  /** Default the test portal's private-app token. */
  readonly token?: string
}

/**
 * @example
 * const connections = emulatorPortals(store, { [TEST_PORTAL_ID]: { url: hubspot.url } })
 * onTestFinished(() => connections.close())
 * (await connections.forPortal(TEST_PORTAL_ID)).calls.total // calls made, retries included
 */
export function emulatorPortals(
  store: ServerStore,
  portals: Readonly<Record<number, EmulatorPortal>>,
  options: { readonly rateLimit?: number } = {},
): PortalConnections {
  const open = new Map<number, HubSpotConnection>()
  return {
    async forPortal(portalId) {
      const installation = await store.getInstallation(portalId)
      const portal = portals[portalId]
      if (installation?.status !== 'installed' || !portal)
        throw new PortalNotInstalledError(portalId)
      let conn = open.get(portalId)
      if (!conn) {
        conn = createConnection({
          accessToken: portal.token ?? TEST_TOKEN,
          basePath: portal.url,
          rateLimit: options.rateLimit ?? OAUTH_RATE_LIMIT,
          maxAttempts: 3,
          sleep: () => new Promise((resolve) => setTimeout(resolve, 20)),
        })
        open.set(portalId, conn)
      }
      return conn
    },
    async close() {
      await Promise.all([...open.values()].map((conn) => conn.close()))
      open.clear()
    },
  }
}
