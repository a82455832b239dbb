/**
 * The backend load benchmark (`npm run bench:server`): 20 portals, each its own HubSpot emulator
 * over HTTP (a 100-company demo portal, HubSpot's OAuth burst limit of 110 calls per rolling 10 s,
 * 30–50 ms latency), one backend (`createApp`) on loopback, and 200 concurrent card requests
 * (`GET /api/companies/:id/health`, signed v3 as `hubspot.fetch` signs them), 10 per portal; then
 * 200 concurrent `POST /api/companies/:id/recalculate`. For each round it prints p50 / p95 / max
 * latency, requests per second, HubSpot calls per request (from each emulator's
 * `/__emulator/stats`), the 429s each emulator answered, and the peak calls of any rolling 10 s per
 * portal against the budget. Exits non-zero on any 429, any failed request, or a window over 110.
 * Everything it starts is stopped in a `finally`, and on SIGINT / SIGTERM.
 * `--portals N --companies N --per-portal N` change the shape.
 */
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'

import { OAUTH_RATE_LIMIT } from '../src/server/index.ts'
import { peakInWindow, quantile, type Rig, type RigAnswer, startRig } from './server-rig.ts'

const { values: args } = parseArgs({
  options: {
    portals: { type: 'string', default: '20' },
    companies: { type: 'string', default: '100' },
    'per-portal': { type: 'string', default: '10' },
    'emulators-in': { type: 'string', default: 'child-process' },
  },
})
const PORTALS = Number(args.portals)
const COMPANIES = Number(args.companies)
const PER_PORTAL = Number(args['per-portal'])
for (const [name, value] of [
  ['--portals', PORTALS],
  ['--companies', COMPANIES],
  ['--per-portal', PER_PORTAL],
] as const)
  if (!Number.isInteger(value) || value < 1) {
    console.error(`bench:server: ${name} must be a whole number of at least 1`)
    process.exit(2)
  }
const EMULATORS_IN = args['emulators-in']
if (EMULATORS_IN !== 'child-process' && EMULATORS_IN !== 'this-process') {
  console.error('bench:server: --emulators-in must be child-process or this-process')
  process.exit(2)
}
/** Of a portal's requests, how many name a company another request of the round also names. */
const REPEATED = Math.floor(PER_PORTAL * 0.3)
const DISTINCT = PER_PORTAL - REPEATED

/** 30–50 ms, spread over the portals. */
const latencyOf = (index: number) => 30 + ((index * 7) % 21)

interface Round {
  readonly label: string
  readonly answers: RigAnswer[]
  readonly seconds: number
  readonly calls: number[]
  readonly rateLimited: number[]
  /** Calls by endpoint, summed over the portals. */
  readonly byEndpoint: Record<string, number>
  /** The share of the round this process's event loop was busy (backend and client). */
  readonly busy: number
  readonly peaks: number[]
}

/**
 * Each portal's requests of a round: `DISTINCT` companies, the first `REPEATED` of them asked for
 * twice (two CSMs opening the same card), each request by its own user.
 */
function plan(rig: Rig, offset: number) {
  return rig.portals.flatMap((portal) =>
    Array.from({ length: PER_PORTAL }, (_, k) => {
      const company = portal.companyIds[(offset + (k % DISTINCT)) % portal.companyIds.length]!
      return { portal, company, userId: 1000 + k }
    }),
  )
}

async function round(rig: Rig, label: string, method: 'GET' | 'POST', offset: number) {
  await rig.resetStats()
  const requests = plan(rig, offset)
  const loop = performance.eventLoopUtilization()
  const started = performance.now()
  const answers = await Promise.all(
    requests.map(({ portal, company, userId }) =>
      rig.request(portal.portalId, {
        method,
        path:
          method === 'GET'
            ? `/api/companies/${company}/health`
            : `/api/companies/${company}/recalculate`,
        userId,
      }),
    ),
  )
  const seconds = (performance.now() - started) / 1000
  const busy = performance.eventLoopUtilization(loop).utilization
  const stats = await Promise.all(rig.portals.map((portal) => rig.stats(portal)))
  // The peaks are over the whole run so far: a window may straddle two rounds.
  const times = await rig.burstTimes()
  const result: Round = {
    label,
    answers,
    seconds,
    calls: stats.map((s) => s.total),
    rateLimited: stats.map((s) => s.rateLimited),
    byEndpoint: sumByEndpoint(stats.map((s) => s.byEndpoint)),
    busy,
    peaks: rig.portals.map((portal) => peakInWindow(times[portal.portalId] ?? [])),
  }
  report(result)
  return result
}

function sumByEndpoint(all: Record<string, number>[]): Record<string, number> {
  const sum: Record<string, number> = {}
  for (const counts of all)
    for (const [endpoint, n] of Object.entries(counts)) sum[endpoint] = (sum[endpoint] ?? 0) + n
  return sum
}

function report(round: Round) {
  const ms = round.answers.map((a) => a.ms)
  const failed = round.answers.filter((a) => a.status !== 200)
  const calls = round.calls.reduce((s, n) => s + n, 0)
  const { peaks } = round
  const fmt = (n: number) => `${Math.round(n)} ms`
  console.log(`\n${round.label}: ${round.answers.length} concurrent requests`)
  console.log(
    `  latency     p50 ${fmt(quantile(ms, 0.5))}, p95 ${fmt(quantile(ms, 0.95))}, max ${fmt(Math.max(...ms))}`,
  )
  console.log(
    `  throughput  ${(round.answers.length / round.seconds).toFixed(1)} requests/s (${round.seconds.toFixed(2)} s for the round; ` +
      `this process's event loop busy ${(round.busy * 100).toFixed(0)}% of it)`,
  )
  console.log(
    `  HubSpot     ${calls} calls = ${(calls / round.answers.length).toFixed(2)} per request ` +
      `(per portal ${Math.min(...round.calls)}–${Math.max(...round.calls)})`,
  )
  const endpoints = Object.entries(round.byEndpoint).sort(([, a], [, b]) => b - a)
  console.log(`  by endpoint ${endpoints.map(([e, n]) => `${n} ${e}`).join('; ')}`)
  console.log(
    `  429s        ${round.rateLimited.reduce((s, n) => s + n, 0)} in all; by portal ${round.rateLimited.join(' ')}`,
  )
  console.log(
    `  rolling 10 s peak per portal, whole run so far: max ${Math.max(...peaks)} of ${OAUTH_RATE_LIMIT} (by portal ${peaks.join(' ')})`,
  )
  if (failed.length) {
    const statuses = [...new Set(failed.map((a) => a.status))].join(', ')
    console.log(`  FAILED      ${failed.length} requests (status ${statuses})`)
    console.log(`  first       ${JSON.stringify(failed[0]!.body).slice(0, 300)}`)
  }
}

let rig: Rig | null = null
let stopping: Promise<void> | null = null
const stop = () => (stopping ??= rig ? rig.stop() : Promise.resolve())
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    console.error(`\nbench:server: ${signal}, stopping the emulators and the backend`)
    void stop().finally(() => process.exit(130))
  })

let ok = true
try {
  const setupStarted = performance.now()
  rig = await startRig({
    portals: PORTALS,
    companies: COMPANIES,
    latencyMs: latencyOf,
    emulatorsIn: EMULATORS_IN,
  })
  console.log(
    `${PORTALS} portals × ${COMPANIES} demo companies, each its own emulator over HTTP in ${EMULATORS_IN === 'child-process' ? 'a child process' : 'this process'} ` +
      `(burst limit ${OAUTH_RATE_LIMIT} per 10 s, latency ${latencyOf(0)}–50 ms), one backend; ` +
      `set up and pre-scored in ${((performance.now() - setupStarted) / 1000).toFixed(1)} s`,
  )
  console.log(
    `the backend's connections: createConnection at OAUTH_RATE_LIMIT ${OAUTH_RATE_LIMIT}, as in ` +
      `production, but authenticated with each emulator's private-app token (no OAuth refresh)`,
  )
  console.log(
    `${PER_PORTAL} requests per portal: ${DISTINCT} distinct companies, ${REPEATED} of them ` +
      `asked for twice at once (each request by its own user)`,
  )
  const rounds = [
    await round(rig, 'card views (GET /api/companies/:id/health)', 'GET', 0),
    await round(rig, 'recalculations (POST /api/companies/:id/recalculate)', 'POST', DISTINCT),
  ]
  for (const result of rounds) {
    if (result.rateLimited.some((n) => n > 0)) ok = false
    if (result.answers.some((a) => a.status !== 200)) ok = false
    if (result.peaks.some((peak) => peak > OAUTH_RATE_LIMIT)) ok = false
  }
  console.log(ok ? '\nok: no 429, every portal within its budget' : '\nFAILED: see above')
} catch (error) {
  ok = false
  console.error(`bench:server: ${error instanceof Error ? error.message : String(error)}`)
} finally {
  await stop()
}
process.exitCode = ok ? 0 : 1
