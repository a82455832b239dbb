/** `health-score portfolio` as a user runs it: on the demo portal, and on any portal by URL. */
import { createEmulator, startEmulatorServer } from '@health-score/hubspot-emulator'
import { buildTestFixture } from '@health-score/hubspot-emulator/testing'
import { expect, it, onTestFinished } from 'vitest'

import { cli, cliInProcess } from '../../support/cli.ts'
import { type ScoredAccount, scoredPortalFixture } from '../../support/portfolio-portal.ts'

const ACCOUNT_KEYS = ['companyId', 'name', 'score', 'change30d']

interface PortfolioJson {
  tiers: Record<string, number>
  trendingDown: { companyId: string; name: string; score: number; change30d: number }[]
  newlyRed: { companyId: string; name: string; score: number; change30d: number }[]
  saveRate: number | null
  apiCalls: number
}

function parseContract(stdout: string): PortfolioJson {
  const lines = stdout.trim().split('\n')
  expect(lines).toHaveLength(1)
  const view = JSON.parse(lines[0]!) as PortfolioJson
  expect(Object.keys(view)).toEqual(['tiers', 'trendingDown', 'newlyRed', 'saveRate', 'apiCalls'])
  expect(Object.keys(view.tiers)).toEqual(['healthy', 'neutral', 'atRisk', 'critical'])
  for (const account of [...view.trendingDown, ...view.newlyRed])
    expect(Object.keys(account)).toEqual(ACCOUNT_KEYS)
  expect(view.saveRate === null || (view.saveRate >= 0 && view.saveRate <= 1)).toBe(true)
  return view
}

it('prints the portfolio --json contract for the demo portal, scored first, in at most 10 calls', async () => {
  const { code, stdout, stderr } = await cli([
    'portfolio',
    '--demo',
    '--companies',
    '120',
    '--json',
  ])
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
  const view = parseContract(stdout)
  expect(Object.values(view.tiers).reduce((a, b) => a + b, 0)).toBe(120)
  expect(view.apiCalls).toBeGreaterThan(0)
  expect(view.apiCalls).toBeLessThanOrEqual(10)
  // The replayed past gives the demo a 30-day trend: someone is trending down.
  expect(view.trendingDown.length).toBeGreaterThan(0)
  const changes = view.trendingDown.map((a) => a.change30d)
  expect(changes.every((c) => c < 0)).toBe(true)
  expect(changes).toEqual([...changes].sort((a, b) => a - b))
}, 120_000)

/** An account scored `before` 60 days ago and `score` since `daysAgo`. */
const account = (name: string, before: number, score: number, daysAgo: number): ScoredAccount => ({
  name,
  scores: [
    { daysAgo: 60, score: before },
    { daysAgo, score },
    { daysAgo: 0, score },
  ],
})

async function servePortal(accounts: readonly ScoredAccount[]): Promise<string> {
  const emulator = createEmulator({ fixture: scoredPortalFixture(accounts) })
  const server = await startEmulatorServer(emulator, { port: 0 })
  onTestFinished(async () => {
    await server.close()
    await emulator.close()
  })
  return server.url
}

it('reads any portal by --base-url with the token from the environment', async () => {
  const url = await servePortal([
    account('Steady', 80, 82, 40),
    account('Slipping', 90, 60, 20),
    account('Fell this week', 80, 30, 3),
    account('Critical', 40, 10, 50),
  ])
  const { code, stdout, stderr } = await cli(['portfolio', '--base-url', url, '--json'], {
    HUBSPOT_ACCESS_TOKEN: 'emulator-token',
  })
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
  const view = parseContract(stdout)
  expect(view.tiers).toEqual({ healthy: 1, neutral: 1, atRisk: 1, critical: 1 })
  expect(view.trendingDown.map((a) => [a.name, a.change30d])).toEqual([
    ['Fell this week', -50],
    ['Slipping', -30],
  ])
  expect(view.newlyRed).toEqual([
    { companyId: '103', name: 'Fell this week', score: 30, change30d: -50 },
  ])
  expect(view.apiCalls).toBe(7)
}, 60_000)

it('prints the view in words, with names made safe for the terminal', async () => {
  const url = await servePortal([account('Evil\u001b[2J\u001b]0;pwned\u0007 Corp', 90, 40, 2)])
  const { code, stdout } = await cli(['portfolio', '--base-url', url], {
    HUBSPOT_ACCESS_TOKEN: 'emulator-token',
  })
  expect(code).toBe(0)
  expect(stdout).not.toContain('\u001b')
  expect(stdout).toContain('Evil Corp')
  expect(stdout).toMatch(/At risk\s+1\s+100%/)
  expect(stdout).toContain('Newly red this week')
  expect(stdout).toContain('Intervention outcomes are not shown')
}, 60_000)

it('says a portal never scored must be scored first, in one line, exit 1', async () => {
  const emulator = createEmulator({ fixture: buildTestFixture(2) })
  const server = await startEmulatorServer(emulator, { port: 0 })
  onTestFinished(async () => {
    await server.close()
    await emulator.close()
  })
  const { code, stdout, stderr } = await cli(['portfolio', '--base-url', server.url], {
    HUBSPOT_ACCESS_TOKEN: 'emulator-token',
  })
  expect({ code, stdout }).toEqual({ code: 1, stdout: '' })
  expect(stderr).toBe(
    `health-score portfolio: ${server.url} has no health scores yet: score it first (health-score score)`,
  )
}, 60_000)

it.each([
  [
    ['portfolio', '--demo', '--base-url', 'http://127.0.0.1:4010'],
    'health-score portfolio: --demo and --base-url name two different portals: pick one',
  ],
  [
    ['portfolio', '--companies', '5'],
    'health-score portfolio: --companies and --seed go with --demo',
  ],
  [['portfolio', '--bogus'], "health-score portfolio: unknown option '--bogus'"],
  [['portfolio', '--demo', '--since', 'last'], "health-score portfolio: unknown option '--since'"],
])('rejects %j with one line on stderr and exit code 2', async (args, message) => {
  const { code, stdout, stderr } = await cliInProcess(args)
  expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: message })
})
