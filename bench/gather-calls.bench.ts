/**
 * Gather benchmark: API calls per 100 companies against the batch lower bound, on the 2k and 20k
 * demo portals (in-process emulator, limits lifted so it runs fast), with peak RSS. On the 2k
 * portal it also counts the alternative: a time-windowed search across the portal for tickets and
 * engagements (200 a page, re-windowed at the 10,000-result cap). Each portal runs in a fresh child
 * process, both at once (about 3 minutes on two cores). RSS includes the in-process emulator.
 * Run: npx tsx bench/gather-calls.bench.ts [--companies N ...]
 */
import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

import { createEmulator } from '@health-score/hubspot-emulator'
import { setupServer } from 'msw/node'

import { DEMO_DEFAULTS, iterateDemoPortal } from '../src/demo/index.ts'
import { getDefaultModel } from '../src/health/index.ts'
import {
  createConnection,
  ENGAGEMENT_OBJECTS,
  gatherLowerBound,
  gatherPortal,
  type HubSpotConnection,
  searchModifiedSince,
  SIGNAL_ENGAGEMENT_TYPES,
} from '../src/hubspot/index.ts'

const BASE_PATH = 'http://hubspot.bench'
const RECORD_TYPES = [
  'tickets',
  ...SIGNAL_ENGAGEMENT_TYPES.map((t) => ENGAGEMENT_OBJECTS[t]),
] as const

interface Measured {
  companies: number
  calls: number
  byEndpoint: Record<string, number>
  bound: number
  seconds: number
  rssLoadedMb: number
  rssPeakMb: number
  heapPeakMb: number
  searchCalls: number | null
}

function connect(): HubSpotConnection {
  return createConnection({
    accessToken: 'emulator-token',
    basePath: BASE_PATH,
    rateLimit: 1e7,
    searchPerSecond: 1e7,
    maxConcurrent: 32,
  })
}

async function measure(companies: number, withSearch: boolean): Promise<Measured> {
  const emulator = createEmulator({
    fixture: {
      portalId: DEMO_DEFAULTS.portalId,
      asOf: DEMO_DEFAULTS.asOf,
      bundles: () => iterateDemoPortal({ companies }),
    },
    rateLimit: 1e9,
    dailyLimit: 1e9,
    searchPerSecond: 1e9,
  })
  const server = setupServer(...emulator.handlers)
  server.listen({ onUnhandledRequest: 'error' })
  globalThis.gc?.()
  const rssLoaded = process.memoryUsage().rss
  const heapLoaded = process.memoryUsage().heapUsed
  let rssPeak = rssLoaded
  let heapPeak = heapLoaded
  const sampler = setInterval(() => {
    const usage = process.memoryUsage()
    rssPeak = Math.max(rssPeak, usage.rss)
    heapPeak = Math.max(heapPeak, usage.heapUsed)
  }, 50)

  const conn = connect()
  const started = performance.now()
  let gathered = 0
  for await (const page of gatherPortal(conn, {
    model: getDefaultModel(),
    asOf: Date.now(),
    ownedProperties: ['health_score', 'health_tier'],
  })) {
    gathered += page.companies.length
    if (page.failures.length) throw new Error(`failures: ${JSON.stringify(page.failures[0])}`)
  }
  const seconds = (performance.now() - started) / 1000
  clearInterval(sampler)
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss)
  if (gathered !== companies) throw new Error(`gathered ${gathered} of ${companies} companies`)
  const { total, byEndpoint } = conn.calls.snapshot()
  await conn.close()

  // Every demo record belongs to a company, so the portal's counts are the associated counts.
  const objects = emulator.stats().objects
  const bound = gatherLowerBound({
    companies,
    tickets: objects.tickets,
    engagements: Object.fromEntries(RECORD_TYPES.slice(1).map((type) => [type, objects[type]])),
  })

  let searchCalls: number | null = null
  if (withSearch) {
    // The alternative: companies and associations as above, records by a portal-wide search.
    const search = connect()
    for (const type of RECORD_TYPES) await searchModifiedSince(search, type, 0, async () => {})
    const nonRecord = Object.entries(byEndpoint)
      .filter(([endpoint]) => !/objects\/\w+\/batch\/read/.test(endpoint))
      .reduce((sum, [, n]) => sum + n, 0)
    searchCalls = search.calls.total + nonRecord
    await search.close()
  }
  server.close()
  const mb = (bytes: number) => Math.round(bytes / 2 ** 20)
  return {
    companies,
    calls: total,
    byEndpoint,
    bound,
    seconds,
    rssLoadedMb: mb(rssLoaded),
    rssPeakMb: mb(rssPeak),
    heapPeakMb: mb(heapPeak - heapLoaded),
    searchCalls,
  }
}

function report(m: Measured): void {
  const per100 = (n: number) => ((n / m.companies) * 100).toFixed(1)
  console.log(
    `\n${m.companies.toLocaleString('en')}-company demo portal (gathered in ${m.seconds.toFixed(1)} s)`,
  )
  console.log(`  batch gather: ${m.calls} calls = ${per100(m.calls)} per 100 companies`)
  console.log(`  lower bound:  ${m.bound} calls = ${per100(m.bound)} per 100 companies`)
  console.log(`  ratio:        ${(m.calls / m.bound).toFixed(3)} × the bound (goal ≤ 1.3)`)
  if (m.searchCalls !== null)
    console.log(
      `  alternative, time-windowed search for records: ${m.searchCalls} calls = ${per100(m.searchCalls)} per 100 companies (holds every record of the portal at once to join them)`,
    )
  console.log(
    `  RSS: ${m.rssLoadedMb} MB with the emulator loaded, ${m.rssPeakMb} MB peak while gathering; heap +${m.heapPeakMb} MB at most (emulator garbage included)`,
  )
  for (const [endpoint, n] of Object.entries(m.byEndpoint)) console.log(`    ${endpoint}: ${n}`)
}

const args = process.argv.slice(2)
if (args[0] === '--child') {
  console.log(JSON.stringify(await measure(Number(args[1]), args[2] === 'search')))
} else {
  const sizes = args[0] === '--companies' ? args.slice(1).map(Number) : [2000, 20_000]
  const started = performance.now()
  const run = promisify(execFile)
  const results = await Promise.all(
    sizes.map((companies) =>
      run(
        process.execPath,
        [
          '--expose-gc',
          '--max-old-space-size=6144',
          '--import',
          'tsx',
          fileURLToPath(import.meta.url),
          '--child',
          String(companies),
          companies <= 5000 ? 'search' : 'batch',
        ],
        { encoding: 'utf8', maxBuffer: 1 << 24 },
      ),
    ),
  )
  for (const { stdout } of results)
    report(JSON.parse(stdout.trim().split('\n').at(-1)!) as Measured)
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s in all)`)
}
