/**
 * @module `health-score demo` (what `npm start` runs): generates the demo portal, serves it through
 * the HubSpot API emulator, rescores it through the real client with a progress bar, prints what it
 * found, then keeps serving until Ctrl-C so you can explore it.
 */
import type { HealthResult } from '../../health/index.ts'
import type { DemoInput } from '../commands/demo.ts'
import { connectTarget } from '../connect.ts'
import { DEFAULTS } from '../defaults.ts'
import { renderSummary } from '../render-summary.ts'
import { renderResultTable } from '../render-table.ts'
import { rescoreTarget } from '../rescore-target.ts'
import { untilSignal } from '../until-signal.ts'

const URGENT_COUNT = 10

export async function run({ flags }: DemoInput): Promise<number> {
  const out = process.stdout
  const companies = flags.companies ?? DEFAULTS.companies
  const seed = flags.seed ?? DEFAULTS.seed
  out.write(`Generating the demo portal: ${companies} companies (seed ${seed})…\n`)
  const target = await connectTarget({
    demo: true,
    companies,
    seed,
    rateLimit: flags.rateLimit,
    port: flags.port ?? DEFAULTS.port,
  })
  const { server, token } = target.demo!
  try {
    out.write(`HubSpot API emulator listening on ${server.url} (token: ${token})\n\n`)
    const urgent: HealthResult[] = []
    const names = new Map<string, string>()
    const summary = await rescoreTarget(target, {
      logLevel: flags.logLevel,
      progress: true,
      onScored: (result, snapshot) => {
        if (urgent.length === URGENT_COUNT && result.priority <= urgent.at(-1)!.priority) return
        urgent.push(result)
        urgent.sort((a, b) => b.priority - a.priority)
        if (urgent.length > URGENT_COUNT) urgent.pop()
        names.set(result.companyId, snapshot.properties.name ?? `Company ${result.companyId}`)
      },
    })
    out.write(`\n${renderSummary(summary)}\n`)
    out.write(`The ${URGENT_COUNT} most urgent accounts:\n\n`)
    out.write(renderResultTable(urgent, names, { color: out.isTTY === true }))
    const first = urgent[0]?.companyId
    out.write(
      [
        '',
        `Still serving the emulator on ${server.url} until Ctrl-C. Try, in another terminal:`,
        first
          ? `  npx health-score explain ${first} --base-url ${server.url}   (with ${DEFAULTS.tokenVariable}=${token})`
          : '',
        `  curl ${server.url}/__emulator/stats`,
        '',
      ].join('\n'),
    )
    await untilSignal()
  } finally {
    await target.close()
  }
  return 0
}
