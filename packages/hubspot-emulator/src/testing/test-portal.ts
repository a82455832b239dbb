/** One way for tests to stand up a portal: an emulator on a manual clock, reachable by the real client. */
import type { HttpHandler } from 'msw'
import { setupServer } from 'msw/node'

import { createEmulator, type Emulator, type EmulatorOptions } from '../create-emulator.ts'
import { type EmulatorServer, type EmulatorServerOptions, startEmulatorServer } from '../server.ts'
import type { FixtureSource } from '../store/portal-store.ts'
import { createManualClock, type ManualClock } from './manual-clock.ts'
import { buildTestFixture } from './test-fixture.ts'

/** The base path the client uses in-process: any absolute URL works, msw intercepts it. */
export const TEST_BASE_PATH = 'http://hubspot.test'
/** The private-app token a test portal accepts with every scope. */
export const TEST_TOKEN = 'emulator-token'

const UNLIMITED = { rateLimit: 1e9, dailyLimit: 1e9, searchPerSecond: 1e9 } as const

export interface TestPortalOptions extends Omit<EmulatorOptions, 'fixture' | 'now'> {
  /** The portal; default `buildTestFixture(companies)`. */
  fixture?: FixtureSource
  /** Companies of the generated portal when no `fixture` is given. Default 3. */
  companies?: number
  /** Where the manual clock starts; default the fixture's `asOf`, so no time in it is shifted. */
  startAt?: number | string
  /** `false` lifts the burst, daily and search limits out of the way. Default true (HubSpot's). */
  rateLimits?: boolean
  /** The base path for in-process use. Default `http://hubspot.test`. */
  basePath?: string
}

/** A portal for one test. */
export interface TestPortal {
  readonly emulator: Emulator
  readonly clock: ManualClock
  readonly handlers: HttpHandler[]
  /** Where the client reaches the portal in-process (after `listen()`). */
  readonly basePath: string
  readonly token: string
  /** `{ accessToken, basePath }`: `new Client(portal.clientOptions)` talks to this portal. */
  readonly clientOptions: { accessToken: string; basePath: string }
  /**
   * Intercepts `fetch` in this process with msw (a request no handler serves is an error) until
   * the returned function is called, which also stops the emulator (webhook delivery included).
   */
  listen(): () => void
  /** Serves the portal over HTTP on loopback instead; close the server when done. */
  serve(options?: EmulatorServerOptions): Promise<EmulatorServer>
}

/**
 * Creates a portal for a test: a fixture (or a small generated one), a manual clock starting at
 * its `asOf`, and an emulator with `options`.
 * @example
 * const portal = createTestPortal({ companies: 5 })
 * onTestFinished(portal.listen())
 * const client = new Client(portal.clientOptions)
 */
export function createTestPortal(options: TestPortalOptions = {}): TestPortal {
  const {
    fixture = buildTestFixture(options.companies ?? 3),
    companies: _companies,
    startAt,
    rateLimits = true,
    basePath = TEST_BASE_PATH,
    ...emulatorOptions
  } = options
  const clock = createManualClock(startAt ?? asOfOf(fixture))
  const token = emulatorOptions.token ?? TEST_TOKEN
  const emulator = createEmulator({
    ...(rateLimits ? {} : UNLIMITED),
    ...emulatorOptions,
    fixture,
    now: clock.now,
  })
  return {
    emulator,
    clock,
    handlers: emulator.handlers,
    basePath,
    token,
    clientOptions: { accessToken: token, basePath },
    listen() {
      const server = setupServer(...emulator.handlers)
      server.listen({ onUnhandledRequest: 'error' })
      return () => {
        void emulator.close()
        server.close()
      }
    },
    serve: (serverOptions) => startEmulatorServer(emulator, serverOptions),
  }
}

function asOfOf(source: FixtureSource): string {
  return typeof source === 'function' ? source().asOf : source.asOf
}
