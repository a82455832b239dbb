/**
 * @module `health-score score`: one full or incremental rescore of a portal, printed for a person
 * or, with `--json`, as one JSON object on stdout.
 */
import type { ScoreInput } from '../commands/score.ts'
import { connectTarget } from '../connect.ts'
import { renderSummary } from '../render-summary.ts'
import { type RescoreSummary, rescoreTarget } from '../rescore-target.ts'

export async function run({ flags }: ScoreInput): Promise<number> {
  const json = flags.json === true
  const target = await connectTarget(flags)
  try {
    const summary = await rescoreTarget(target, {
      since: flags.since,
      dryRun: flags.dryRun,
      logLevel: flags.logLevel,
      progress: !json,
      onStopped: json ? (stopped) => print(stopped, true) : undefined,
    })
    print(summary, json)
    return summary.failed > 0 ? 1 : 0
  } finally {
    await target.close()
  }
}

function print(summary: RescoreSummary, json: boolean): void {
  if (json) {
    const { failures: _failures, ...rest } = summary
    process.stdout.write(
      `${JSON.stringify({ ...rest, failures: summary.failures.slice(0, 100) })}\n`,
    )
  } else {
    process.stdout.write(renderSummary(summary))
  }
}
