/**
 * The portal benchmark (`npm run bench:portal`): whole rescore runs of demo portals through the
 * real client against the emulator, printing
 * - calls: API calls per 100 companies for a full run (gather + writes) on the 2k and 20k portals,
 *   against the batch lower bound from the portal's actual counts, and the ratio (goal ≤ 1.3);
 * - repeat: a second run over unchanged data (goal: 0 properties written);
 * - pace: wall time and rate-limit utilisation, calls ÷ (elapsed × allowed rate), on the 2k portal
 *   with the emulator at 190 calls per 10 s and 50 ms latency (goal ≥ 0.9, no 429 storm);
 * - memory: peak RSS of the run on a 100k portal, the emulator in a process of its own (goal < 300 MB).
 * Each scenario runs in a fresh child process. `--only calls|pace|memory` runs one.
 */
import { execFileSync, spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

import { createEmulator } from '@health-score/hubspot-emulator'
import { setupServer } from 'msw/node'

import { DEMO_DEFAULTS, demoPropertyDeclarations, iterateDemoPortal } from '../src/demo/index.ts'
import { getDefaultModel } from '../src/health/index.ts'
import {
  createConnection,
  ENGAGEMENT_OBJECTS,
  ensurePropertySchema,
  gatherLowerBound,
  SIGNAL_ENGAGEMENT_TYPES,
} from '../src/hubspot/index.ts'
import { MemoryRunJournal, rescorePortal } from '../src/operations/index.ts'

const BASE_PATH = 'http://hubspot.bench'
const model = getDefaultModel()
const SEARCH = /\/search$/

function demoEmulator(companies: number, options: { rateLimit?: number; latencyMs?: number } = {}) {
  return createEmulator({
    fixture: {
      ...demoPropertyDeclarations(),
      portalId: DEMO_DEFAULTS.portalId,
      asOf: DEMO_DEFAULTS.asOf,
      bundles: () => iterateDemoPortal({ companies }),
    },
    rateLimit: options.rateLimit ?? 1e9,
    dailyLimit: 1e9,
    searchPerSecond: options.rateLimit ? 5 : 1e9,
    latencyMs: options.latencyMs,
  })
}

async function calls(companies: number) {
  const emulator = demoEmulator(companies)
  const server = setupServer(...emulator.handlers)
  server.listen({ onUnhandledRequest: 'error' })
  const connection = () =>
    createConnection({
      accessToken: 'emulator-token',
      basePath: BASE_PATH,
      rateLimit: 1e7,
      searchPerSecond: 1e7,
      maxConcurrent: 32,
    })
  const setup = connection()
  await ensurePropertySchema(setup, model)
  await setup.close()
  const journal = new MemoryRunJournal()
  const run = async () => {
    const conn = connection()
    const summary = await rescorePortal({ connection: conn, model, journal, portalKey: 'bench' })
    await conn.close()
    return summary
  }
  const first = await run()
  const second = await run()
  const objects = emulator.stats().objects
  const gather = gatherLowerBound({
    companies,
    tickets: objects.tickets,
    engagements: Object.fromEntries(
      SIGNAL_ENGAGEMENT_TYPES.map((t) => [ENGAGEMENT_OBJECTS[t], objects[ENGAGEMENT_OBJECTS[t]]]),
    ),
  })
  // The schema is read once per run (1 list call); writes need a call per 100 changed companies.
  const bound = gather + 1 + Math.ceil(first.written / 100)
  server.close()
  return { companies, first, second, bound, secondBound: gather + 1 }
}

async function pace(companies: number) {
  const emulator = demoEmulator(companies, { rateLimit: 190, latencyMs: 50 })
  const server = setupServer(...emulator.handlers)
  server.listen({ onUnhandledRequest: 'error' })
  const conn = createConnection({
    accessToken: 'emulator-token',
    basePath: BASE_PATH,
    rateLimit: 190,
  })
  const started = performance.now()
  const summary = await rescorePortal({
    connection: conn,
    model,
    journal: new MemoryRunJournal(),
    portalKey: 'bench',
  })
  const seconds = (performance.now() - started) / 1000
  const limited = Object.entries(summary.apiCalls.byEndpoint)
    .filter(([e]) => !SEARCH.test(e))
    .reduce((s, [, n]) => s + n, 0)
  await conn.close()
  server.close()
  const stats = emulator.stats().calls as { total: number; byStatus?: Record<string, number> }
  return {
    companies,
    seconds,
    limited,
    utilisation: limited / (seconds * 19),
    rateLimited: summary.rateLimited,
    emulatorCalls: stats.total,
  }
}

async function memory(companies: number) {
  const emulatorProcess = spawn(
    process.execPath,
    [
      '--max-old-space-size=8192',
      '--import',
      'tsx',
      fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)),
      'emulator',
      '--companies',
      String(companies),
      '--port',
      '0',
      '--rate-limit',
      '1000000',
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  const url = await new Promise<string>((resolve, reject) => {
    let text = ''
    emulatorProcess.stdout!.on('data', (chunk: Buffer) => {
      text += chunk.toString()
      const match = /listening on (\S+)/.exec(text)
      if (match) resolve(match[1]!)
    })
    emulatorProcess.on('exit', (code) => reject(new Error(`emulator exited with ${code}`)))
  })
  // The run itself is the `health-score score` command in a process of its own, as a user runs it;
  // the kernel's high-water mark (VmHWM) is its peak RSS, read until it exits.
  const started = performance.now()
  const cli = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('../src/cli/main.ts', import.meta.url)),
      'score',
      '--base-url',
      url,
      '--data-dir',
      ':memory:',
      '--json',
      '--rate-limit',
      '10000',
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, HUBSPOT_ACCESS_TOKEN: 'emulator-token' },
    },
  )
  let peakKb = 0
  const readPeak = () => {
    let status = ''
    try {
      status = readFileSync(`/proc/${cli.pid}/status`, 'utf8')
    } catch {
      return // it has exited
    }
    const match = /VmHWM:\s+(\d+) kB/.exec(status)
    if (match) peakKb = Math.max(peakKb, Number(match[1]))
  }
  const sampler = setInterval(readPeak, 200)
  let stdout = ''
  cli.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
  await new Promise((resolve) => cli.on('exit', resolve))
  clearInterval(sampler)
  emulatorProcess.kill()
  const summary = JSON.parse(stdout) as { scored: number; apiCalls: { total: number } }
  return {
    companies,
    seconds: (performance.now() - started) / 1000,
    scored: summary.scored,
    calls: summary.apiCalls.total,
    peakMb: Math.round(peakKb / 1024),
  }
}

const SCENARIOS = { calls, pace, memory } as const
type Scenario = keyof typeof SCENARIOS

function child(scenario: Scenario, companies: number): unknown {
  // The memory run measures the run as the CLI runs it, with Node's default heap settings.
  const heap = scenario === 'memory' ? [] : ['--max-old-space-size=6144']
  const output = execFileSync(
    process.execPath,
    [
      '--expose-gc',
      ...heap,
      '--import',
      'tsx',
      fileURLToPath(import.meta.url),
      '--child',
      scenario,
      String(companies),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  )
  return JSON.parse(output.trim().split('\n').at(-1)!)
}

const args = process.argv.slice(2)
if (args[0] === '--child') {
  const result = await SCENARIOS[args[1] as Scenario](Number(args[2]))
  console.log(JSON.stringify(result))
} else {
  const only = args[0] === '--only' ? (args[1] as Scenario) : null
  const per100 = (n: number, companies: number) => ((n / companies) * 100).toFixed(1)
  if (!only || only === 'calls') {
    for (const companies of [2000, 20_000]) {
      const m = child('calls', companies) as Awaited<ReturnType<typeof calls>>
      console.log(`\ncalls, ${companies.toLocaleString('en')}-company demo portal`)
      console.log(
        `  full run:   ${m.first.apiCalls.total} calls = ${per100(m.first.apiCalls.total, companies)} per 100 companies (${m.first.written} written)`,
      )
      console.log(
        `  bound:      ${m.bound} calls = ${per100(m.bound, companies)} per 100 companies; ratio ${(m.first.apiCalls.total / m.bound).toFixed(3)} (goal ≤ 1.3)`,
      )
      console.log(
        `  repeat run: ${m.second.written} companies written (goal 0), ${m.second.apiCalls.total} calls (${(m.second.apiCalls.total / m.secondBound).toFixed(3)} × its bound)`,
      )
    }
  }
  if (!only || only === 'pace') {
    const m = child('pace', 2000) as Awaited<ReturnType<typeof pace>>
    console.log(`\npace, 2,000 companies at 190 calls / 10 s and 50 ms latency`)
    console.log(
      `  ${m.seconds.toFixed(1)} s, ${m.limited} rate-limited calls: utilisation ${m.utilisation.toFixed(3)} (goal ≥ 0.9); 429s ${m.rateLimited}`,
    )
  }
  if (!only || only === 'memory') {
    const companies = Number(process.env.BENCH_MEMORY_COMPANIES ?? 100_000)
    const m = child('memory', companies) as Awaited<ReturnType<typeof memory>>
    console.log(
      `\nmemory, ${companies.toLocaleString('en')}-company demo portal (emulator in its own process)`,
    )
    console.log(
      `  ${m.scored} scored in ${m.seconds.toFixed(0)} s with ${m.calls} calls; peak RSS of the score process ${m.peakMb} MB (goal < 300 MB)`,
    )
  }
}
