/** `health-score demo` (what `npm start` runs): the demo portal, served, rescored and explored. */
import type { CommandInput } from '../define-command.ts'
import { defineCommand } from '../define-command.ts'
import { DEMO_PORTAL_FLAGS, LOGGING_FLAGS } from '../flag-groups.ts'
import { FLAGS } from '../flags.ts'

const flags = {
  ...DEMO_PORTAL_FLAGS,
  rateLimit: FLAGS.rateLimit,
  port: FLAGS.port,
  ...LOGGING_FLAGS,
}

export type DemoInput = CommandInput<typeof flags>

export const demo = defineCommand({
  name: 'demo',
  summary: 'serve the demo portal, rescore it and show the most urgent accounts (npm start)',
  description:
    `Generates the demo portal, serves it through the HubSpot API emulator, rescores it ` +
    `through the official client with a progress bar, prints the tiers and the most ` +
    `urgent accounts, then keeps serving until Ctrl-C so you can explore it with the ` +
    `other commands.`,
  flags,
  examples: ['health-score demo', 'health-score demo --companies 200 --rate-limit 190'],
  load: () => import('../actions/demo.ts'),
})
