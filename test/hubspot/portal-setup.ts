/**
 * @fileoverview The data-layer tests' setup: an emulator portal, a fast connection to it through the
 * real client, and readers for what the emulator stored.
 */
import type { EmulatorOptions } from '@health-score/hubspot-emulator'
import type { SetupServer } from 'msw/node'

import { BASE_PATH, buildEmulator, TOKEN } from '../../packages/hubspot-emulator/test/fixtures.ts'
import { createConnection, type HubSpotConnection } from '../../src/hubspot/connection.ts'

export { BASE_PATH, TOKEN }

/** An emulator with `companies` companies (ids 101, 102, …) served by `server`, and a connection. */
export function setUp(
  server: SetupServer,
  companies = 3,
  options: Partial<EmulatorOptions> = {},
): { emulator: ReturnType<typeof buildEmulator>['emulator']; conn: HubSpotConnection } {
  const { emulator } = buildEmulator(companies, options)
  server.use(...emulator.handlers)
  const conn = createConnection({
    accessToken: TOKEN,
    basePath: BASE_PATH,
    rateLimit: 100_000,
    maxAttempts: 3,
    sleep: async () => {},
  })
  return { emulator, conn }
}

type Emulator = ReturnType<typeof buildEmulator>['emulator']

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
