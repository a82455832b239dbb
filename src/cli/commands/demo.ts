/**
 * @module `health-score demo` (what `npm start` runs): generates the demo portal, serves it through
 * the HubSpot API emulator, rescores it through the real client with a progress bar, prints what it
 * found, then keeps serving until Ctrl-C so you can explore it.
 */
import { z } from 'zod'

import type { HealthResult } from '../../health/index.ts'
import { getDefaultModel } from '../../health/index.ts'
import { createConnection } from '../../hubspot/index.ts'
import { createLogger } from '../../log.ts'
import { MemoryRunJournal, rescorePortal } from '../../operations/index.ts'
import { CliError } from '../cli-error.ts'
import { DEMO_RATE_LIMIT, startDemoPortal } from '../demo-portal.ts'
import { LOG_LEVEL, parseFlags, wholeNumber } from '../parse-flags.ts'
import { createProgress } from '../progress.ts'
import { renderSummary } from '../render-summary.ts'
import { renderResultTable } from '../render-table.ts'

const FLAGS = {
  companies: { type: 'string' },
  seed: { type: 'string' },
  port: { type: 'string' },
  'log-level': { type: 'string' },
} as const

const schema = z.object({
  companies: wholeNumber(1, 200_000).default(2000),
  seed: wholeNumber(0, 2 ** 31).default(1),
  port: wholeNumber(0, 65_535).default(4010),
  'log-level': LOG_LEVEL.optional(),
})

const URGENT_COUNT = 10

export async function run(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, FLAGS, schema)
  const out = process.stdout
  out.write(`Generating the demo portal: ${values.companies} companies (seed ${values.seed})…\n`)
  const demo = await startDemoPortal({
    companies: values.companies,
    seed: values.seed,
    port: values.port,
  }).catch((error: Error) => {
    throw new CliError(
      `cannot serve the emulator on port ${values.port}: ${error.message} (try --port 0)`,
      1,
    )
  })
  out.write(`HubSpot API emulator listening on ${demo.server.url} (token: ${demo.token})\n\n`)

  const connection = createConnection({
    accessToken: demo.token,
    basePath: demo.server.url,
    rateLimit: DEMO_RATE_LIMIT,
  })
  const journal = new MemoryRunJournal()
  const progress = createProgress('Scoring')
  const urgent: HealthResult[] = []
  const names = new Map<string, string>()
  try {
    const summary = await rescorePortal({
      connection,
      model: getDefaultModel(),
      journal,
      portalKey: `demo-${demo.emulator.store.portalId}`,
      logger: createLogger(values['log-level']),
      onProgress: (p) => progress.update(p.done, p.total, p.apiCalls),
      onScored: (result, snapshot) => {
        if (urgent.length === URGENT_COUNT && result.priority <= urgent.at(-1)!.priority) return
        urgent.push(result)
        urgent.sort((a, b) => b.priority - a.priority)
        if (urgent.length > URGENT_COUNT) urgent.pop()
        names.set(result.companyId, snapshot.properties.name ?? `Company ${result.companyId}`)
      },
    })
    progress.finish()
    out.write(`\n${renderSummary(summary)}\n`)
    out.write(`The ${URGENT_COUNT} most urgent accounts:\n\n`)
    out.write(renderResultTable(urgent, names, { color: out.isTTY === true }))
    const first = urgent[0]?.companyId
    out.write(
      [
        '',
        `Still serving the emulator on ${demo.server.url} until Ctrl-C. Try, in another terminal:`,
        first
          ? `  npx health-score explain ${first} --base-url ${demo.server.url}   (with HUBSPOT_ACCESS_TOKEN=${demo.token})`
          : '',
        `  curl ${demo.server.url}/__emulator/stats`,
        '',
      ].join('\n'),
    )
  } finally {
    await connection.close()
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve)
    process.once('SIGTERM', resolve)
  })
  await demo.server.close()
  return 0
}
