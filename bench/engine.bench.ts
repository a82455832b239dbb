/**
 * The engine benchmark (`npm run bench`): signal extraction and scoring over 100,000 synthetic
 * snapshots, each timed on its own, with the peak heap. Prints its figures; asserts nothing.
 */
import {
  extractSignals,
  getDefaultModel,
  scoreSignals,
  type SignalSet,
} from '../src/health/index.ts'
import { syntheticSnapshots } from './synthetic-snapshots.ts'

const COUNT = Number(process.env.BENCH_COMPANIES ?? 100_000)
const ROUNDS = 5
const asOf = Date.parse('2026-11-01T00:00:00.000Z')
const model = getDefaultModel()

let peakHeap = 0
const sampleHeap = () => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
}

let snapshots = syntheticSnapshots(COUNT, asOf)
sampleHeap()
const records = snapshots.reduce(
  (n, s) => n + (s.tickets?.length ?? 0) + (s.engagements?.length ?? 0),
  0,
)

function time<T>(fn: () => T): { ms: number; value: T } {
  const start = process.hrtime.bigint()
  const value = fn()
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value }
}

let signals: SignalSet[] = []
const signalTimes: number[] = []
for (let round = 0; round < ROUNDS; round++) {
  const { ms, value } = time(() => snapshots.map((s) => extractSignals(s, model)))
  signalTimes.push(ms)
  signals = value
  sampleHeap()
}

// The engine reads signal sets only: let the snapshots go, as a portal run does page by page.
snapshots = []
globalThis.gc?.()

let checksum = 0
const engineTimes: number[] = []
for (let round = 0; round < ROUNDS; round++) {
  const { ms } = time(() => {
    for (const set of signals) {
      const result = scoreSignals(set, model)
      if (result.success) checksum += result.value.score
    }
  })
  engineTimes.push(ms)
  sampleHeap()
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!
const rate = (ms: number) => Math.round((COUNT / ms) * 1000).toLocaleString('en-US')
console.log(
  `engine benchmark: ${COUNT.toLocaleString('en-US')} companies, ${records.toLocaleString('en-US')} tickets and engagements, ${ROUNDS} rounds, median round`,
)
console.log(
  `  signals  ${rate(median(signalTimes)).padStart(11)} companies/s  (${median(signalTimes).toFixed(0)} ms)   goal ≥ 200,000/s`,
)
console.log(
  `  engine   ${rate(median(engineTimes)).padStart(11)} companies/s  (${median(engineTimes).toFixed(0)} ms)   goal ≥ 1,000,000/s`,
)
console.log(`  peak heap ${(peakHeap / 1024 / 1024).toFixed(0)} MB   (checksum ${checksum})`)
