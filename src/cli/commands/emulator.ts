/** `health-score emulator`: the HubSpot API emulator on loopback, until Ctrl-C. */
import { DEFAULTS } from '../defaults.ts'
import type { CommandInput } from '../define-command.ts'
import { defineCommand } from '../define-command.ts'
import { describeFlag } from '../flag.ts'
import { DEMO_PORTAL_FLAGS } from '../flag-groups.ts'
import { FLAGS } from '../flags.ts'

const flags = {
  port: FLAGS.port,
  ...DEMO_PORTAL_FLAGS,
  fixture: describeFlag(FLAGS.fixture, 'serve this fixture instead of the demo portal'),
  rateLimit: describeFlag(
    FLAGS.rateLimit,
    `calls per 10 s the emulator allows each app before a 429 (default: ${DEFAULTS.rateLimit}, HubSpot's)`,
  ),
  dailyLimit: FLAGS.dailyLimit,
  latency: FLAGS.latency,
  faults: FLAGS.faults,
  token: FLAGS.token,
}

export type EmulatorInput = CommandInput<typeof flags>

export const emulator = defineCommand({
  name: 'emulator',
  summary: 'serve the HubSpot API emulator on loopback',
  description:
    `Serves HubSpot's CRM API shapes, limits and errors on 127.0.0.1, over the demo ` +
    `portal or a fixture, until Ctrl-C. The first line on stdout is \`listening on ` +
    `http://127.0.0.1:PORT\`; GET /__emulator/stats counts the calls per endpoint.`,
  flags,
  check: (values) =>
    values.fixture !== undefined && (values.companies ?? values.seed) !== undefined
      ? '--fixture cannot be combined with --companies or --seed'
      : undefined,
  examples: [
    'health-score emulator --companies 500',
    'health-score emulator --fixture examples/sample-portal.json --faults 429:0.05',
  ],
  load: () => import('../actions/emulator.ts'),
})
