/** Small in-test portals and a fixed clock for the emulator tests. */
import { Client } from '@hubspot/api-client'

import {
  createEmulator,
  emptyFixture,
  type Emulator,
  type EmulatorOptions,
  type Fixture,
} from '../src/index.ts'

/** The moment the test fixtures describe, and the start of the test clock. */
export const AS_OF = '2026-11-01T00:00:00.000Z'
/** The in-process base path (any absolute URL: msw intercepts it). */
export const BASE_PATH = 'http://hubspot.test'
export const TOKEN = 'emulator-token'

/** A manual clock. */
export function createClock(start = Date.parse(AS_OF)) {
  let now = start
  return {
    now: () => now,
    advance(ms: number) {
      now += ms
    },
  }
}

/**
 * A portal with `companies` companies (ids 101, 102, …); company i has i % 3 tickets and one call,
 * so counts are predictable.
 */
export function buildFixture(companies: number, overrides: Partial<Fixture> = {}): Fixture {
  const fixture: Fixture = emptyFixture(12345, AS_OF)
  let ticketId = 9001
  for (let i = 0; i < companies; i++) {
    const id = String(101 + i)
    fixture.companies.push({
      id,
      properties: {
        name: `Company ${i}`,
        domain: `company${i}.example`,
        annualrevenue: String(1000 * i),
        nps_score: String(i % 11),
        createdate: '2025-01-01T00:00:00.000Z',
        renewal_date: '2026-12-01',
      },
    })
    for (let t = 0; t < i % 3; t++) {
      fixture.tickets.push({
        id: String(ticketId++),
        properties: {
          subject: `Ticket ${t} of ${id}`,
          hs_pipeline: '0',
          hs_pipeline_stage: String(1 + (t % 4)),
          createdate: '2026-10-01T00:00:00.000Z',
        },
        companyIds: [id],
      })
    }
    fixture.calls.push({
      id: String(50_000 + i),
      properties: {
        hs_timestamp: '2026-10-15T12:00:00.000Z',
        hs_call_direction: i % 2 ? 'INBOUND' : 'OUTBOUND',
      },
      companyIds: [id],
    })
  }
  return { ...fixture, ...overrides }
}

/** An emulator over `buildFixture(companies)` on a manual clock. */
export function buildEmulator(companies: number, options: Partial<EmulatorOptions> = {}) {
  const clock = createClock()
  const emulator: Emulator = createEmulator({
    fixture: buildFixture(companies),
    now: clock.now,
    ...options,
  })
  return { emulator, clock }
}

/** A real client pointed at `basePath`. */
export function createClient(basePath = BASE_PATH, accessToken = TOKEN, retries?: number): Client {
  return new Client({
    accessToken,
    basePath,
    ...(retries ? { numberOfApiCallRetries: retries } : {}),
  })
}

/** The fields the tests read from raw JSON bodies. */
export interface JsonBody {
  results: JsonBody[]
  paging?: { next: { after: string } }
  errors: JsonBody[]
  message: string
  id: string
  properties: Record<string, string | null>
  associations: Record<string, { results: unknown[] }>
  context: { ids: string[] }
  calls: { total: number }
}

/** Reads a response body for assertions. */
export function readJson(response: Response): Promise<JsonBody> {
  return response.json() as Promise<JsonBody>
}
