/**
 * @module The data layer: everything that talks to HubSpot, always through the official client —
 * connection and limits, gather, the property schema, and write-back.
 */
export { scrubToken, TOKEN_PLACEHOLDER, tokenProblem } from './access-token.ts'
export { CallCounter } from './call-counter.ts'
export { companyChanges } from './company-changes.ts'
export {
  type AccessTokenSource,
  type CallOptions,
  type ConnectionOptions,
  createConnection,
  DEFAULT_RATE_LIMIT,
  type HubSpotConnection,
} from './connection.ts'
export { countCompanies } from './count-companies.ts'
export { DailyLimitError, HubSpotApiError, NotHubSpotError } from './errors.ts'
export { companyIdsChangedSince, gatherPortal } from './gather.ts'
export { gatherLowerBound, type PortalCounts } from './gather-bound.ts'
export {
  type CompanyWithHistory,
  gatherHistory,
  type HistoryGatherOptions,
  type HistoryPage,
  type HistorySource,
} from './gather-history.ts'
export {
  companyProperties,
  ENGAGEMENT_OBJECTS,
  ENGAGEMENT_PROPERTIES,
  historyProperties,
  LIMITS,
  SIGNAL_ENGAGEMENT_TYPES,
  TICKET_PROPERTIES,
} from './gather-plan.ts'
export type { GatheredCompany, GatherFailure, GatherOptions, GatherPage } from './gather-types.ts'
export {
  componentScoreProperty,
  diffProperties,
  HEALTH_PROPERTY_GROUP,
  healthPropertyDefinitions,
  ownedPropertyNames,
  toPropertyValues,
} from './health-properties.ts'
export { ensurePropertySchema, PropertySchemaError, type SchemaReport } from './property-schema.ts'
export { type CompanyRead, readCompany } from './read-company.ts'
export { readRecords } from './read-records.ts'
export { BudgetClosedError } from './rolling-window-budget.ts'
export { searchModifiedSince } from './search-modified.ts'
export { tierTransition, TRANSITION_PROPERTIES } from './tier-transition.ts'
export {
  type BatchEvent,
  type CompanyUpdate,
  writeBack,
  type WriteBackResult,
  type WriteFailure,
} from './write-back.ts'
