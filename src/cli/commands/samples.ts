/** `health-score samples`: the sample companies in examples/, scored with no API at all. */
import type { CommandInput } from '../define-command.ts'
import { defineCommand } from '../define-command.ts'
import { describeFlag } from '../flag.ts'
import { FLAGS } from '../flags.ts'

const flags = {
  fixture: describeFlag(
    FLAGS.fixture,
    'score this fixture instead (default: examples/sample-portal.json)',
  ),
}

export type SamplesInput = CommandInput<typeof flags>

export const samples = defineCommand({
  name: 'samples',
  summary: 'score the sample companies in examples/ without any API',
  description:
    `Scores the sample companies in examples/sample-portal.json with the default model ` +
    `and prints what the health score says about each, most urgent first, with the values ` +
    `it read with care.`,
  flags,
  load: () => import('../actions/samples.ts'),
})
