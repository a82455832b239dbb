/**
 * @module The seam between the backend's routes, webhooks and jobs and the portals they work on:
 * one HubSpot connection per installed portal, shared by every kind of work for that portal, so the
 * card, the webhooks and the nightly rescore all spend one OAuth rate budget (110 calls per 10 s).
 * The OAuth implementation refreshes the portal's token behind the connection; tests may implement
 * it over the emulator with a private-app token.
 */
import type { HubSpotConnection } from '../hubspot/index.ts'

/** HubSpot's burst limit for an OAuth app, per portal: calls per rolling 10 s. */
export const OAUTH_RATE_LIMIT = 110

/** Why a portal has no connection: it never installed the app, or it has uninstalled it. */
export class PortalNotInstalledError extends Error {
  override readonly name = 'PortalNotInstalledError'
  constructor(readonly portalId: number) {
    super(`portal ${portalId} has not installed the app`)
  }
}

export interface PortalConnections {
  /**
   * The portal's one connection (made on first use, then reused), with a token that is fresh when
   * each call is made.
   * @throws PortalNotInstalledError when the portal has no installation, or has uninstalled
   */
  forPortal(portalId: number): Promise<HubSpotConnection>
  /** Closes every connection (on shutdown): pending calls are dropped and sockets destroyed. */
  close(): Promise<void>
}
