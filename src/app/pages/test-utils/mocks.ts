/**
 * @fileoverview Fixtures for the home page's tests: one known portfolio of 120 accounts, as the
 * marketplace backend's store answers it and as the private app reads it from HubSpot, and a
 * fake transport that counts its calls.
 *
 * - `createMockView(overrides)` gives a `PortfolioView` whose numbers the tests assert.
 * - `createHubSpotView(overrides)` is the private variant: sampled history, no interventions.
 * - `createFakeTransport(view)` answers with it, and can be told to fail.
 */
import { vi } from 'vitest'

import type { PortfolioAccount, PortfolioView } from '../../../operations/portfolio-types.ts'
import type { PortfolioTransport } from '../transport/types.ts'

/** The portal the tests' company records live in. */
export const PORTAL_ID = 987_654

export const ACME: PortfolioAccount = {
  companyId: '4242',
  name: 'Acme',
  score: 43,
  tier: 'at_risk',
  change30d: -22,
  tierChangedAt: '2026-11-17T02:00:00.000Z',
}
export const GLOBEX: PortfolioAccount = {
  companyId: '4343',
  name: 'Globex',
  score: 58,
  tier: 'neutral',
  change30d: -15,
  tierChangedAt: null,
}
export const INITECH: PortfolioAccount = {
  companyId: '4444',
  name: 'Initech',
  score: 21,
  tier: 'critical',
  change30d: -9,
  tierChangedAt: '2026-11-18T02:00:00.000Z',
}

/** 120 accounts: 50 healthy, 40 neutral, 20 at risk, 10 critical; 55/38/18/9 thirty days ago. */
export function createMockView(overrides: Partial<PortfolioView> = {}): PortfolioView {
  return {
    source: 'store',
    asOf: '2026-11-20T09:00:00.000Z',
    scored: 120,
    tiers: { healthy: 50, neutral: 40, atRisk: 20, critical: 10 },
    tiers30dAgo: { healthy: 55, neutral: 38, atRisk: 18, critical: 9 },
    history: {
      weeks: [
        {
          weekStart: '2026-11-02',
          accounts: 118,
          shares: { healthy: 0.4661, neutral: 0.322, atRisk: 0.1525, critical: 0.0593 },
        },
        // A week no run scored: left out of the chart, not drawn as 0%.
        {
          weekStart: '2026-11-09',
          accounts: 0,
          shares: { healthy: 0, neutral: 0, atRisk: 0, critical: 0 },
        },
        {
          weekStart: '2026-11-16',
          accounts: 120,
          shares: { healthy: 50 / 120, neutral: 40 / 120, atRisk: 20 / 120, critical: 10 / 120 },
        },
      ],
      sampleSize: null,
    },
    trendingDown: [ACME, GLOBEX, INITECH],
    newlyRed: [ACME, INITECH],
    saveRate: { value: 0.4, red: 10, saved: 4, pending: 3, windowDays: 90, sampleSize: null },
    interventions: [
      {
        actionId: 'csm_checkin',
        label: 'CSM check-in within 48 h',
        started: 12,
        improved: 5,
        unchanged: 4,
        declined: 1,
        pending: 2,
        medianChange: 6,
      },
      {
        actionId: 'exec_escalation',
        label: 'Executive escalation',
        started: 3,
        improved: 0,
        unchanged: 1,
        declined: 1,
        pending: 1,
        medianChange: -4,
      },
    ],
    apiCalls: 0,
    limitations: [],
    ...overrides,
  }
}

/** The private app's view of the same portal: from HubSpot, history for a sample of 200. */
export function createHubSpotView(overrides: Partial<PortfolioView> = {}): PortfolioView {
  const view = createMockView()
  return createMockView({
    source: 'hubspot',
    history: { ...view.history, sampleSize: 200 },
    saveRate: { ...view.saveRate, sampleSize: 200 },
    interventions: null,
    apiCalls: 9,
    limitations: [
      'The history and the save rate are read for a sample of 200 accounts; the marketplace app keeps every run for every account.',
      'Intervention outcomes need the record of every playbook action and every score after it, which only the marketplace app keeps.',
    ],
    ...overrides,
  })
}

/** A new install: nothing scored yet. */
export function createEmptyView(overrides: Partial<PortfolioView> = {}): PortfolioView {
  return createMockView({
    scored: 0,
    tiers: { healthy: 0, neutral: 0, atRisk: 0, critical: 0 },
    tiers30dAgo: null,
    history: { weeks: [], sampleSize: null },
    trendingDown: [],
    newlyRed: [],
    saveRate: { value: null, red: 0, saved: 0, pending: 0, windowDays: 90, sampleSize: null },
    interventions: [],
    ...overrides,
  })
}

/** A transport answering `view`; set `state.failure` to make the next loads fail. */
export function createFakeTransport(view: PortfolioView = createMockView()) {
  const state = { view, failure: null as Error | null }
  const transport = {
    load: vi.fn<PortfolioTransport['load']>(async () => {
      if (state.failure) throw state.failure
      return state.view
    }),
  } satisfies PortfolioTransport
  return { transport, state }
}
