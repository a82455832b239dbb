/** @module The deterministic demo portal generator, with hidden ground truth for calibration. */
export {
  DEMO_COMPANY_PROPERTIES,
  DEMO_PROPERTY_GROUP,
  demoPropertyDeclarations,
} from './custom-properties.ts'
export { snapshotsFromFixture } from './fixture-snapshots.ts'
export { DEMO_DEFAULTS, generateDemoPortal, iterateDemoPortal } from './generate.ts'
export { churnProbability } from './renewals.ts'
export { SEGMENT_PROFILES, type SegmentProfile } from './segments.ts'
export { churnsWithin, latentOnDate, monthGrid } from './truth.ts'
export {
  type CompanyTruth,
  type DemoCompanyBundle,
  type DemoPortalOptions,
  type RenewalTruth,
  SEGMENT,
  type SegmentValue,
} from './types.ts'
export { fixtureJsonChunks, writeFixtureFile } from './write-fixture.ts'
