/** The emulator: a portal store, the msw handlers over it, and the knobs (auth, limits, faults, latency). */
import type { HttpHandler } from 'msw'

import { createHandlers } from './handlers/index.ts'
import {
  DEFAULT_SEARCH_LIMITS,
  type EmulatorContext,
  type SearchLimits,
} from './http/emulator-context.ts'
import { ALL_SCOPES } from './object-types.ts'
import { type CallCounts, CallStats } from './policies/call-stats.ts'
import { FaultInjector } from './policies/fault-injector.ts'
import { DEFAULT_RATE_LIMITS, RateLimiter, type RateLimitOptions } from './policies/rate-limiter.ts'
import { type OAuthApp, TokenRegistry } from './policies/token-registry.ts'
import { createPortalStore, type FixtureSource, type PortalStore } from './store/portal-store.ts'
import type { ObjectType } from './types.ts'
import type { WebhookConfigInput } from './webhooks/webhook-config.ts'
import { WebhookDispatcher } from './webhooks/webhook-dispatcher.ts'

export interface EmulatorOptions {
  fixture: FixtureSource
  /** The private-app token accepted with every scope. Default `emulator-token`. */
  token?: string
  /** Burst requests per rolling window per app. Default 190. */
  rateLimit?: number
  /** The rolling window of the burst limit, ms. Default 10,000. */
  rateLimitWindowMs?: number
  /** Requests per day per account. Default 1,000,000. */
  dailyLimit?: number
  /** Search requests per second per account. Default 5. */
  searchPerSecond?: number
  /** Search filter-count limits. Default 5 groups, 10 per group, 25 in all. */
  searchLimits?: Partial<SearchLimits>
  /** Delay added to every API response, ms. */
  latencyMs?: number
  /** Fault spec, e.g. `"429:0.05,500:0.02,timeout:0.01,partial:0.05"`. */
  faults?: string
  /** Seed of the fault draws. Default 1. */
  seed?: number
  /** The clock, epoch ms. Default `Date.now`. */
  now?: () => number
  /** OAuth apps that may use the token endpoint. Default one app: `emulator-client-id` / `emulator-client-secret`. */
  oauthApps?: OAuthApp[]
  /** Lifetime of OAuth access tokens, seconds. Default 1800. */
  accessTokenTtlSeconds?: number
  /** The id of the app behind `token`, reported as webhooks' `sourceId`. Default 1 (the default OAuth app's). */
  tokenAppId?: number
  /** The app's webhook settings; without them no webhook is sent (until `PUT /__emulator/webhooks`). */
  webhooks?: WebhookConfigInput
}

/** What `GET /__emulator/stats` answers. */
export interface EmulatorStats {
  calls: CallCounts
  objects: Record<ObjectType, number>
}

/** A running emulator (in-process: no port until `startEmulatorServer`). */
export interface Emulator {
  readonly store: PortalStore
  readonly handlers: HttpHandler[]
  readonly context: EmulatorContext
  stats(): EmulatorStats
  /**
   * The emulator's scope table for the endpoints called since the last reset: each endpoint, named as
   * `stats().calls.byEndpoint` names it, with the scopes it accepts (any one suffices).
   */
  endpointScopes(): Record<string, string[]>
  resetStats(): void
  /** Accepts another private-app token with only `scopes` (e.g. to test a 403). */
  addPrivateAppToken(token: string, scopes: Iterable<string>): void
  /** Issues an authorization code, as the authorize step does after a user consents. */
  issueAuthorizationCode(input: { clientId: string; redirectUri: string; scopes: string[] }): string
  /**
   * Injects `spec`'s faults (seeded by `seed`, default 1) from the next call on; undefined stops.
   * @throws Error when `spec` is not a valid fault spec.
   */
  setFaults(spec: string | undefined, seed?: number): void
  /** Answers every request hung by the `timeout` fault (with a 504), e.g. before shutting down. */
  releaseHungRequests(): void
  /** Webhook delivery: `configure(settings)`, `stats()`, `flush()`. */
  readonly webhooks: WebhookDispatcher
  /** Stops the emulator's own work: answers hung requests and stops webhook delivery for good. */
  close(): Promise<void>
}

/** The default OAuth app. */
export const DEFAULT_OAUTH_APP: OAuthApp = {
  clientId: 'emulator-client-id',
  clientSecret: 'emulator-client-secret',
  appId: 1,
}

/**
 * Builds an emulator over a fixture.
 * @throws Error when `faults` is not a valid spec or `webhooks` are invalid settings.
 * @example
 * const emulator = createEmulator({ fixture, now: () => clock })
 * const server = setupServer(...emulator.handlers)
 */
export function createEmulator(options: EmulatorOptions): Emulator {
  const now = options.now ?? Date.now
  const store = createPortalStore(options.fixture, { now })
  const tokens = new TokenRegistry(now, options.accessTokenTtlSeconds)
  tokens.addPrivateAppToken(
    options.token ?? 'emulator-token',
    ALL_SCOPES,
    options.tokenAppId ?? DEFAULT_OAUTH_APP.appId,
  )
  for (const app of options.oauthApps ?? [DEFAULT_OAUTH_APP]) tokens.registerApp(app)
  const limits: RateLimitOptions = {
    burst: options.rateLimit ?? DEFAULT_RATE_LIMITS.burst,
    windowMs: options.rateLimitWindowMs ?? DEFAULT_RATE_LIMITS.windowMs,
    daily: options.dailyLimit ?? DEFAULT_RATE_LIMITS.daily,
    searchPerSecond: options.searchPerSecond ?? DEFAULT_RATE_LIMITS.searchPerSecond,
  }
  const context: EmulatorContext = {
    store,
    tokens,
    limiter: new RateLimiter(limits, now, `publicapi:private-apps:${store.portalId}`),
    faults: new FaultInjector(options.faults, options.seed ?? 1),
    stats: new CallStats(),
    latencyMs: options.latencyMs ?? 0,
    searchLimits: { ...DEFAULT_SEARCH_LIMITS, ...options.searchLimits },
    hung: new Set(),
    webhooks: new WebhookDispatcher(store, options.webhooks),
  }
  const releaseHungRequests = () => {
    for (const release of [...context.hung]) release()
  }
  return {
    store,
    handlers: createHandlers(context),
    context,
    stats: () => ({ calls: context.stats.snapshot(), objects: store.counts() }),
    endpointScopes: () => context.stats.endpointScopes(),
    resetStats: () => context.stats.reset(),
    addPrivateAppToken: (token, scopes) => tokens.addPrivateAppToken(token, scopes),
    issueAuthorizationCode: (input) => tokens.issueAuthorizationCode(input),
    setFaults(spec, seed = 1) {
      context.faults = new FaultInjector(spec, seed)
    },
    releaseHungRequests,
    webhooks: context.webhooks,
    close() {
      releaseHungRequests()
      return context.webhooks.close()
    },
  }
}
