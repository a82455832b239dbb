/**
 * The portal a command works on, connected: the embedded demo portal (`--demo`), or any
 * HubSpot-compatible API (`--base-url`, HubSpot itself by default) with the token from the
 * environment. `score`, `explain` and `demo` all connect here.
 */
import { createHash } from 'node:crypto'

import { createConnection, type HubSpotConnection, tokenProblem } from '../hubspot/index.ts'
import { CliError } from './cli-error.ts'
import { DEFAULTS } from './defaults.ts'
import type { ServedPortal } from './emulator-portal.ts'
import type { TargetValues } from './flag-groups.ts'

export interface Target {
  readonly connection: HubSpotConnection
  /** Identifies the portal in the journal without storing the token. */
  readonly portalKey: string
  /** The journal's folder; the demo portal lives only as long as the process, so its journal does too. */
  readonly dataDir: string
  /** The portal for a person: `the demo portal`, or the API's URL. */
  readonly label: string
  /** The served demo portal, with `--demo`. */
  readonly demo: ServedPortal | null
  close(): Promise<void>
}

export interface TargetOptions extends TargetValues {
  /** Where the demo portal listens: any free port unless given. */
  readonly port?: number
}

/**
 * Connects to what the target flags name; they have passed `checkTarget`.
 * @throws CliError when the token is missing or malformed (never quoted), or the demo portal cannot listen
 * @example
 * const target = await connectTarget({ demo: true, companies: 20 })
 * try { await target.connection.call(...) } finally { await target.close() }
 */
export async function connectTarget(
  flags: TargetOptions,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Target> {
  return flags.demo ? connectDemo(flags) : connectApi(flags, env)
}

async function connectDemo(flags: TargetOptions): Promise<Target> {
  // Loaded only for the demo: a real portal's run needs none of the emulator's code.
  const { demoPortalSource, servePortal } = await import('./emulator-portal.ts')
  const rateLimit = flags.rateLimit ?? DEFAULTS.demoRateLimit
  const demo = await servePortal(
    await demoPortalSource(flags.companies ?? DEFAULTS.companies, flags.seed ?? DEFAULTS.seed),
    { port: flags.port ?? 0, rateLimit },
  )
  const connection = createConnection({
    accessToken: demo.token,
    basePath: demo.server.url,
    rateLimit,
  })
  return {
    connection,
    portalKey: `demo-${demo.emulator.store.portalId}`,
    dataDir: ':memory:',
    label: 'the demo portal',
    demo,
    async close() {
      await connection.close()
      await demo.server.close()
    },
  }
}

function connectApi(flags: TargetOptions, env: NodeJS.ProcessEnv): Target {
  const token = env[DEFAULTS.tokenVariable]
  if (!token) {
    throw new CliError(
      `set ${DEFAULTS.tokenVariable} to a private app token (or run with --demo to use the embedded demo portal)`,
    )
  }
  const problem = tokenProblem(token)
  if (problem)
    throw new CliError(
      `${DEFAULTS.tokenVariable} is not a token HubSpot could accept: ${problem} (check how it was set; it is never printed)`,
    )
  const basePath = (flags.baseUrl ?? DEFAULTS.hubspotApi).replace(/\/+$/, '')
  const timeout = Number(env[DEFAULTS.requestTimeoutVariable])
  const connection = createConnection({
    accessToken: token,
    basePath,
    rateLimit: flags.rateLimit ?? DEFAULTS.rateLimit,
    ...(Number.isInteger(timeout) && timeout > 0 ? { timeoutMs: timeout } : {}),
  })
  return {
    connection,
    portalKey: createHash('sha256').update(`${basePath}\u0000${token}`).digest('hex').slice(0, 16),
    dataDir: flags.dataDir ?? DEFAULTS.dataDir,
    label: basePath,
    demo: null,
    close: () => connection.close(),
  }
}
