/** What every handler needs: the portal and the machinery around it. */
import type { CallStats } from '../policies/call-stats.ts'
import type { FaultInjector } from '../policies/fault-injector.ts'
import type { RateLimiter } from '../policies/rate-limiter.ts'
import type { TokenRegistry } from '../policies/token-registry.ts'
import type { PortalStore } from '../store/portal-store.ts'
import type { WebhookDispatcher } from '../webhooks/webhook-dispatcher.ts'

/** Search filter-count limits (HubSpot changed them in 2024; configurable). */
export interface SearchLimits {
  maxFilterGroups: number
  maxFiltersPerGroup: number
  maxFilters: number
}

export const DEFAULT_SEARCH_LIMITS: SearchLimits = {
  maxFilterGroups: 5,
  maxFiltersPerGroup: 10,
  maxFilters: 25,
}

/** The shared state the handlers are built over. */
export interface EmulatorContext {
  store: PortalStore
  tokens: TokenRegistry
  limiter: RateLimiter
  faults: FaultInjector
  stats: CallStats
  latencyMs: number
  searchLimits: SearchLimits
  /** Releases for requests hung by the `timeout` fault, so closing the emulator can answer them. */
  hung: Set<() => void>
  /** Webhook delivery of the portal's changes. */
  webhooks: WebhookDispatcher
}
