/**
 * @module Test helpers: one `createTestPortal(...)` (a fixture or a small generated portal, a manual
 * clock, emulator options) and its in-process msw lifecycle, for tests that drive the real
 * `@hubspot/api-client` against the emulator. No test framework is assumed.
 */
export { createManualClock, type ManualClock } from './manual-clock.ts'
export {
  buildTestFixture,
  TEST_AS_OF,
  TEST_COMPANY_PROPERTIES,
  TEST_PORTAL_ID,
} from './test-fixture.ts'
export {
  createTestPortal,
  TEST_BASE_PATH,
  TEST_TOKEN,
  type TestPortal,
  type TestPortalOptions,
} from './test-portal.ts'
