/**
 * Calibrate benchmark: the backtest of the demo portal against `health-score emulator` at its
 * default limits (190 calls per rolling 10 s, search 5/s outside that window), served in a child
 * process as a user would run it, and `calibrate` through the real client with its default
 * connection (190 per 10 s). Prints each portal's wall time (the backtest only: the emulator is
 * already serving), its API calls by endpoint and lane, and how the calls grow with the portal.
 * With `--lanes`, it also times the gather alone on the largest portal with batch reads only and
 * with the search lane beside them, to show what the second lane pays.
 * Run: npx tsx bench/calibrate.bench.ts [--companies 500,1000,2000] [--lanes]
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

import { getDefaultModel } from '../src/health/index.ts'
import { createConnection, gatherHistory } from '../src/hubspot/index.ts'
import { calibrate } from '../src/operations/index.ts'

const ROOT = fileURLToPath(new URL('..', import.meta.url))
const RATE = 190
/** What the connection spends per second at most: 190 per 10.5 s (its 5% margin). */
const BURST_PER_SECOND = RATE / 10.5

interface Served {
  readonly url: string
  readonly child: ChildProcess
}

async function serveEmulator(companies: number): Promise<Served> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'emulator',
      '--port',
      '0',
      '--companies',
      `${companies}`,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const lines = createInterface({ input: child.stdout! })
  for await (const line of lines) {
    const match = /^listening on (\S+)/.exec(line)
    if (match) {
      lines.close()
      child.stdout!.resume()
      return { url: match[1]!, child }
    }
  }
  throw new Error('the emulator exited before it listened')
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  child.kill('SIGTERM')
  await once(child, 'exit')
}

interface Measured {
  companies: number
  seconds: number
  /** Seconds from the last page gathered to the report: the fit, the bootstrap, the save rate. */
  afterGather: number
  burst: number
  search: number
  exempt: number
  byEndpoint: Record<string, number>
  rateLimited: number
  outcomes: number
  auc: number | null
}

async function measure(companies: number): Promise<Measured> {
  const served = await serveEmulator(companies)
  try {
    const connection = createConnection({
      accessToken: 'emulator-token',
      basePath: served.url,
      rateLimit: RATE,
    })
    const started = performance.now()
    let gathered = started
    const report = await calibrate({
      connection,
      model: getDefaultModel(),
      onProgress: () => (gathered = performance.now()),
    })
    const ended = performance.now()
    const seconds = (ended - started) / 1000
    const rateLimited = connection.calls.rateLimited
    await connection.close()
    const { byEndpoint } = report.apiCalls
    const sum = (test: (endpoint: string) => boolean) =>
      Object.entries(byEndpoint)
        .filter(([endpoint]) => test(endpoint))
        .reduce((total, [, n]) => total + n, 0)
    const search = sum((e) => e.endsWith('/search'))
    const exempt = sum((e) => e.includes('/crm/v4/associations/'))
    return {
      companies,
      seconds,
      afterGather: (ended - gathered) / 1000,
      burst: report.apiCalls.total - search - exempt,
      search,
      exempt,
      byEndpoint,
      rateLimited,
      outcomes: report.outcomes,
      auc: report.current.auc,
    }
  } finally {
    await stop(served.child)
  }
}

/** The gather alone at the default limits, with or without the search lane: seconds and calls. */
async function timeGather(companies: number, searchLane: boolean) {
  const served = await serveEmulator(companies)
  try {
    const connection = createConnection({
      accessToken: 'emulator-token',
      basePath: served.url,
      rateLimit: RATE,
    })
    const started = performance.now()
    let gathered = 0
    for await (const page of gatherHistory(connection, { model: getDefaultModel(), searchLane }))
      gathered += page.companies.length
    const seconds = (performance.now() - started) / 1000
    const { total, byEndpoint } = connection.calls.snapshot()
    await connection.close()
    if (gathered !== companies) throw new Error(`gathered ${gathered} of ${companies} companies`)
    const search = Object.entries(byEndpoint)
      .filter(([endpoint]) => endpoint.endsWith('/search'))
      .reduce((sum, [, n]) => sum + n, 0)
    return { seconds, total, search }
  } finally {
    await stop(served.child)
  }
}

function report(m: Measured): void {
  const total = m.burst + m.search + m.exempt
  console.log(
    `\n${m.companies.toLocaleString('en')}-company demo portal: ${m.seconds.toFixed(1)} s ` +
      `(${m.afterGather.toFixed(1)} s of it after the last page), ` +
      `${m.outcomes} outcomes, current AUC ${m.auc?.toFixed(3) ?? 'none'}, ${m.rateLimited} 429s`,
  )
  console.log(
    `  calls: ${total} (${((total / m.companies) * 100).toFixed(1)} per 100 companies) = ` +
      `${m.burst} burst + ${m.search} search + ${m.exempt} associations (exempt)`,
  )
  console.log(
    `  burst lane alone: ${(m.burst / BURST_PER_SECOND).toFixed(1)} s at ${RATE} per 10.5 s; ` +
      `search lane alone: ${(m.search / 5).toFixed(1)} s at 5/s`,
  )
  for (const [endpoint, n] of Object.entries(m.byEndpoint).sort(([a], [b]) => a.localeCompare(b)))
    console.log(`    ${String(n).padStart(5)}  ${endpoint}`)
}

const lanes = process.argv.includes('--lanes')
const flag = process.argv.indexOf('--companies')
const sizes = flag > 0 ? process.argv[flag + 1]!.split(',').map(Number) : [500, 1000, 2000]
const measured: Measured[] = []
for (const companies of sizes) {
  const m = await measure(companies)
  report(m)
  measured.push(m)
}
if (measured.length > 1) {
  console.log('\ngrowth (calls per company, by lane):')
  for (const m of measured)
    console.log(
      `  ${String(m.companies).padStart(6)}: ${(m.burst / m.companies).toFixed(3)} burst, ` +
        `${(m.search / m.companies).toFixed(3)} search, ${m.seconds.toFixed(1)} s`,
    )
}
if (lanes) {
  const largest = Math.max(...sizes)
  console.log(`\nthe gather alone, ${largest.toLocaleString('en')} companies:`)
  for (const searchLane of [false, true]) {
    const g = await timeGather(largest, searchLane)
    console.log(
      `  ${searchLane ? 'batch + search' : 'batch only    '}: ${g.seconds.toFixed(1)} s, ` +
        `${g.total} calls (${g.search} searches)`,
    )
  }
}
