/**
 * @module The portals' connections with their calls counted into the metrics: every connection
 * `forPortal` hands out is watched once, so the card, the webhooks and the jobs all count.
 */
import type { HubSpotConnection } from '../hubspot/index.ts'
import type { Metrics } from './metrics.ts'
import type { PortalConnections } from './portal-connections.ts'

/**
 * @example
 * const connections = meteredConnections(createOAuthPortalConnections(...), metrics)
 */
export function meteredConnections(
  connections: PortalConnections,
  metrics: Pick<Metrics, 'watchCalls'>,
): PortalConnections {
  const watched = new WeakSet<HubSpotConnection>()
  return {
    async forPortal(portalId) {
      const connection = await connections.forPortal(portalId)
      if (!watched.has(connection)) {
        watched.add(connection)
        metrics.watchCalls(connection.calls)
      }
      return connection
    },
    close: () => connections.close(),
  }
}
