/**
 * @module `health-score demo` (what `npm start` runs): generates the demo portal, serves it through
 * the HubSpot API emulator, rescores it through the real client with a progress bar, prints what it
 * found, then serves the marketplace backend too, with the demo portal installed through OAuth and
 * one signed `curl` of the card API, and keeps both serving until Ctrl-C so you can explore them.
 */
import type { HealthResult } from '../../health/index.ts'
import { createLogger } from '../../log.ts'
import type { DemoInput } from '../commands/demo.ts'
import { connectTarget } from '../connect.ts'
import { DEFAULTS } from '../defaults.ts'
import { serveDemoBackend, SIGNED_CURL_MINUTES, signedCurl } from '../demo-backend.ts'
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
    const backend = await serveDemoBackend(server.url, createLogger(flags.logLevel))
    try {
      const atRisk = urgent.find((result) => result.tier === 'at_risk') ?? urgent[0]
      const portalId = target.demo!.emulator.store.portalId
      out.write(
        [
          '',
          `Marketplace backend (health-score serve) listening on ${backend.url}, with the demo portal ${portalId} installed through OAuth.`,
          ...(atRisk
            ? [
                `The card API answers for ${names.get(atRisk.companyId)} (${atRisk.tier.replace('_', ' ')}), signed as HubSpot signs hubspot.fetch (good once, for ${SIGNED_CURL_MINUTES} minutes):`,
                `  ${signedCurl(backend, portalId, atRisk.companyId)}`,
              ]
            : []),
          '',
          `Still serving the emulator on ${server.url} and the backend on ${backend.url} until Ctrl-C. Try, in another terminal:`,
          first
            ? `  npx health-score explain ${first} --base-url ${server.url}   (with ${DEFAULTS.tokenVariable}=${token})`
            : '',
          `  curl ${server.url}/__emulator/stats`,
          '',
        ].join('\n'),
      )
      await untilSignal()
    } finally {
      await backend.close()
    }
  } finally {
    await target.close()
  }
  return 0
}
