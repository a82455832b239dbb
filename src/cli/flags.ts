/**
 * Every flag of the `health-score` command, each with its one rule. A command takes flags from
 * here (often through the groups in `./flag-groups.ts`) and may word their help for itself with
 * `describeFlag`, but never checks the same flag two ways.
 */
import { z } from 'zod'

import type { LogLevel } from '../log.ts'
import { DEFAULTS } from './defaults.ts'
import { flag, SWITCH, wholeNumber } from './flag.ts'

/** @note Listed here rather than imported from `../log.ts`, so `--help` does not load pino. */
const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
// Fails to compile if `../log.ts` gains a level this list lacks.
const _everyLevel: readonly (typeof LOG_LEVELS)[number][] = [] as LogLevel[]

const text = (what: string) => z.string().min(1, `must name ${what}`)

export const FLAGS = {
  demo: flag(
    '--demo',
    'use the demo portal, generated and served by the embedded emulator in this process',
    SWITCH,
  ),
  companies: flag(
    '--companies <n>',
    `companies in the demo portal (default: ${DEFAULTS.companies})`,
    wholeNumber(1, 200_000),
  ),
  seed: flag(
    '--seed <s>',
    `the demo portal's seed: the same seed, the same portal (default: ${DEFAULTS.seed})`,
    wholeNumber(0, 2_147_483_647),
  ),
  baseUrl: flag(
    '--base-url <url>',
    `any HubSpot-compatible API, such as \`health-score emulator\` (default: ${DEFAULTS.hubspotApi})`,
    z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
  ),
  rateLimit: flag(
    '--rate-limit <n>',
    `calls per 10 s, sized to your portal: 100 on Free/Starter (default: ${DEFAULTS.rateLimit}; ${DEFAULTS.demoRateLimit} on the demo portal)`,
    wholeNumber(1, 1_000_000),
  ),
  dataDir: flag(
    '--data-dir <dir>',
    `where runs are journaled, so a stopped run resumes (default: ${DEFAULTS.dataDir})`,
    text('a folder'),
  ),
  json: flag('--json', 'print one JSON object on stdout, for scripts', SWITCH),
  logLevel: flag(
    '--log-level <level>',
    `what to log on stderr: ${LOG_LEVELS.join(', ')} (default: warn, or HEALTH_LOG_LEVEL)`,
    z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }),
  ),
  since: flag(
    '--since <when>',
    "rescore only companies changed since a moment: 'last' (the last completed run) or an ISO-8601 date",
    z
      .string()
      .refine(
        (v) => v === 'last' || !Number.isNaN(Date.parse(v)),
        "must be 'last' or an ISO-8601 date or date-time",
      )
      .transform((v) => (v === 'last' ? ('last' as const) : Date.parse(v))),
  ),
  dryRun: flag('--dry-run', 'score every company, write nothing, show what would change', SWITCH),
  port: flag(
    '--port <p>',
    `the loopback port to listen on, 0 for any free one (default: ${DEFAULTS.port})`,
    wholeNumber(0, 65_535),
  ),
  fixture: flag(
    '--fixture <file>',
    'a portal fixture (JSON, format in shared/DESIGN.md)',
    text('a file'),
  ),
  dailyLimit: flag(
    '--daily-limit <n>',
    `calls per day before the emulator answers 429 DAILY (default: ${DEFAULTS.dailyLimit}, HubSpot's)`,
    wholeNumber(1, 100_000_000),
  ),
  latency: flag(
    '--latency <ms>',
    'delay every emulator response by this many milliseconds (default: 0)',
    wholeNumber(0, 60_000),
  ),
  faults: flag(
    '--faults <spec>',
    'inject faults at random, e.g. 429:0.05,500:0.02,timeout:0.01,partial:0.05',
    text('faults, e.g. 500:0.02'),
  ),
  token: flag(
    '--token <token>',
    `the private-app token the emulator accepts (default: ${DEFAULTS.emulatorToken})`,
    text('a token'),
  ),
} as const
