/**
 * @fileoverview What every `PortfolioStore` promises, as one suite run over each implementation:
 * call `portfolioStoreContract(open)` in an implementation's test file. The view is checked against
 * 91 days of nightly runs (the day 90 days before `AS_OF` up to it) for 50 companies whose
 * trajectories are written out below, so each expected figure can be counted by hand.
 */
import { afterEach, expect, it } from 'vitest'

import type { TierId } from '../../../src/health/index.ts'
import {
  assemblePortfolioView,
  readPortfolioView,
  type ServerStore,
} from '../../../src/server/index.ts'
import type { OpenStore } from './server-store-contract.ts'

const DAY_MS = 86_400_000
const PORTAL = 62515
/** A Wednesday, noon UTC: its week began on Monday 2026-11-30 (day -2). */
export const AS_OF = Date.parse('2026-12-02T12:00:00.000Z')
const TODAY = Math.floor(AS_OF / DAY_MS)
/** The nightly run of day `offset` (0 = AS_OF's day), at 02:00 UTC. */
const nightly = (offset: number) => (TODAY + offset) * DAY_MS + 2 * 3_600_000

function tierOf(score: number): TierId {
  return score >= 75 ? 'healthy' : score >= 50 ? 'neutral' : score >= 25 ? 'at_risk' : 'critical'
}

/** A company's score from each day offset on, until the next; scored from -90 (or its first) to `last`. */
interface Trajectory {
  readonly from: readonly (readonly [offset: number, score: number])[]
  readonly last?: number
}

const steady = (score: number): Trajectory => ({ from: [[-90, score]] })

/** The 50 companies, 1001–1050. */
export const TRAJECTORIES: Readonly<Record<string, Trajectory>> = {
  ...Object.fromEntries(Array.from({ length: 20 }, (_, i) => [String(1001 + i), steady(85)])),
  ...Object.fromEntries(Array.from({ length: 7 }, (_, i) => [String(1021 + i), steady(60)])),
  1028: {
    from: [
      [-90, 60],
      [-29, 58],
    ],
  }, // down 2: the 11th decline, past the list's 10
  // Healthy 80, falling on day -19 to Neutral: down 10, 16, 22, 28.
  1029: {
    from: [
      [-90, 80],
      [-19, 70],
    ],
  },
  1030: {
    from: [
      [-90, 80],
      [-19, 64],
    ],
  },
  1031: {
    from: [
      [-90, 80],
      [-19, 58],
    ],
  },
  1032: {
    from: [
      [-90, 80],
      [-19, 52],
    ],
  },
  1033: {
    from: [
      [-90, 60],
      [-3, 45],
    ],
  }, // Neutral to At risk 3 days ago: newly red
  1034: {
    from: [
      [-90, 60],
      [-6, 20],
    ],
  }, // Neutral to Critical 6 days ago: newly red
  1035: {
    from: [
      [-90, 60],
      [-7, 40],
    ],
  }, // 7 days ago: not this week
  1036: {
    from: [
      [-90, 60],
      [-2, 45],
      [0, 55],
    ],
  }, // red and back to Neutral: not newly red
  1037: {
    from: [
      [-90, 80],
      [-1, 30],
    ],
  }, // Healthy to At risk yesterday: newly red
  1038: {
    from: [
      [-90, 40],
      [-2, 15],
    ],
  }, // red throughout (At risk to Critical is no entry): lost
  1039: {
    from: [
      [-90, 60],
      [-80, 40],
      [-50, 78],
    ],
  }, // red at -80, Healthy 30 days later: saved
  1040: {
    from: [
      [-90, 35],
      [-59, 55],
    ],
  }, // red from its first score, never Healthy: lost
  1041: {
    from: [
      [-90, 65],
      [-40, 10],
    ],
  }, // red 40 days: pending
  1042: {
    from: [
      [-90, 90],
      [-70, 30],
      [-60, 80],
      [-30, 45],
    ],
  }, // saved at -60, red again
  1043: {
    from: [
      [-90, 40],
      [0, 76],
    ],
  }, // Healthy exactly 90 days after turning red: saved
  1044: {
    from: [
      [-90, 55],
      [-10, 85],
    ],
  }, // up 30: not trending down
  1045: steady(85),
  1046: steady(85),
  1047: steady(85),
  1048: { from: [[-10, 60]] }, // new 10 days ago: no change to show
  1049: { from: [[-90, 85]], last: -35 }, // not scored since day -35 (deleted): not counted now
  // 1050 is never scored; an action is started on it.
}

const DAYS = Array.from({ length: 91 }, (_, i) => i - 90)

function scoreOn(trajectory: Trajectory, offset: number): number | null {
  if (offset > (trajectory.last ?? 0)) return null
  let score: number | null = null
  for (const [from, value] of trajectory.from) if (offset >= from) score = value
  return score
}

/** Each nightly run kept as it would be: every company it scored, one day at a time. */
export async function seedPortfolio(store: ServerStore): Promise<void> {
  const portfolio = store.portfolio()
  for (const offset of DAYS) {
    const records = Object.entries(TRAJECTORIES).flatMap(([companyId, trajectory]) => {
      const score = scoreOn(trajectory, offset)
      return score === null
        ? []
        : [
            {
              companyId,
              name: `Company ${companyId}`,
              score,
              tier: tierOf(score),
              segment: 'default',
              scoredAt: nightly(offset),
            },
          ]
    })
    await portfolio.recordScores(PORTAL, records)
  }
  const started = (companyId: string, actionId: string, label: string, offset: number) =>
    portfolio.recordAction({
      portalId: PORTAL,
      companyId,
      actionId,
      label,
      startedAt: nightly(offset) + 8 * 3_600_000,
    })
  await started('1040', 'exec_call', 'Call the executive sponsor', -85) // At risk → Neutral: +20
  await started('1039', 'exec_call', 'Executive call', -80) // At risk → Healthy: +38
  await started('1038', 'exec_call', 'Executive call', -60) // At risk → At risk: 0
  await started('1034', 'exec_call', 'Executive call', -10) // too recent: pending
  await started('1042', 'csm_checkin', 'CSM check-in', -70) // At risk → Healthy: +50
  await started('1041', 'csm_checkin', 'CSM check-in', -45) // Neutral → Critical: -55
  await started('1050', 'csm_checkin', 'CSM check-in', -50) // never scored: unknown
}

const account = (companyId: string, score: number, change30d: number, changedAt: number) => ({
  companyId,
  name: `Company ${companyId}`,
  score,
  tier: tierOf(score),
  change30d,
  tierChangedAt: new Date(nightly(changedAt)).toISOString(),
})

export function portfolioStoreContract(open: OpenStore): void {
  let opened: ReturnType<OpenStore> | null = null
  const store = () => (opened ??= open()).store
  afterEach(async () => {
    await opened?.close()
    opened = null
  })

  it('counts each company’s latest score now and 30 days ago, leaving out one not scored for 30 days', async () => {
    await seedPortfolio(store())
    const view = await readPortfolioView(store().portfolio(), PORTAL, AS_OF)
    expect(view).toMatchObject({ source: 'store', asOf: '2026-12-02T12:00:00.000Z', scored: 48 })
    expect(view.tiers).toEqual({ healthy: 26, neutral: 15, atRisk: 4, critical: 3 })
    expect(view.tiers30dAgo).toEqual({ healthy: 30, neutral: 14, atRisk: 3, critical: 1 })
    expect(view.apiCalls).toBe(0)
    expect(view.limitations).toEqual([])
  })

  it('gives the share per tier of each of the last 13 weeks, from each company’s last score that week', async () => {
    await seedPortfolio(store())
    const { history } = await readPortfolioView(store().portfolio(), PORTAL, AS_OF)
    expect(history.sampleSize).toBeNull()
    expect(history.weeks.map((week) => week.weekStart)).toEqual([
      '2026-09-07',
      '2026-09-14',
      '2026-09-21',
      '2026-09-28',
      '2026-10-05',
      '2026-10-12',
      '2026-10-19',
      '2026-10-26',
      '2026-11-02',
      '2026-11-09',
      '2026-11-16',
      '2026-11-23',
      '2026-11-30',
    ])
    const shares = (h: number, n: number, r: number, c: number, of: number) => ({
      accounts: of,
      shares: { healthy: h / of, neutral: n / of, atRisk: r / of, critical: c / of },
    })
    expect(history.weeks[0]).toMatchObject(shares(30, 14, 4, 0, 48)) // as of day -80
    expect(history.weeks[8]).toMatchObject(shares(29, 14, 3, 1, 47)) // day -24; 1049 gone
    expect(history.weeks[12]).toMatchObject(shares(26, 15, 4, 3, 48)) // the current week, today
  })

  it('lists the 10 steepest 30-day declines, worst first, with when each tier last changed', async () => {
    await seedPortfolio(store())
    const { trendingDown } = await readPortfolioView(store().portfolio(), PORTAL, AS_OF)
    expect(trendingDown).toEqual([
      account('1037', 30, -50, -1),
      account('1034', 20, -40, -6),
      account('1032', 52, -28, -19),
      account('1038', 15, -25, -2),
      account('1031', 58, -22, -19),
      account('1035', 40, -20, -7),
      account('1030', 64, -16, -19),
      account('1033', 45, -15, -3),
      account('1029', 70, -10, -19),
      account('1036', 55, -5, 0),
    ])
  })

  it('lists the accounts that entered At risk or Critical from a non-red tier this week and are still red', async () => {
    await seedPortfolio(store())
    const { newlyRed } = await readPortfolioView(store().portfolio(), PORTAL, AS_OF)
    expect(newlyRed).toEqual([
      account('1034', 20, -40, -6),
      account('1037', 30, -50, -1),
      account('1033', 45, -15, -3),
    ])
    const firstTwo = await store().portfolio().newlyRed(PORTAL, AS_OF, 2)
    expect(firstTwo.total).toBe(3)
    expect(firstTwo.accounts.map((a) => a.companyId)).toEqual(['1034', '1037'])
  })

  it('counts the red accounts saved within 90 days, lost, and still pending', async () => {
    await seedPortfolio(store())
    const { saveRate } = await readPortfolioView(store().portfolio(), PORTAL, AS_OF)
    // Saved 1039, 1042, 1043; lost 1038, 1040; pending 1033–1037, 1041.
    expect(saveRate).toEqual({
      value: 0.6,
      red: 5,
      saved: 3,
      pending: 6,
      windowDays: 90,
      sampleSize: null,
    })
  })

  it('compares each action’s tier 30 days after with the tier at its start, per action', async () => {
    await seedPortfolio(store())
    const { interventions } = await readPortfolioView(store().portfolio(), PORTAL, AS_OF)
    expect(interventions).toEqual([
      {
        actionId: 'exec_call',
        label: 'Executive call',
        started: 4,
        improved: 2,
        unchanged: 1,
        declined: 0,
        pending: 1,
        medianChange: 20,
      },
      {
        actionId: 'csm_checkin',
        label: 'CSM check-in',
        started: 3,
        improved: 1,
        unchanged: 0,
        declined: 1,
        pending: 0,
        medianChange: -2.5,
      },
    ])
  })

  it('records an action with the company’s latest score and tier, or none for a company never scored', async () => {
    await seedPortfolio(store())
    const action = { portalId: PORTAL, actionId: 'qbr', label: 'Book a QBR', startedAt: AS_OF }
    expect(
      await store()
        .portfolio()
        .recordAction({ ...action, companyId: '1037' }),
    ).toEqual({
      ...action,
      companyId: '1037',
      id: expect.any(Number),
      score: 30,
      tier: 'at_risk',
    })
    expect(
      await store()
        .portfolio()
        .recordAction({ ...action, companyId: '1050' }),
    ).toMatchObject({ score: null, tier: null })
  })

  it('answers an empty view for a new install, and for another portal', async () => {
    const empty = await readPortfolioView(store().portfolio(), PORTAL, AS_OF)
    expect(empty).toEqual({
      source: 'store',
      asOf: '2026-12-02T12:00:00.000Z',
      scored: 0,
      tiers: { healthy: 0, neutral: 0, atRisk: 0, critical: 0 },
      tiers30dAgo: null,
      history: { weeks: [], sampleSize: null },
      trendingDown: [],
      newlyRed: [],
      saveRate: { value: null, red: 0, saved: 0, pending: 0, windowDays: 90, sampleSize: null },
      interventions: [],
      apiCalls: 0,
      limitations: [],
    })
    await seedPortfolio(store())
    expect(await readPortfolioView(store().portfolio(), 1, AS_OF)).toEqual(empty)
  })

  it('keeps one row per company per day, the day’s latest score, whatever order they arrive in', async () => {
    const portfolio = store().portfolio()
    const record = (score: number, at: number) => ({
      companyId: '7',
      name: 'Acme',
      score,
      tier: tierOf(score),
      segment: null,
      scoredAt: at,
    })
    await portfolio.recordScores(PORTAL, [record(80, nightly(-9))])
    // Today: the webhook's 12:00 rescore, then a late page of the night's run from 02:00.
    await portfolio.recordScores(PORTAL, [record(40, nightly(0) + 10 * 3_600_000)])
    await portfolio.recordScores(PORTAL, [record(78, nightly(0))])
    // A day between the two arrives last: today's row now follows it.
    await portfolio.recordScores(PORTAL, [record(60, nightly(-5))])
    const down = await portfolio.trendingDown(PORTAL, AS_OF, 10)
    expect(down).toEqual([])
    const red = await portfolio.newlyRed(PORTAL, AS_OF, 10)
    expect(red.accounts).toEqual([
      {
        companyId: '7',
        name: 'Acme',
        score: 40,
        tier: 'at_risk',
        change30d: null,
        tierChangedAt: nightly(0) + 10 * 3_600_000,
      },
    ])
    expect(await portfolio.distribution(PORTAL, AS_OF)).toEqual({
      scored: 1,
      tiers: { healthy: 0, neutral: 0, atRisk: 1, critical: 0 },
    })
    // Day -5 (Neutral) is what today's At risk follows; before it, -9 (Healthy) was.
    const saveRate = await portfolio.saveRate(PORTAL, AS_OF)
    expect(saveRate).toEqual({ red: 0, saved: 0, pending: 1 })
  })

  it('forgets the scores and actions from before a cutoff, and only those', async () => {
    await seedPortfolio(store())
    const portfolio = store().portfolio()
    // Days -90…-61: 30 days × 48 companies (1048 not yet, 1050 never); the 3 actions before -60.
    expect(await portfolio.forgetBefore(nightly(-60) - 3_600_000)).toBe(30 * 48 + 3)
    expect(await portfolio.forgetBefore(nightly(-60) - 3_600_000)).toBe(0)
    const view = await readPortfolioView(portfolio, PORTAL, AS_OF)
    expect(view.tiers).toEqual({ healthy: 26, neutral: 15, atRisk: 4, critical: 3 })
    expect(view.interventions?.map((i) => i.started)).toEqual([2, 2])
  })

  it('assembles the view the rows describe, saying when the newly red list is cut short', () => {
    const row = {
      companyId: '9',
      name: null,
      score: 30,
      tier: 'at_risk' as const,
      change30d: -4,
      tierChangedAt: null,
    }
    const view = assemblePortfolioView(
      {
        now: { scored: 1, tiers: { healthy: 0, neutral: 0, atRisk: 1, critical: 0 } },
        thirtyDaysAgo: { scored: 0, tiers: { healthy: 0, neutral: 0, atRisk: 0, critical: 0 } },
        weeks: [],
        trendingDown: [row],
        newlyRed: { accounts: [row], total: 40 },
        saveRate: { red: 0, saved: 0, pending: 1 },
        interventions: [],
      },
      AS_OF,
    )
    expect(view.trendingDown[0]).toMatchObject({ name: 'Unnamed company 9', tierChangedAt: null })
    expect(view.limitations).toEqual([
      '40 accounts turned red in the last 7 days; the list shows the 1 with the lowest scores.',
    ])
  })
}
