import type { Emulator, EmulatorServer, FixtureSource } from '@health-score/hubspot-emulator'
import { createEmulator, startEmulatorServer } from '@health-score/hubspot-emulator'

/**
 * The demo portal's burst limit, calls per 10 s: ten times a Professional portal's, so the demo
 * finishes in seconds. `--rate-limit 190` shows HubSpot's own pace.
 */
export const DEMO_RATE_LIMIT = 2000

export interface DemoPortalOptions {
  readonly companies: number
  readonly seed: number
  readonly port?: number
  readonly rateLimit?: number
  readonly latencyMs?: number
  readonly faults?: string
}

export interface DemoPortal {
  readonly emulator: Emulator
  readonly server: EmulatorServer
  readonly token: string
  readonly label: string
}

/** The demo portal as a fixture source: generated company by company, never held twice. */
export async function demoPortalSource(companies: number, seed: number): Promise<FixtureSource> {
  const { DEMO_DEFAULTS, demoPropertyDeclarations, iterateDemoPortal } =
    await import('../demo/index.ts')
  return {
    ...demoPropertyDeclarations(),
    portalId: DEMO_DEFAULTS.portalId,
    asOf: DEMO_DEFAULTS.asOf,
    bundles: () => iterateDemoPortal({ companies, seed }),
  }
}

/** Generates the demo portal and serves it on loopback through the emulator. */
export async function startDemoPortal(options: DemoPortalOptions): Promise<DemoPortal> {
  const emulator = createEmulator({
    fixture: await demoPortalSource(options.companies, options.seed),
    rateLimit: options.rateLimit ?? DEMO_RATE_LIMIT,
    latencyMs: options.latencyMs,
    faults: options.faults,
  })
  const server = await startEmulatorServer(emulator, { port: options.port ?? 0 })
  return {
    emulator,
    server,
    token: 'emulator-token',
    label: `demo portal (${options.companies} companies, seed ${options.seed})`,
  }
}
