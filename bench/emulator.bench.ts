/**
 * Emulator benchmark: in-process batch-read requests/s through the real client, and RSS after
 * loading 2k / 20k / 100k-company demo portals (each measured in a fresh child process).
 * Run: npx tsx bench/emulator.bench.ts [--rss-only | --throughput-only]
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import { createEmulator, type FixtureSource, OBJECT_TYPES } from '@health-score/hubspot-emulator'
import { Client } from '@hubspot/api-client'
import { setupServer } from 'msw/node'

import { DEMO_DEFAULTS, iterateDemoPortal } from '../src/demo/index.ts'

const BASE_PATH = 'http://hubspot.bench'
const PROPERTIES = [
  'name',
  'domain',
  'annualrevenue',
  'product_active_users_30d',
  'product_logins_30d',
  'nps_score',
  'csat_score',
  'renewal_date',
]

function demoSource(companies: number): FixtureSource {
  return {
    portalId: DEMO_DEFAULTS.portalId,
    asOf: DEMO_DEFAULTS.asOf,
    bundles: () => iterateDemoPortal({ companies }),
  }
}

async function throughput(): Promise<void> {
  const emulator = createEmulator({ fixture: demoSource(2000), rateLimit: 1e9, dailyLimit: 1e9 })
  const server = setupServer(...emulator.handlers)
  server.listen({ onUnhandledRequest: 'error' })
  const client = new Client({ accessToken: 'emulator-token', basePath: BASE_PATH })
  const ids = (n: number) =>
    Array.from({ length: 100 }, (_, i) => ({ id: String(100_000_001 + ((n * 100 + i) % 2000)) }))
  for (const concurrency of [1, 8, 32]) {
    let done = 0
    const until = performance.now() + 3000
    const worker = async (w: number) => {
      while (performance.now() < until) {
        const result = await client.crm.companies.batchApi.read({
          inputs: ids(done + w),
          properties: PROPERTIES,
          propertiesWithHistory: [],
        })
        if (result.results.length !== 100)
          throw new Error(`expected 100 results, got ${result.results.length}`)
        done++
      }
    }
    const started = performance.now()
    await Promise.all(Array.from({ length: concurrency }, (_, w) => worker(w)))
    const seconds = (performance.now() - started) / 1000
    console.log(
      `batch read (100 companies × ${PROPERTIES.length} properties), concurrency ${concurrency}: ${Math.round(done / seconds)} req/s`,
    )
  }
  server.close()
}

function measureRss(companies: number): void {
  const started = performance.now()
  const emulator = createEmulator({ fixture: demoSource(companies) })
  const loadSeconds = (performance.now() - started) / 1000
  globalThis.gc?.()
  const { rss, heapUsed } = process.memoryUsage()
  const counts = emulator.store.counts()
  const records = OBJECT_TYPES.reduce((sum, type) => sum + counts[type], 0)
  const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`
  console.log(
    `${companies} companies: ${records.toLocaleString('en')} records loaded in ${loadSeconds.toFixed(1)} s; RSS ${mb(rss)}, heap ${mb(heapUsed)} (${Math.round(heapUsed / records)} B/record)`,
  )
}

const [mode, arg] = process.argv.slice(2)
if (mode === '--rss-child') {
  measureRss(Number(arg))
} else {
  if (mode !== '--rss-only') await throughput()
  if (mode !== '--throughput-only') {
    for (const companies of [2000, 20_000, 100_000]) {
      const output = execFileSync(
        process.execPath,
        [
          '--expose-gc',
          '--max-old-space-size=6144',
          '--import',
          'tsx',
          fileURLToPath(import.meta.url),
          '--rss-child',
          String(companies),
        ],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      )
      process.stdout.write(output)
    }
  }
}
