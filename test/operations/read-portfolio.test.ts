import { createEmulator } from '@health-score/hubspot-emulator'
import { createTestPortal } from '@health-score/hubspot-emulator/testing'
import { expect, it, onTestFinished } from 'vitest'

import { saveRate, type TierId } from '../../src/health/index.ts'
import { createConnection } from '../../src/hubspot/index.ts'
import { readPortfolio, type ReadPortfolioOptions } from '../../src/operations/index.ts'
import { useMswServer } from '../support/msw.ts'
import { BASE_PATH, connect, model, TOKEN } from '../support/portal.ts'
import {
  DAY_MS,
  generatedAccounts,
  PORTFOLIO_AS_OF as NOW,
  type ScoredAccount,
  scoredPortalFixture,
  tierOfScore,
} from '../support/portfolio-portal.ts'

const server = useMswServer()

function serve(
  accounts: readonly ScoredAccount[],
  edit = (fixture: ReturnType<typeof scoredPortalFixture>) => fixture,
) {
  const portal = createTestPortal({
    fixture: edit(scoredPortalFixture(accounts)),
    rateLimits: false,
  })
  server.use(...portal.handlers)
  return portal
}

/** An open connection to the test's portal, closed when the test ends. */
function connection() {
  const conn = connect()
  onTestFinished(() => conn.close())
  return conn
}

/** An account scored `before` 60 days ago and `score` since `daysAgo`. */
function entered(name: string, before: number, score: number, daysAgo: number): ScoredAccount {
  return {
    name,
    scores: [
      { daysAgo: 60, score: before },
      { daysAgo, score },
      { daysAgo: 0, score },
    ],
  }
}

/** An account scored `score` now, after `before` `daysAgo` earlier. */
function account(name: string, before: number, score: number, daysAgo = 30): ScoredAccount {
  return {
    name,
    scores: [
      { daysAgo, score: before },
      { daysAgo: 0, score },
    ],
  }
}

const KEYS = { healthy: 'healthy', neutral: 'neutral', at_risk: 'atRisk', critical: 'critical' }

it('counts each tier as the portal holds it, and reads the whole past of a small portal', async () => {
  const accounts = generatedAccounts(120, 3)
  const portal = serve(accounts)
  const view = await readPortfolio({ connection: connection(), model, now: NOW })

  const table = portal.emulator.store.table('companies')
  const held = { healthy: 0, neutral: 0, atRisk: 0, critical: 0 }
  for (let rank = 0; rank < table.size; rank++)
    held[KEYS[table.value(table.rowAt(rank), 'health_tier') as TierId] as keyof typeof held]++
  expect(view.tiers).toEqual(held)
  expect(view.scored).toBe(120)

  const then = { healthy: 0, neutral: 0, atRisk: 0, critical: 0 }
  for (const { scores } of accounts) {
    const past = scores.filter((point) => point.daysAgo >= 30).at(-1)!
    then[KEYS[tierOfScore(past.score)] as keyof typeof then]++
  }
  expect(view.tiers30dAgo).toEqual(then)
  expect(view.history.sampleSize).toBe(null)
  expect(view.history.weeks).toHaveLength(13)
  const last = view.history.weeks.at(-1)!
  expect(last.accounts).toBe(120)
  expect(last.shares.critical).toBeCloseTo(held.critical / 120, 10)

  const histories = accounts.map(({ scores }) =>
    scores.map((p) => ({
      value: String(p.score),
      timestamp: new Date(NOW - p.daysAgo * DAY_MS).toISOString(),
    })),
  )
  const expected = saveRate(histories, model, { asOf: NOW })
  expect(view.saveRate).toMatchObject({
    value: expected.rate,
    red: expected.red,
    saved: expected.saved,
    sampleSize: null,
  })
  expect(view).toMatchObject({ source: 'hubspot', interventions: null, apiCalls: 9 })
})

it('lists the accounts trending down most, worst first, ten at most', async () => {
  const accounts = [
    account('Up', 50, 60),
    account('New', 70, 70, 3),
    ...Array.from({ length: 12 }, (_, i) => account(`Down ${i + 1}`, 90, 89 - i * 3)),
  ]
  serve(accounts)
  const view = await readPortfolio({ connection: connection(), model, now: NOW })
  expect(view.trendingDown.map((a) => [a.name, a.change30d])).toEqual(
    Array.from({ length: 10 }, (_, i) => [`Down ${12 - i}`, -1 - (11 - i) * 3]),
  )
  expect(view.trendingDown[0]).toMatchObject({ companyId: '114', score: 56, tier: 'neutral' })
})

it('lists as newly red the accounts that entered At risk or Critical in the last 7 days, newest first', async () => {
  serve([
    entered('Critical 6 days ago', 60, 10, 6),
    entered('Red 8 days ago', 80, 30, 8),
    entered('Red 2 days ago', 80, 40, 2),
    entered('Healthy since yesterday', 40, 90, 1),
    entered('Red all along', 30, 20, 40),
  ])
  const view = await readPortfolio({ connection: connection(), model, now: NOW })
  expect(view.newlyRed.map((a) => [a.name, a.tier, a.tierChangedAt])).toEqual([
    ['Red 2 days ago', 'at_risk', new Date(NOW - 2 * DAY_MS).toISOString()],
    ['Critical 6 days ago', 'critical', new Date(NOW - 6 * DAY_MS).toISOString()],
  ])
})

it('reads the history of a sample of the asked size, drawn across the tiers, in one batch read', async () => {
  const portal = serve(generatedAccounts(300, 5))
  const view = await readPortfolio({ connection: connection(), model, now: NOW, sampleSize: 40 })
  expect(view.history.sampleSize).toBe(40)
  expect(view.saveRate.sampleSize).toBe(40)
  expect(view.history.weeks.at(-1)!.accounts).toBe(40)
  const calls = portal.emulator.stats().calls.byEndpoint
  expect(calls['POST /crm/v3/objects/companies/batch/read']).toBe(1)
  expect(calls['POST /crm/v3/objects/companies/search']).toBe(6)
  for (const tier of ['healthy', 'neutral', 'atRisk', 'critical'] as const) {
    const share = view.tiers[tier] / view.scored
    expect(Math.abs(view.history.weeks.at(-1)!.shares[tier] - share)).toBeLessThanOrEqual(1 / 40)
  }
  expect(view.limitations[0]).toContain('a sample of 40 of 300 accounts')
})

it('says newly red accounts cannot be listed on a portal without health_tier_changed_at', async () => {
  serve([account('Red', 80, 30, 2)], (fixture) => ({
    ...fixture,
    propertyDefinitions: {
      companies: fixture.propertyDefinitions!.companies!.filter(
        (d) => d.name !== 'health_tier_changed_at',
      ),
    },
    companies: fixture.companies.map(
      ({ id, properties: { health_tier_changed_at: _, ...rest }, propertyHistory }) => ({
        id,
        properties: rest,
        propertyHistory,
      }),
    ),
  }))
  const view = await readPortfolio({ connection: connection(), model, now: NOW })
  expect(view.newlyRed).toEqual([])
  expect(view.tiers.atRisk).toBe(1)
  expect(view.limitations.join(' ')).toContain('Newly red accounts cannot be listed')
})

it('shows an empty view, and says why, on a portal with the schema but no scores yet', async () => {
  serve([])
  const view = await readPortfolio({ connection: connection(), model, now: NOW })
  expect(view).toMatchObject({
    scored: 0,
    tiers: { healthy: 0, neutral: 0, atRisk: 0, critical: 0 },
    tiers30dAgo: null,
    history: { weeks: [] },
    trendingDown: [],
    newlyRed: [],
    saveRate: { value: null, red: 0 },
    apiCalls: 6,
  })
  expect(view.limitations[0]).toBe(
    'No account has a health score yet: the view fills in once the portal has been scored.',
  )
})

it('asks for the schema step on a portal never scored', async () => {
  const portal = createTestPortal({ companies: 3, rateLimits: false })
  server.use(...portal.handlers)
  await expect(readPortfolio({ connection: connection(), model, now: NOW })).rejects.toThrow(
    'the company properties health_tier do not exist',
  )
})

it('rejects a sample larger than four batch reads, before any call', async () => {
  const options = { connection: connection(), model, sampleSize: 201 } as ReadPortfolioOptions
  await expect(readPortfolio(options)).rejects.toThrow(
    'readPortfolio: sampleSize must be ≤ 200, got 201',
  )
})

it("takes at most 10 calls on a 20,000-company portal, within HubSpot's search limits", async () => {
  // HubSpot's own limits on both sides (5 searches a second, 190 calls per 10 s), on the real
  // clock: the fixture's times move to now.
  const emulator = createEmulator({
    fixture: scoredPortalFixture(generatedAccounts(20_000, 11)),
    token: TOKEN,
  })
  server.use(...emulator.handlers)
  const conn = createConnection({ accessToken: TOKEN, basePath: BASE_PATH })
  onTestFinished(() => conn.close())
  const view = await readPortfolio({ connection: conn, model })
  const { calls } = emulator.stats()
  expect(calls.total).toBeLessThanOrEqual(10)
  expect(calls.byEndpoint).toEqual({
    'POST /crm/v3/objects/companies/search': 6,
    'POST /crm/v3/objects/companies/batch/read': 4,
  })
  expect(conn.calls.rateLimited).toBe(0)
  expect(view.apiCalls).toBe(calls.total)
  expect(view.scored).toBe(20_000)
  expect(view.history.sampleSize).toBe(200)
  expect(view.trendingDown).toHaveLength(10)
}, 60_000)
