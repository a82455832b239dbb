/**
 * @fileoverview A small demo portal on the in-process emulator, with the clock fixed at the
 * portal's own moment, so every run and every expected value describe the same instant.
 */
import { createEmulator, type Emulator, type Fixture } from '@health-score/hubspot-emulator'

import { snapshotsFromFixture } from '../../src/demo/fixture-snapshots.ts'
import { generateDemoPortal } from '../../src/demo/index.ts'
import { getDefaultModel, scoreCompany } from '../../src/health/index.ts'
import { createConnection, type HubSpotConnection } from '../../src/hubspot/connection.ts'
import { ownedPropertyNames, toPropertyValues } from '../../src/hubspot/health-properties.ts'

export const BASE = 'https://api.hubapi.com'
export const model = getDefaultModel()

export function createPortal(companies = 60, seed = 7, options: { faults?: string } = {}) {
  const { fixture } = generateDemoPortal({ companies, seed })
  const asOf = Date.parse(fixture.asOf)
  const clock = { now: asOf }
  const emulator = createEmulator({
    fixture,
    now: () => clock.now,
    faults: options.faults,
    seed: 3,
  })
  return { fixture, asOf, clock, emulator }
}

/** A connection whose retries wait a millisecond instead of seconds: faults are injected, not real load. */
export function connect(options: { timeoutMs?: number } = {}): HubSpotConnection {
  return createConnection({
    accessToken: 'emulator-token',
    basePath: BASE,
    rateLimit: 100_000,
    timeoutMs: options.timeoutMs ?? 5_000,
    sleep: () => new Promise((resolve) => setTimeout(resolve, 1)),
  })
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
