/**
 * @module The data layer: everything that talks to HubSpot, always through the official client —
 * connection and limits, gather, the property schema, and write-back.
 */
export { CallCounter } from './call-counter.ts'
export {
  type CallOptions,
  type ConnectionOptions,
  createConnection,
  DEFAULT_RATE_LIMIT,
  type HubSpotConnection,
} from './connection.ts'
export { DailyLimitError, HubSpotApiError } from './errors.ts'
export { companyIdsChangedSince, gatherPortal } from './gather.ts'
export { gatherLowerBound, type PortalCounts } from './gather-bound.ts'
export type { GatherOptions, GatherPage } from './gather-types.ts'
export {
  componentScoreProperty,
  diffProperties,
  HEALTH_PROPERTY_GROUP,
  healthPropertyDefinitions,
  ownedPropertyNames,
  toPropertyValues,
} from './health-properties.ts'
export { ensurePropertySchema, PropertySchemaError, type SchemaReport } from './property-schema.ts'
export { type CompanyUpdate, writeBack, type WriteBackResult } from './write-back.ts'
