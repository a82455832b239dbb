/** `health-score explain <companyId...>`: the full breakdown of one company's score. */
import type { CommandInput } from '../define-command.ts'
import { defineCommand } from '../define-command.ts'
import { checkTarget, OUTPUT_FLAGS, TARGET_FLAGS } from '../flag-groups.ts'

const flags = { ...TARGET_FLAGS, ...OUTPUT_FLAGS }

export type ExplainInput = CommandInput<typeof flags, 'companyIds'>

export const explain = defineCommand({
  name: 'explain',
  summary: "the full breakdown of one company's score",
  description:
    `Explains each company's score signal by signal, like HubSpot's "test a record": what ` +
    `each component read, the points it cost, the drivers and the playbook. Reads only; ` +
    `writes nothing.`,
  argument: {
    syntax: '<companyId...>',
    description: 'one or more HubSpot company ids',
    rule: 'companyIds',
  },
  flags,
  check: checkTarget,
  examples: ['health-score explain 123456789', 'health-score explain 100000001 --demo --json'],
  load: () => import('../actions/explain.ts'),
})
