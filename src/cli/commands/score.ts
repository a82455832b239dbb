/**
 * @module `health-score score`: one full or incremental rescore of a portal, printed for a person
 * or, with `--json`, as one JSON object on stdout.
 */
import { z } from 'zod'

import { getDefaultModel } from '../../health/index.ts'
import { HubSpotApiError } from '../../hubspot/index.ts'
import { createLogger } from '../../log.ts'
import { rescorePortal, type RescoreSummary, RunStoppedError } from '../../operations/index.ts'
import { CliError } from '../cli-error.ts'
import { connectTarget, HUBSPOT_API } from '../connect.ts'
import { LOG_LEVEL, parseFlags, wholeNumber } from '../parse-flags.ts'
import { createProgress } from '../progress.ts'
import { renderSummary } from '../render-summary.ts'
import { SqliteRunJournal } from '../sqlite-run-journal.ts'

const FLAGS = {
  demo: { type: 'boolean' },
  companies: { type: 'string' },
  seed: { type: 'string' },
  'base-url': { type: 'string' },
  since: { type: 'string' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  'rate-limit': { type: 'string' },
  'data-dir': { type: 'string' },
  'log-level': { type: 'string' },
} as const

const schema = z.object({
  demo: z.boolean().optional(),
  companies: wholeNumber(1, 200_000).optional(),
  seed: wholeNumber(0, 2 ** 31).optional(),
  'base-url': z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
  since: z
    .string()
    .refine(
      (v) => v === 'last' || !Number.isNaN(Date.parse(v)),
      "must be 'last' or an ISO-8601 date or date-time",
    )
    .transform((v) => (v === 'last' ? ('last' as const) : Date.parse(v)))
    .optional(),
  'dry-run': z.boolean().optional(),
  json: z.boolean().optional(),
  'rate-limit': wholeNumber(1, 10_000).optional(),
  'data-dir': z.string().min(1).optional(),
  'log-level': LOG_LEVEL.optional(),
})

export async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, FLAGS, schema)
  const logger = createLogger(values['log-level'])
  const target = await connectTarget(values)
  const journal = new SqliteRunJournal(target.dataDir)
  const progress = values.json ? null : createProgress('Scoring')
  try {
    const since =
      values.since === 'last' ? await lastRunEnd(journal, target.portalKey) : values.since
    const summary = await rescorePortal({
      connection: target.connection,
      model: getDefaultModel(),
      journal,
      portalKey: target.portalKey,
      since,
      dryRun: values['dry-run'],
      logger,
      onProgress: (p) => progress?.update(p.done, p.total, p.apiCalls),
    })
    progress?.finish()
    print(summary, values.json === true)
    return summary.failed > 0 ? 1 : 0
  } catch (error) {
    progress?.finish()
    const portal = values['base-url'] ?? (values.demo ? 'the demo portal' : HUBSPOT_API)
    if (error instanceof RunStoppedError) {
      if (values.json) print(error.summary, true)
      throw new CliError(error.message, error.reason === 'daily-limit' ? 75 : 1)
    }
    if (error instanceof HubSpotApiError) throw new CliError(explainFailure(error, portal), 1)
    throw error
  } finally {
    journal.close()
    await target.close()
  }
}

/** Where the last completed run of this portal ended: `--since last`. */
async function lastRunEnd(journal: SqliteRunJournal, portalKey: string): Promise<number> {
  const last = await journal.lastCompleted(portalKey)
  if (!last)
    throw new CliError('--since last: no completed run of this portal yet; run a full score first')
  return last.updatedAt
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

/** The one line a person needs: what stopped the run and what to do about it. */
function explainFailure(error: HubSpotApiError, target: string): string {
  if (error.status === 0)
    return `cannot reach ${target}: ${error.detail}. Check --base-url and the network; run again to resume.`
  if (error.status === 401)
    return `${target} rejected the token (401: ${error.detail}). Check HUBSPOT_ACCESS_TOKEN.`
  if (error.status === 403)
    return `the token lacks a scope this app needs (403: ${error.detail}). See the README for the scopes.`
  return `${error.message}. Run the same command again to resume.`
}
