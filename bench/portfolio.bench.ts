/**
 * The portfolio benchmark (`npm run bench:portfolio`): a SQLite store file holding a year of nightly
 * runs (2,000 companies × 365 days, random-walk scores, 5,000 playbook actions), then the time of
 * `GET /api/portfolio`'s view (`readPortfolioView`) and of each of its queries, a night's write of
 * 2,000 results and the pruning. Prints its figures; asserts nothing.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import type { TierId } from '../src/health/index.ts'
import {
  PORTFOLIO_LIMITS,
  readPortfolioView,
  type ScoreRecord,
  SERVER_STORE_FILE,
  SqliteServerStore,
} from '../src/server/index.ts'

const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 2_000)
const DAYS = Number(process.env.BENCH_DAYS ?? 365)
const ACTIONS = 5_000
const ROUNDS = 10
const PORTAL = 62515
const DAY_MS = 86_400_000
const AS_OF = Date.parse('2026-12-02T12:00:00.000Z')
const nightly = (offset: number) => (Math.floor(AS_OF / DAY_MS) + offset) * DAY_MS + 2 * 3_600_000

/** A seeded PRNG (mulberry32), so every run measures the same data. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const tierOf = (score: number): TierId =>
  score >= 75 ? 'healthy' : score >= 50 ? 'neutral' : score >= 25 ? 'at_risk' : 'critical'

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint()
  const value = await fn()
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!
const fmt = (ms: number) => `${ms.toFixed(1)} ms`

const dataDir = mkdtempSync(join(tmpdir(), 'health-portfolio-bench-'))
const store = new SqliteServerStore(dataDir)
try {
  const next = random(42)
  const scores = Array.from({ length: COMPANIES }, () => 30 + Math.floor(next() * 65))
  const portfolio = store.portfolio()
  const nights: number[] = []
  for (let offset = -(DAYS - 1); offset <= 0; offset++) {
    const records: ScoreRecord[] = scores.map((score, i) => {
      const moved = Math.max(0, Math.min(100, score + Math.round((next() - 0.5) * 6)))
      scores[i] = moved
      return {
        companyId: String(100_000 + i),
        name: `Company ${i}`,
        score: moved,
        tier: tierOf(moved),
        segment: 'default',
        scoredAt: nightly(offset),
      }
    })
    nights.push((await time(() => portfolio.recordScores(PORTAL, records))).ms)
  }
  for (let i = 0; i < ACTIONS; i++) {
    await portfolio.recordAction({
      portalId: PORTAL,
      companyId: String(100_000 + Math.floor(next() * COMPANIES)),
      actionId: ['exec_call', 'csm_checkin', 'qbr', 'advocacy_ask'][i % 4]!,
      label: 'Action',
      startedAt: nightly(-Math.floor(next() * (DAYS - 1))) + 8 * 3_600_000,
    })
  }
  const file = join(dataDir, SERVER_STORE_FILE)
  const bytes = statSync(file).size + statSync(`${file}-wal`, { throwIfNoEntry: false })!.size

  const views: number[] = []
  let view = await readPortfolioView(portfolio, PORTAL, AS_OF)
  for (let round = 0; round < ROUNDS; round++) {
    const timed = await time(() => readPortfolioView(portfolio, PORTAL, AS_OF))
    views.push(timed.ms)
    view = timed.value
  }
  const queries: Record<string, () => Promise<unknown>> = {
    'distribution now': () => portfolio.distribution(PORTAL, AS_OF),
    'distribution 30 days ago': () => portfolio.distribution(PORTAL, AS_OF - 30 * DAY_MS),
    'weekly tiers (13 weeks)': () => portfolio.weeklyTiers(PORTAL, AS_OF, PORTFOLIO_LIMITS.weeks),
    'trending down (10)': () => portfolio.trendingDown(PORTAL, AS_OF, 10),
    'newly red (25)': () => portfolio.newlyRed(PORTAL, AS_OF, 25),
    'save rate': () => portfolio.saveRate(PORTAL, AS_OF),
    interventions: () => portfolio.interventions(PORTAL, AS_OF),
  }
  const lines: string[] = []
  for (const [name, run] of Object.entries(queries)) {
    const times: number[] = []
    for (let round = 0; round < ROUNDS; round++) times.push((await time(run)).ms)
    lines.push(`  ${name.padEnd(26)} ${fmt(median(times))}`)
  }
  await store.saveInstallation(
    {
      portalId: PORTAL,
      scopes: [],
      tokens: { accessToken: 'x' as never, refreshToken: 'y' as never, expiresAt: 0 },
    },
    AS_OF,
  )
  const pruned = await time(() => portfolio.forgetBefore(nightly(-(DAYS - 30))))

  console.log(`portfolio store: ${COMPANIES} companies × ${DAYS} days, ${ACTIONS} actions`)
  console.log(`  file (with WAL)            ${(bytes / 1e6).toFixed(1)} MB`)
  console.log(`  a night's write of ${COMPANIES}     ${fmt(median(nights))} (median)`)
  console.log(`  the view (readPortfolioView) ${fmt(median(views))} median of ${ROUNDS}, ` +
    `${fmt(Math.max(...views))} max`) // prettier-ignore
  console.log(lines.join('\n'))
  console.log(`  pruning the oldest 30 days  ${fmt(pruned.ms)} (${pruned.value} rows)`)
  console.log(
    `  view: scored ${view.scored}, tiers ${JSON.stringify(view.tiers)}, ` +
      `${view.history.weeks.length} weeks, ${view.trendingDown.length} trending, ` +
      `${view.newlyRed.length} newly red, save rate ${view.saveRate.value?.toFixed(2)}, ` +
      `${view.interventions?.length} actions`,
  )
} finally {
  await store.close()
  rmSync(dataDir, { recursive: true, force: true })
}
