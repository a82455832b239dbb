/** `health-score score`: one full or incremental rescore of a portal. */
import type { CommandInput } from '../define-command.ts'
import { defineCommand } from '../define-command.ts'
import { checkTarget, LOGGING_FLAGS, OUTPUT_FLAGS, TARGET_FLAGS } from '../flag-groups.ts'
import { FLAGS } from '../flags.ts'

const flags = {
  ...TARGET_FLAGS,
  since: FLAGS.since,
  dryRun: FLAGS.dryRun,
  ...OUTPUT_FLAGS,
  ...LOGGING_FLAGS,
}

export type ScoreInput = CommandInput<typeof flags>

export const score = defineCommand({
  name: 'score',
  summary: 'rescore a portal: full, or --since a moment; --json for a summary',
  description:
    `Rescores every company of a portal (or only those changed --since a moment) and ` +
    `writes the scores that changed to its company properties. The token comes from ` +
    `HUBSPOT_ACCESS_TOKEN. A run that stops (killed, or the daily API limit) resumes ` +
    `where it stopped when you run it again. One run per portal and --data-dir at a ` +
    `time: a second is refused with exit code 75 while the first runs.`,
  flags,
  check: checkTarget,
  examples: [
    'health-score score --dry-run',
    'health-score score --since last --json',
    'health-score score --demo --companies 500',
  ],
  load: () => import('../actions/score.ts'),
})
