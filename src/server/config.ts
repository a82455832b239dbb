/**
 * @module The backend's configuration, read once from the environment at start-up and checked with
 * zod: every missing or bad variable becomes one line of one error, so a deploy shows all its
 * mistakes at once. A secret's value never appears in a message: only what is wrong with it.
 */
import { hkdfSync, randomBytes } from 'node:crypto'
import { inspect } from 'node:util'

import { z } from 'zod'

/** What the backend runs with. Its keys are derived from the encryption key, never that key itself. */
export interface ServerConfig {
  readonly production: boolean
  readonly clientId: string
  /** Shared with HubSpot: it authenticates the OAuth exchange and verifies request signatures. */
  readonly clientSecret: string
  /** Where HubSpot reaches us, no trailing slash: the OAuth redirect and the signed URIs start here. */
  readonly publicUrl: string
  /** The AES-256-GCM key for tokens at rest, derived from `HEALTH_SCORE_ENCRYPTION_KEY`. */
  readonly tokenKey: Buffer
  /** The HMAC key for OAuth `state`, derived from the same variable for another purpose. */
  readonly stateSecret: Buffer
  readonly apiBaseUrl: string
  readonly authorizeUrl: string
  readonly dataDir: string
  /** The nightly full rescore, UTC. */
  readonly rescoreAt: { readonly hour: number; readonly minute: number }
  readonly port: number
  /** What the host should log once at start-up (a generated development key). */
  readonly warnings: readonly string[]
}

export const SERVER_DEFAULTS = {
  port: 3000,
  apiBaseUrl: 'https://api.hubapi.com',
  authorizeUrl: 'https://app.hubspot.com/oauth/authorize',
  dataDir: '.health-score',
  rescoreAt: '02:00',
} as const

/** The environment could not configure the backend: `problems` holds one line per variable. */
export class ServerConfigError extends Error {
  readonly problems: readonly string[]

  constructor(problems: readonly string[]) {
    super(problems.join('\n'))
    this.name = 'ServerConfigError'
    this.problems = problems
  }
}

const KEY_HINT = 'generate one with: openssl rand -base64 32'

const text = (what: string) =>
  z.string({ error: `is required: ${what}` }).min(1, `is required: ${what}`)

const httpUrl = z
  .string()
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), {
    error: 'must be an http(s) URL',
    abort: true,
  })
  .refine((value) => !/[?#]/.test(value), { error: 'must have no query or fragment' })
  .transform((value) => value.replace(/\/+$/, ''))

const encryptionKey = z
  .string()
  .refine((value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value), {
    error: `must be base64 (${KEY_HINT})`,
    abort: true,
  })
  .transform((value) => Buffer.from(value, 'base64'))
  .refine((key) => key.length === 32, {
    error: (issue) =>
      `must be 32 bytes in base64, it decodes to ${(issue.input as Buffer).length} (${KEY_HINT})`,
  })

const ENV = z.object({
  NODE_ENV: z.string().optional(),
  HUBSPOT_CLIENT_ID: text('the app’s OAuth client id (the app’s Auth tab)'),
  HUBSPOT_CLIENT_SECRET: text('the app’s OAuth client secret (the app’s Auth tab)'),
  HEALTH_SCORE_PUBLIC_URL: httpUrl.optional(),
  HEALTH_SCORE_ENCRYPTION_KEY: encryptionKey.optional(),
  HUBSPOT_API_BASE_URL: httpUrl.optional(),
  HUBSPOT_AUTHORIZE_URL: httpUrl.optional(),
  HEALTH_SCORE_DATA_DIR: z.string().optional(),
  DATABASE_URL: z
    .never({
      error:
        'is not supported yet (no Postgres store): unset it to keep data in HEALTH_SCORE_DATA_DIR',
    })
    .optional(),
  HEALTH_SCORE_RESCORE_AT: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be HH:MM in UTC, from 00:00 to 23:59' })
    .optional(),
  PORT: z
    .string()
    .regex(/^\d{1,5}$/, { error: 'must be a port number from 0 to 65535' })
    .transform(Number)
    .refine((port) => port <= 65_535, { error: 'must be a port number from 0 to 65535' })
    .optional(),
})
type Env = z.output<typeof ENV>

/**
 * Reads the backend's configuration from `env`. An empty variable counts as unset.
 * Outside production, a missing `HEALTH_SCORE_PUBLIC_URL` means `http://127.0.0.1:PORT` and a
 * missing encryption key a random one for this process, with a warning.
 * @throws ServerConfigError naming every missing or bad variable, one per line
 * @example
 * const config = loadServerConfig(process.env)
 * for (const warning of config.warnings) logger.warn({}, warning)
 */
export function loadServerConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''))
  const parsed = ENV.safeParse(given)
  const problems = parsed.success ? [] : parsed.error.issues.map(describe)
  const production = given.NODE_ENV === 'production'
  if (production) problems.push(...productionProblems(given))
  if (!parsed.success || problems.length > 0) throw new ServerConfigError(problems)
  return build(parsed.data, production)
}

function build(env: Env, production: boolean): ServerConfig {
  const warnings: string[] = []
  let root = env.HEALTH_SCORE_ENCRYPTION_KEY
  if (!root) {
    root = randomBytes(32)
    warnings.push(
      'HEALTH_SCORE_ENCRYPTION_KEY is not set: tokens are encrypted with a key made for this ' +
        'process only, so installations saved now cannot be read after a restart. Set it to keep ' +
        `them (${KEY_HINT}); production requires it.`,
    )
  }
  const port = env.PORT ?? SERVER_DEFAULTS.port
  const apiBaseUrl = env.HUBSPOT_API_BASE_URL ?? SERVER_DEFAULTS.apiBaseUrl
  const [hour, minute] = (env.HEALTH_SCORE_RESCORE_AT ?? SERVER_DEFAULTS.rescoreAt)
    .split(':')
    .map(Number) as [number, number]
  return redacted({
    production,
    clientId: env.HUBSPOT_CLIENT_ID,
    clientSecret: env.HUBSPOT_CLIENT_SECRET,
    publicUrl: env.HEALTH_SCORE_PUBLIC_URL ?? `http://127.0.0.1:${port}`,
    tokenKey: deriveKey(root, 'health-score token cipher'),
    stateSecret: deriveKey(root, 'health-score oauth state'),
    apiBaseUrl,
    authorizeUrl:
      env.HUBSPOT_AUTHORIZE_URL ??
      (env.HUBSPOT_API_BASE_URL ? `${apiBaseUrl}/oauth/authorize` : SERVER_DEFAULTS.authorizeUrl),
    dataDir: env.HEALTH_SCORE_DATA_DIR ?? SERVER_DEFAULTS.dataDir,
    rescoreAt: { hour, minute },
    port,
    warnings,
  })
}

const SECRETS = ['clientSecret', 'tokenKey', 'stateSecret'] as const

/**
 * The config with its secrets shown as `[redacted]` when it is logged, stringified or inspected,
 * so `logger.info({ config })` cannot leak them. The fields themselves read as usual.
 */
function redacted(config: ServerConfig): ServerConfig {
  const shown = () => ({
    ...config,
    ...Object.fromEntries(SECRETS.map((name) => [name, '[redacted]'])),
  })
  return Object.defineProperties(config, {
    toJSON: { value: shown },
    [inspect.custom]: { value: () => shown() },
  })
}

/** What production adds: a key that survives restarts, and an HTTPS address HubSpot can call. */
function productionProblems(env: Readonly<Record<string, string | undefined>>): string[] {
  const problems: string[] = []
  if (env.HEALTH_SCORE_ENCRYPTION_KEY === undefined)
    problems.push(`HEALTH_SCORE_ENCRYPTION_KEY is required when NODE_ENV=production (${KEY_HINT})`)
  const url = env.HEALTH_SCORE_PUBLIC_URL
  if (url === undefined)
    problems.push(
      'HEALTH_SCORE_PUBLIC_URL is required when NODE_ENV=production: the HTTPS URL HubSpot calls',
    )
  else if (URL.canParse(url) && new URL(url).protocol === 'http:')
    problems.push('HEALTH_SCORE_PUBLIC_URL must be an https URL when NODE_ENV=production')
  return problems
}

/** One key per purpose from the one root key (HKDF-SHA256), so no key serves two algorithms. */
function deriveKey(root: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', root, Buffer.alloc(0), purpose, 32))
}

function describe(issue: z.core.$ZodIssue): string {
  const name = String(issue.path[0] ?? 'environment')
  return `${name} ${issue.message}`
}
