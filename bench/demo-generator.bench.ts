/**
 * The demo generator benchmark (`npx tsx bench/demo-generator.bench.ts [companies...]`): for each
 * size (2k, 20k, 100k by default) it times streaming the portal company by company and building it
 * whole, with record counts, RSS and heap, and the churn rate by latent-health quartile.
 * Each size runs in a fresh process so RSS figures do not mix. Prints its figures; asserts nothing.
 */
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

import { FIXTURE_OBJECT_TYPES } from '@health-score/hubspot-emulator'

import { type CompanyTruth, generateDemoPortal, iterateDemoPortal } from '../src/demo/index.ts'

const TYPES = FIXTURE_OBJECT_TYPES
const RECORD_TYPES = TYPES.filter((type) => type !== 'companies')
const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`

function churnByQuartile(truth: CompanyTruth[]): string {
  const rows = truth
    .flatMap((t) => t.renewals.filter((r) => r.observed && r.latent !== null).slice(-1))
    .sort((a, b) => (a.latent ?? 0) - (b.latent ?? 0))
  const quarter = rows.length / 4
  return [0, 1, 2, 3]
    .map((q) => {
      const part = rows.slice(Math.floor(q * quarter), Math.floor((q + 1) * quarter))
      return `${((100 * part.filter((r) => r.churned).length) / part.length).toFixed(1)}%`
    })
    .join(' / ')
}

function measure(companies: number): void {
  let start = performance.now()
  let records = 0
  for (const bundle of iterateDemoPortal({ companies })) {
    records += 1 + RECORD_TYPES.reduce((n, type) => n + bundle[type].length, 0)
  }
  const streamMs = performance.now() - start
  start = performance.now()
  const { fixture, truth } = generateDemoPortal({ companies })
  const buildMs = performance.now() - start
  const { rss, heapUsed } = process.memoryUsage()
  console.log(
    `\n${companies.toLocaleString('en-US')} companies, ${records.toLocaleString('en-US')} records`,
  )
  console.log(`  stream (iterateDemoPortal): ${(streamMs / 1000).toFixed(1)} s`)
  console.log(
    `  build (generateDemoPortal): ${(buildMs / 1000).toFixed(1)} s, RSS ${mb(rss)}, heap ${mb(heapUsed)}`,
  )
  console.log(`  ${TYPES.map((type) => `${type} ${fixture[type].length}`).join(', ')}`)
  console.log(`  churn by latent quartile at renewal (low → high): ${churnByQuartile(truth)}`)
}

const sizes = process.argv.slice(2).map(Number)
if (sizes.length === 1) {
  measure(sizes[0] as number)
} else {
  for (const size of sizes.length ? sizes : [2_000, 20_000, 100_000]) {
    execFileSync(
      process.execPath,
      [
        '--max-old-space-size=8192',
        '--import',
        'tsx',
        fileURLToPath(import.meta.url),
        String(size),
      ],
      { stdio: 'inherit' },
    )
  }
}
