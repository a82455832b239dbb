/**
 * `health-score emulator`: serves the HubSpot API emulator on loopback until Ctrl-C. The portal is
 * the demo portal (`--companies`, `--seed`; 2,000 companies by default) or a fixture file.
 */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'

import {
  createEmulator,
  type FixtureSource,
  parseFaultSpec,
  parseFixture,
  startEmulatorServer,
} from '@health-score/hubspot-emulator'

import { CliError } from '../cli-error.ts'
import { demoPortalSource } from '../demo-portal.ts'

const DEFAULT_PORT = 4010
const DEFAULT_COMPANIES = 2000

const OPTIONS = {
  port: { type: 'string' },
  companies: { type: 'string' },
  seed: { type: 'string' },
  fixture: { type: 'string' },
  'rate-limit': { type: 'string' },
  'daily-limit': { type: 'string' },
  latency: { type: 'string' },
  faults: { type: 'string' },
  token: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

const USAGE = `Usage: health-score emulator [--port P] [--companies N] [--seed S] [--fixture FILE]
                             [--rate-limit N] [--daily-limit N] [--latency MS] [--faults SPEC] [--token T]
`

function integer(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min)
    throw new CliError(`--${name} must be an integer ≥ ${min}, got '${raw}'`)
  return value
}

async function loadSource(values: {
  fixture?: string
  companies?: string
  seed?: string
}): Promise<{ source: FixtureSource; label: string }> {
  if (values.fixture !== undefined) {
    if (values.companies !== undefined || values.seed !== undefined) {
      throw new CliError('--fixture cannot be combined with --companies or --seed')
    }
    let text: string
    try {
      text = await readFile(values.fixture, 'utf8')
    } catch (error) {
      throw new CliError(`cannot read --fixture ${values.fixture}: ${(error as Error).message}`)
    }
    try {
      return { source: parseFixture(JSON.parse(text)), label: values.fixture }
    } catch (error) {
      throw new CliError(
        `--fixture ${values.fixture}: ${(error as Error).message.replace(/\n\s*/g, '; ')}`,
      )
    }
  }
  const companies = integer('companies', values.companies, 0) ?? DEFAULT_COMPANIES
  const seed = integer('seed', values.seed, 0) ?? 1
  const source = await demoPortalSource(companies, seed)
  return { source, label: `demo portal (${companies} companies, seed ${seed})` }
}

/** Runs the command; resolves with the exit code once the server is stopped by a signal. */
export async function run(argv: string[]): Promise<number> {
  let values
  try {
    values = parseArgs({
      args: argv,
      options: OPTIONS,
      strict: true,
      allowPositionals: false,
    }).values
  } catch (error) {
    throw new CliError((error as Error).message.split('\n')[0] ?? 'invalid arguments')
  }
  if (values.help) {
    process.stdout.write(USAGE)
    return 0
  }
  const port = integer('port', values.port, 0) ?? DEFAULT_PORT
  if (port > 65_535) throw new CliError(`--port must be at most 65535, got ${port}`)
  if (values.faults !== undefined) {
    try {
      parseFaultSpec(values.faults)
    } catch (error) {
      throw new CliError(`--faults: ${(error as Error).message}`)
    }
  }
  const { source, label } = await loadSource(values)
  const emulator = createEmulator({
    fixture: source,
    token: values.token,
    rateLimit: integer('rate-limit', values['rate-limit'], 1),
    dailyLimit: integer('daily-limit', values['daily-limit'], 1),
    latencyMs: integer('latency', values.latency, 0),
    faults: values.faults,
  })
  let server
  try {
    server = await startEmulatorServer(emulator, { port })
  } catch (error) {
    throw new CliError(`cannot listen on 127.0.0.1:${port}: ${(error as Error).message}`, 1)
  }
  console.log(`listening on ${server.url}`)
  const counts = emulator.store.counts()
  console.log(`portal ${emulator.store.portalId}: ${label}`)
  console.log(
    `  ${Object.entries(counts)
      .map(([type, n]) => `${n} ${type}`)
      .join(', ')}`,
  )
  console.log(`  token: ${values.token ?? 'emulator-token'}; stats: ${server.url}/__emulator/stats`)
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await server.close()
  return 0
}
