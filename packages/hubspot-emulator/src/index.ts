/** @module The HubSpot API emulator: msw handlers over an in-memory portal, in-process or over HTTP. */
export { type CallCounts } from './policies/call-stats.ts'
export {
  createEmulator,
  DEFAULT_OAUTH_APP,
  type Emulator,
  type EmulatorOptions,
  type EmulatorStats,
} from './create-emulator.ts'
export {
  DEFAULT_SEARCH_LIMITS,
  type EmulatorContext,
  type SearchLimits,
} from './http/emulator-context.ts'
export { parseFaultSpec } from './policies/fault-injector.ts'
export * from './store/fixture.ts'
export { createHandlers } from './handlers/index.ts'
export { hubspotError } from './http/hubspot-error.ts'
export { ALL_SCOPES, OBJECT_TYPES } from './object-types.ts'
export { DEFAULT_RATE_LIMITS } from './policies/rate-limiter.ts'
export { type EmulatorServer, type EmulatorServerOptions, startEmulatorServer } from './server.ts'
export {
  createPortalStore,
  type FixtureSource,
  type PortalBundle,
  type PortalStore,
  type PortalStoreOptions,
  type StreamedFixture,
} from './store/portal-store.ts'
export type { ObjectType, PropertyDefinition, PropertyGroup } from './types.ts'
