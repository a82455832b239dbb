import { createHash } from 'node:crypto'

import { createConnection, type HubSpotConnection } from '../hubspot/index.ts'
import { CliError } from './cli-error.ts'
import type { DemoPortal } from './demo-portal.ts'

export const HUBSPOT_API = 'https://api.hubapi.com'

export interface Target {
  readonly connection: HubSpotConnection
  /** Identifies the portal in the journal without storing the token. */
  readonly portalKey: string
  /** The journal's folder; the demo portal lives only as long as the process, so its journal does too. */
  readonly dataDir: string
  readonly demo: DemoPortal | null
  close(): Promise<void>
}

export interface TargetFlags {
  readonly demo?: boolean
  readonly companies?: number
  readonly seed?: number
  readonly 'base-url'?: string
  readonly 'rate-limit'?: number
  readonly 'data-dir'?: string
}

/**
 * Connects to what the flags name: the embedded demo portal (`--demo`), or any HubSpot-compatible
 * API (`--base-url`, HubSpot itself by default) with the token in `HUBSPOT_ACCESS_TOKEN`.
 * @throws CliError when the token is missing or the flags contradict each other
 */
export async function connectTarget(
  flags: TargetFlags,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Target> {
  if (flags.demo) {
    if (flags['base-url'])
      throw new CliError('--demo and --base-url name two different portals: pick one')
    // Loaded only for the demo: a real portal's run needs none of the emulator's code.
    const { DEMO_RATE_LIMIT, startDemoPortal } = await import('./demo-portal.ts')
    const rateLimit = flags['rate-limit'] ?? DEMO_RATE_LIMIT
    const demo = await startDemoPortal({
      companies: flags.companies ?? 2000,
      seed: flags.seed ?? 1,
      rateLimit,
    })
    const connection = createConnection({
      accessToken: demo.token,
      basePath: demo.server.url,
      rateLimit,
    })
    return {
      connection,
      portalKey: `demo-${demo.emulator.store.portalId}`,
      dataDir: ':memory:',
      demo,
      async close() {
        await connection.close()
        await demo.server.close()
      },
    }
  }
  if (flags.companies !== undefined || flags.seed !== undefined)
    throw new CliError('--companies and --seed go with --demo')
  const token = env.HUBSPOT_ACCESS_TOKEN
  if (!token) {
    throw new CliError(
      'set HUBSPOT_ACCESS_TOKEN to a private app token (or run with --demo to use the embedded demo portal)',
    )
  }
  const basePath = flags['base-url'] ?? HUBSPOT_API
  const connection = createConnection({
    accessToken: token,
    basePath,
    rateLimit: flags['rate-limit'],
  })
  return {
    connection,
    portalKey: createHash('sha256').update(`${basePath}\u0000${token}`).digest('hex').slice(0, 16),
    dataDir: flags['data-dir'] ?? '.health-score',
    demo: null,
    close: () => connection.close(),
  }
}
