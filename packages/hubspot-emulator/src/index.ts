/**
 * @module The HubSpot API emulator: msw handlers over an in-memory portal, used in-process (msw's
 * `setupServer`) or served over HTTP. Test helpers live in `@health-score/hubspot-emulator/testing`.
 */
export {
  createEmulator,
  DEFAULT_OAUTH_APP,
  type Emulator,
  type EmulatorOptions,
  type EmulatorStats,
} from './create-emulator.ts'
export { createHandlers } from './handlers/index.ts'
export {
  DEFAULT_SEARCH_LIMITS,
  type EmulatorContext,
  type SearchLimits,
} from './http/emulator-context.ts'
export { hubspotError } from './http/hubspot-error.ts'
export { ALL_SCOPES, OBJECT_TYPES, SINGULAR_NAMES } from './object-types.ts'
export { type CallCounts } from './policies/call-stats.ts'
export { parseFaultSpec } from './policies/fault-injector.ts'
export { DEFAULT_RATE_LIMITS } from './policies/rate-limiter.ts'
export type { OAuthApp } from './policies/token-registry.ts'
export { type EmulatorServer, type EmulatorServerOptions, startEmulatorServer } from './server.ts'
export type { ChangeListener, ChangeSource, StoreChange } from './store/change-feed.ts'
export * from './store/fixture.ts'
export {
  createPortalStore,
  type FixtureSource,
  type PortalBundle,
  type PortalStore,
  type PortalStoreOptions,
  type StreamedFixture,
  type WriteSource,
} from './store/portal-store.ts'
export type { PropertyCreate, PropertyGroupCreate } from './store/property-input.ts'
export { STANDARD_GROUPS, standardDefinitions } from './store/standard-properties.ts'
export type {
  FieldType,
  ObjectType,
  PropertyDefinition,
  PropertyGroup,
  PropertyType,
} from './types.ts'
export { type SignatureHeaders, signRequest } from './webhooks/signature.ts'
export {
  GENERIC_SUBSCRIPTION_TYPES,
  LEGACY_SUBSCRIPTION_TYPES,
  parseWebhookConfig,
  type Subscription,
  type SubscriptionType,
  WEBHOOK_OBJECT_NAMES,
  type WebhookConfig,
  type WebhookConfigInput,
} from './webhooks/webhook-config.ts'
export {
  type PublicWebhookConfig,
  WebhookDispatcher,
  type WebhookStats,
} from './webhooks/webhook-dispatcher.ts'
export type { WebhookEvent } from './webhooks/webhook-events.ts'
