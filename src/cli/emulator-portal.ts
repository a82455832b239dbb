/**
 * A portal served by the HubSpot API emulator on loopback: the generated demo portal, or a fixture
 * file. The one module of the CLI that loads the emulator, and only `demo`, `emulator` and
 * `--demo` load it.
 */
import type { Emulator, EmulatorServer, FixtureSource } from '@health-score/hubspot-emulator'
import { createEmulator, parseFaultSpec, startEmulatorServer } from '@health-score/hubspot-emulator'

import { CliError } from './cli-error.ts'
import { DEFAULTS } from './defaults.ts'
import { readFixture } from './read-fixture.ts'

export interface ServeOptions {
  readonly port: number
  /** Calls per 10 s each app may make; the emulator's default (HubSpot's) when omitted. */
  readonly rateLimit?: number
  readonly dailyLimit?: number
  readonly latencyMs?: number
  readonly faults?: string
  readonly token?: string
}

export interface ServedPortal {
  readonly emulator: Emulator
  readonly server: EmulatorServer
  /** The private-app token it accepts, with every scope. */
  readonly token: string
  /** What it serves, for a person: `demo portal (2000 companies, seed 1)`. */
  readonly label: string
}

export interface PortalSource {
  readonly source: FixtureSource
  readonly label: string
}

/** The demo portal as a fixture source: generated company by company, never held twice. */
export async function demoPortalSource(companies: number, seed: number): Promise<PortalSource> {
  const { DEMO_DEFAULTS, demoPropertyDeclarations, iterateDemoPortal } =
    await import('../demo/index.ts')
  return {
    source: {
      ...demoPropertyDeclarations(),
      portalId: DEMO_DEFAULTS.portalId,
      asOf: DEMO_DEFAULTS.asOf,
      bundles: () => iterateDemoPortal({ companies, seed }),
    },
    label: `demo portal (${companies} companies, seed ${seed})`,
  }
}

/**
 * A fixture file (format in shared/DESIGN.md) as a source.
 * @throws CliError when the file cannot be read or is not a fixture
 */
export async function fixtureFileSource(path: string): Promise<PortalSource> {
  return { source: await readFixture(path), label: path }
}

/**
 * Serves a portal on 127.0.0.1 through the emulator.
 * @throws CliError (exit code 2) on a bad fault spec; (exit code 1) when the port is taken
 * @example
 * const portal = await servePortal(await demoPortalSource(20, 1), { port: 0 })
 * // portal.server.url: 'http://127.0.0.1:53817'
 */
export async function servePortal(
  { source, label }: PortalSource,
  options: ServeOptions,
): Promise<ServedPortal> {
  if (options.faults !== undefined) {
    try {
      parseFaultSpec(options.faults)
    } catch (error) {
      throw new CliError(`--faults: ${(error as Error).message}`)
    }
  }
  const token = options.token ?? DEFAULTS.emulatorToken
  const emulator = createEmulator({
    fixture: source,
    token,
    rateLimit: options.rateLimit,
    dailyLimit: options.dailyLimit,
    latencyMs: options.latencyMs,
    faults: options.faults,
  })
  try {
    const server = await startEmulatorServer(emulator, { port: options.port })
    return { emulator, server, token, label }
  } catch (error) {
    throw new CliError(
      `cannot listen on 127.0.0.1:${options.port}: ${(error as Error).message} (try --port 0)`,
      1,
    )
  }
}
