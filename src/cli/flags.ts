/**
 * Every flag of the `health-score` command. A command takes flags from here (often through the
 * groups in `./flag-groups.ts`) and may word their help for itself with `describeFlag`; each flag's
 * rule is named here and written once, in `./rules.ts`.
 */
import { DEFAULTS } from './defaults.ts'
import { flag } from './flag.ts'

export const FLAGS = {
  demo: flag(
    '--demo',
    'use the demo portal, generated and served by the embedded emulator in this process',
    'switch',
  ),
  companies: flag(
    '--companies <n>',
    `companies in the demo portal (default: ${DEFAULTS.companies})`,
    'companies',
  ),
  seed: flag(
    '--seed <s>',
    `the demo portal's seed: the same seed, the same portal (default: ${DEFAULTS.seed})`,
    'seed',
  ),
  baseUrl: flag(
    '--base-url <url>',
    `any HubSpot-compatible API, such as \`health-score emulator\` (default: ${DEFAULTS.hubspotApi})`,
    'baseUrl',
  ),
  rateLimit: flag(
    '--rate-limit <n>',
    `calls per 10 s, sized to your portal: 100 on Free/Starter (default: ${DEFAULTS.rateLimit}; ${DEFAULTS.demoRateLimit} on the demo portal)`,
    'rateLimit',
  ),
  dataDir: flag(
    '--data-dir <dir>',
    `where runs are journaled, so a stopped run resumes (default: ${DEFAULTS.dataDir})`,
    'folder',
  ),
  json: flag('--json', 'print one JSON object on stdout, for scripts', 'switch'),
  logLevel: flag(
    '--log-level <level>',
    'what to log on stderr: fatal, error, warn, info, debug, trace or silent (default: warn, or HEALTH_LOG_LEVEL)',
    'logLevel',
  ),
  since: flag(
    '--since <when>',
    "rescore only companies changed since a moment: 'last' (the last completed run) or an ISO-8601 date",
    'since',
  ),
  horizon: flag(
    '--horizon <days>',
    'score each renewal this many days before it: 30, 60, 90 or 180 (default: 90)',
    'horizon',
  ),
  model: flag('--model <file>', 'a model file (JSON) to use instead of the default model', 'file'),
  out: flag(
    '--out <file>',
    'write the recommended model here (JSON), only when it beats the current one',
    'file',
  ),
  report: flag(
    '--report <file>',
    'write the backtest as a self-contained HTML page here (charts inline, nothing fetched)',
    'file',
  ),
  dryRun: flag('--dry-run', 'score every company, write nothing, show what would change', 'switch'),
  port: flag(
    '--port <p>',
    `the loopback port to listen on, 0 for any free one (default: ${DEFAULTS.port})`,
    'port',
  ),
  fixture: flag('--fixture <file>', 'a portal fixture (JSON, format in shared/DESIGN.md)', 'file'),
  dailyLimit: flag(
    '--daily-limit <n>',
    `calls per day before the emulator answers 429 DAILY (default: ${DEFAULTS.dailyLimit}, HubSpot's)`,
    'dailyLimit',
  ),
  latency: flag(
    '--latency <ms>',
    'delay every emulator response by this many milliseconds (default: 0)',
    'latency',
  ),
  faults: flag(
    '--faults <spec>',
    'inject faults at random, e.g. 429:0.05,500:0.02,timeout:0.01,partial:0.05',
    'faults',
  ),
  token: flag(
    '--token <token>',
    `the private-app token the emulator accepts (default: ${DEFAULTS.emulatorToken})`,
    'token',
  ),
} as const
