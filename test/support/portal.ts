/**
 * @fileoverview The app tests' one portal set-up, built on the emulator package's
 * `createTestPortal`: a fast connection through the real client, the demo portal on a manual clock,
 * and what the app expects to find written (these need app code, so they live here).
 */
import type { Fixture } from '@health-score/hubspot-emulator'
import {
  createTestPortal,
  TEST_AS_OF as AS_OF,
  TEST_BASE_PATH as BASE_PATH,
  TEST_TOKEN as TOKEN,
  type TestPortal,
  type TestPortalOptions,
} from '@health-score/hubspot-emulator/testing'
import type { Client } from '@hubspot/api-client'
import type { SetupServer } from 'msw/node'

import { generateDemoPortal, snapshotsFromFixture } from '../../src/demo/index.ts'
import { getDefaultModel, scoreCompany } from '../../src/health/index.ts'
import { createConnection, type HubSpotConnection } from '../../src/hubspot/index.ts'
import { ownedPropertyNames, toPropertyValues } from '../../src/hubspot/index.ts'

export { AS_OF, BASE_PATH, TOKEN }
export const model = getDefaultModel()

type Emulator = TestPortal['emulator']

export interface ConnectOptions {
  readonly token?: string
  /** Default 3. */
  readonly maxAttempts?: number
  readonly timeoutMs?: number
  /** What a retry waits, ms (injected faults are not real load). Default 0. */
  readonly retryWaitMs?: number
}

/** A connection to the in-process portal that is never throttled by its own limiter. */
export function connect(options: ConnectOptions = {}): HubSpotConnection {
  const wait = options.retryWaitMs ?? 0
  return createConnection({
    accessToken: options.token ?? TOKEN,
    basePath: BASE_PATH,
    rateLimit: 1e6,
    searchPerSecond: 1e6,
    maxAttempts: options.maxAttempts ?? 3,
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    sleep: wait > 0 ? () => new Promise((resolve) => setTimeout(resolve, wait)) : async () => {},
  })
}

/** A test portal of `companies` companies served by `server`, and a connection to it. */
export function setUp(
  server: SetupServer,
  companies = 3,
  options: TestPortalOptions = {},
): { emulator: Emulator; conn: HubSpotConnection; portal: TestPortal } {
  const portal = createTestPortal({ companies, ...options })
  server.use(...portal.handlers)
  return { emulator: portal.emulator, conn: connect(), portal }
}

/** The demo portal (`companies`, `seed`) on a clock fixed at its own moment. */
export function demoPortal(
  companies = 60,
  seed = 7,
  options: { faults?: string; dailyLimit?: number; rateLimits?: boolean } = {},
) {
  const { fixture } = generateDemoPortal({ companies, seed })
  const portal = createTestPortal({
    fixture,
    faults: options.faults,
    dailyLimit: options.dailyLimit,
    ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
    seed: 3,
  })
  return {
    fixture,
    asOf: Date.parse(fixture.asOf),
    clock: portal.clock,
    emulator: portal.emulator,
    handlers: portal.handlers,
  }
}

/** The values the emulator stored for `name` on company `id`, newest first (one per write). */
export function historyOf(emulator: Emulator, id: string, name: string): string[] {
  const table = emulator.store.table('companies')
  return table.history(table.rowOf(id), name).map((entry) => entry.value)
}

/** The current value of `name` on company `id` in the emulator. */
export function valueOf(emulator: Emulator, id: string, name: string): string | null {
  const table = emulator.store.table('companies')
  return table.value(table.rowOf(id), name)
}

/** Calls the emulator counted on `endpoint`, e.g. `POST /crm/v3/properties/companies`. */
export function callsTo(emulator: Emulator, endpoint: string): number {
  return emulator.stats().calls.byEndpoint[endpoint] ?? 0
}

/** What the engine says each company's properties should be, from the fixture itself. */
export function expectedValues(
  fixture: Fixture,
  asOf: number,
): Map<string, Record<string, string>> {
  const expected = new Map<string, Record<string, string>>()
  for (const snapshot of snapshotsFromFixture(fixture, asOf)) {
    const result = scoreCompany(snapshot, model)
    if (result.success) expected.set(snapshot.companyId, toPropertyValues(result.value, model))
  }
  return expected
}

/**
 * Every company's app-owned values and how many times `health_score` was written, read from the
 * emulator's store (not through the API, so that injected faults cannot disturb the check).
 */
export function readOwned(emulator: Emulator, ids: string[]) {
  const table = emulator.store.table('companies')
  const names = ownedPropertyNames(model)
  const values = new Map<string, Record<string, string | null>>()
  const writes = new Map<string, number>()
  for (const id of ids) {
    const row = table.rowOf(id)
    values.set(id, Object.fromEntries(names.map((name) => [name, table.value(row, name)])))
    writes.set(id, table.history(row, 'health_score').filter((entry) => entry.value !== '').length)
  }
  return { values, writes }
}

/** HubSpot's ticket-to-company association type (HUBSPOT_DEFINED 339). */
const TICKET_TO_COMPANY = [
  { associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 339 },
]

/**
 * Creates a ticket associated to `companyId` through the real client, as a user's HubSpot would.
 * @example
 * await createTicketFor(client, '101', { subject: 'Outage', hs_pipeline_stage: '1' })
 */
export function createTicketFor(
  client: Client,
  companyId: string,
  properties: Record<string, string>,
): Promise<unknown> {
  return client.crm.tickets.basicApi.create({
    properties,
    associations: [{ to: { id: companyId }, types: TICKET_TO_COMPANY }],
  })
}
