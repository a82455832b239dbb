/** `health-score portfolio`: the whole book of accounts at a glance. */
import type { CommandInput } from '../define-command.ts'
import { defineCommand } from '../define-command.ts'
import { checkTarget, DEMO_PORTAL_FLAGS, LOGGING_FLAGS, OUTPUT_FLAGS } from '../flag-groups.ts'
import { FLAGS } from '../flags.ts'

const flags = {
  demo: FLAGS.demo,
  ...DEMO_PORTAL_FLAGS,
  baseUrl: FLAGS.baseUrl,
  rateLimit: FLAGS.rateLimit,
  ...OUTPUT_FLAGS,
  ...LOGGING_FLAGS,
}

export type PortfolioInput = CommandInput<typeof flags>

export const portfolio = defineCommand({
  name: 'portfolio',
  summary: 'the portfolio view: tiers, trending down, newly red, save rate',
  description:
    `Shows the whole book of accounts from the app's own company properties, in at most 10 ` +
    `API calls whatever the portal's size: the tier distribution now (and 30 days ago), the ` +
    `accounts trending down most, those newly red this week, and the save rate (red to ` +
    `Healthy within 90 days) from the property history of a sample of up to 200 accounts. ` +
    `Reads only. The portal must have been scored (health-score score). With --demo, the ` +
    `demo portal's last 12 weeks of scores are replayed from its history and it is scored ` +
    `first. The token comes from HUBSPOT_ACCESS_TOKEN.`,
  flags,
  check: checkTarget,
  examples: [
    'health-score portfolio --demo',
    'health-score portfolio --json',
    'health-score portfolio --base-url http://127.0.0.1:4010 --json',
  ],
  load: () => import('../actions/portfolio.ts'),
})
