/** The emulator tests' support: a portal per test through `createTestPortal`, and the real client. */
import { Client } from '@hubspot/api-client'
import { onTestFinished } from 'vitest'

import {
  createTestPortal,
  TEST_BASE_PATH as BASE_PATH,
  TEST_TOKEN as TOKEN,
  type TestPortalOptions,
} from '../src/testing/index.ts'

export { BASE_PATH, TOKEN }

/**
 * A test portal of `companies` companies (see `buildTestFixture`), intercepted in-process until the
 * calling test finishes.
 */
export function openPortal(companies: number, options: TestPortalOptions = {}) {
  const portal = createTestPortal({ companies, ...options })
  onTestFinished(portal.listen())
  return { portal, emulator: portal.emulator, clock: portal.clock }
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
