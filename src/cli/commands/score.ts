/**
 * @module `health-score score`: one full or incremental rescore of a portal, printed for a person
 * or, with `--json`, as one JSON object on stdout.
 */
import { z } from 'zod'

import { getDefaultModel } from '../../health/index.ts'
import { HubSpotApiError } from '../../hubspot/errors.ts'
import { createLogger } from '../../log.ts'
import {
  rescorePortal,
  type RescoreSummary,
  RunStoppedError,
} from '../../operations/rescore-portal.ts'
import { RunJournal } from '../../operations/run-journal.ts'
import { CliError } from '../cli-error.ts'
import { connectTarget, HUBSPOT_API } from '../connect.ts'
import { LOG_LEVEL, parseFlags, wholeNumber } from '../parse-flags.ts'
import { createProgress } from '../progress.ts'
import { renderSummary } from '../render-summary.ts'

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
  const journal = new RunJournal(target.dataDir)
  const progress = values.json ? null : createProgress('Scoring')
  try {
    const since = values.since === 'last' ? lastRunEnd(journal, target.portalKey) : values.since
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
    if (error instanceof RunStoppedError) {
      if (values.json) print(error.summary, true)
      throw new CliError(
        explainStop(error, values['base-url'] ?? (values.demo ? 'the demo portal' : HUBSPOT_API)),
        error.resetsAt ? 75 : 1,
      )
    }
    throw error
  } finally {
    journal.close()
    await target.close()
  }
}

/** Where the last completed run of this portal ended: `--since last`. */
function lastRunEnd(journal: RunJournal, portalKey: string): number {
  const last = journal.lastCompleted(portalKey)
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
function explainStop(error: RunStoppedError, target: string): string {
  const cause = error.cause
  if (cause instanceof HubSpotApiError && cause.status === 0) {
    return `cannot reach ${target}: ${cause.message.replace(/^.*failed: /, '')}. Check --base-url and the network; run again to resume.`
  }
  if (cause instanceof HubSpotApiError && cause.status === 401) {
    return `${target} rejected the token (401: ${cause.message.replace(/^.*failed with 401: /, '')}). Check HUBSPOT_ACCESS_TOKEN.`
  }
  if (cause instanceof HubSpotApiError && cause.status === 403) {
    return `the token lacks a scope this app needs (403: ${cause.message.replace(/^.*failed with 403: /, '')}). See the README for the scopes.`
  }
  return error.message
}
