/**
 * @fileoverview Fixtures for the card's tests: one known company (Acme, at risk, falling), and a
 * fake transport that records its calls.
 *
 * - `createMockHealth(overrides)` gives a `CompanyHealth` whose numbers the tests assert.
 * - `createFakeTransport(health)` answers with it, counts every call, and can be told to fail.
 * - `NOW` is the clock every test passes the card.
 */
import { vi } from 'vitest'

import type { ComponentResult, HealthResult } from '../../../health/index.ts'
import type {
  CompanyHealth,
  CsmSentimentRead,
  PlaybookActionCreated,
} from '../../../operations/company-health.ts'
import type { HealthTransport } from '../transport/types.ts'
import { TransportError } from '../transport/types.ts'

/** The moment the tests run at: 2026-11-20 09:00 UTC. */
export const NOW = Date.parse('2026-11-20T09:00:00.000Z')
const DAY = 86_400_000

export const ACME_ID = '4242'

function component(
  id: string,
  label: string,
  weight: number,
  score: number | null,
  points: [contributed: number, lost: number],
  redFlags: string[] = [],
): ComponentResult {
  return {
    id,
    label,
    weight,
    effectiveWeight: score === null ? 0 : weight / 90,
    score,
    pointsContributed: points[0],
    pointsLost: points[1],
    redFlags,
  }
}

/** Acme's six components: engagement has no data, so its 10 points of weight are spread. */
export const ACME_COMPONENTS: readonly ComponentResult[] = [
  component(
    'usage',
    'Usage',
    30,
    40,
    [13.3, 20],
    ['Usage is below half of the onboarding baseline'],
  ),
  component('adoption', 'Adoption', 20, 65, [14.4, 7.8]),
  component('support', 'Support', 15, 45, [7.5, 9.2], ['3 or more tickets open']),
  component('sentiment', 'Sentiment', 15, 70, [11.7, 5]),
  component('engagement', 'Engagement', 10, null, [0, 0]),
  component('contract', 'Contract', 10, 90, [10, 1.1]),
]

/** Acme's health result: 43, at risk, down 12 in 30 days, the CSM check-in playbook. */
export function createMockResult(overrides: Partial<HealthResult> = {}): HealthResult {
  return {
    companyId: ACME_ID,
    score: 43,
    tier: 'at_risk',
    trafficLight: 'red',
    segmentId: 'mid_market',
    components: ACME_COMPONENTS,
    coverage: 90,
    trend: {
      direction: 'declining',
      change30d: -12,
      change90d: -20,
      previousTier: 'neutral',
      daysInTier: 9,
    },
    priority: 71,
    drivers: [
      {
        componentId: 'usage',
        signalId: 'active_users_vs_baseline',
        pointsLost: 20,
        sentence: 'Active users are at 38% of the onboarding baseline (−20 pts)',
      },
      {
        componentId: 'support',
        signalId: 'open_tickets',
        pointsLost: 9.2,
        sentence: '4 tickets open (−9 pts)',
      },
    ],
    topDriver: 'Active users are at 38% of the onboarding baseline (−20 pts)',
    redFlags: ['Usage is below half of the onboarding baseline', '3 or more tickets open'],
    playbook: {
      id: 'csm_checkin',
      label: 'At risk: CSM check-in',
      urgent: false,
      actions: [
        {
          id: 'csm_checkin',
          title: 'CSM check-in call',
          why: 'At-risk accounts get a human touch within 48 hours',
          kind: 'task',
          dueInHours: 48,
          priority: 'HIGH',
        },
        {
          id: 'pause_upsell',
          title: 'Pause upsell and expansion outreach',
          why: 'Selling into an at-risk account costs trust',
          kind: 'note',
          dueInHours: null,
          priority: 'MEDIUM',
        },
      ],
    },
    diagnostics: [],
    modelVersion: 'default@1.0.0',
    scoredAt: new Date(NOW - 2 * DAY).toISOString(),
    ...overrides,
  }
}

/** Four scores, 400, 100, 30 and 2 days ago: the first is older than the 12-month chart. */
export const ACME_HISTORY = [
  { at: NOW - 400 * DAY, score: 80 },
  { at: NOW - 100 * DAY, score: 61 },
  { at: NOW - 30 * DAY, score: 55 },
  { at: NOW - 2 * DAY, score: 43 },
] as const

/** The component histories behind "what changed" between 30 and 2 days ago. */
export const ACME_COMPONENT_HISTORY = {
  usage: [
    { at: NOW - 100 * DAY, score: 70 },
    { at: NOW - 30 * DAY, score: 62 },
    { at: NOW - 2 * DAY, score: 40 },
  ],
  support: [
    { at: NOW - 100 * DAY, score: 80 },
    { at: NOW - 2 * DAY, score: 45 },
  ],
  adoption: [{ at: NOW - 100 * DAY, score: 65 }],
  contract: [
    { at: NOW - 30 * DAY, score: 85 },
    { at: NOW - 2 * DAY, score: 90 },
  ],
}

/** Acme's health as the card receives it. */
export function createMockHealth(overrides: Partial<CompanyHealth> = {}): CompanyHealth {
  return {
    companyId: ACME_ID,
    companyName: 'Acme',
    result: createMockResult(),
    issues: [],
    history: ACME_HISTORY,
    componentHistory: ACME_COMPONENT_HISTORY,
    current: { health_score: '43', health_tier: 'at_risk' },
    tierBands: { healthy: 75, neutral: 50, at_risk: 25 },
    csmSentiment: null,
    scoredAt: new Date(NOW - 2 * DAY).toISOString(),
    ...overrides,
  }
}

/** A company that has never been scored. */
export function createNeverScoredHealth(): CompanyHealth {
  return createMockHealth({
    result: null,
    history: [],
    componentHistory: {},
    current: {},
    scoredAt: null,
  })
}

/** A transport whose answers the test sets, with a spy on every method. */
export function createFakeTransport(health: CompanyHealth = createMockHealth()) {
  const answers = {
    health,
    rescored: createMockHealth({
      result: createMockResult({ score: 47 }),
      scoredAt: new Date(NOW).toISOString(),
    }),
    failure: null as TransportError | null,
  }
  const fail = () => {
    if (answers.failure) throw answers.failure
  }
  const transport = {
    loadHealth: vi.fn(async (_companyId: string) => {
      fail()
      return answers.health
    }),
    recalculate: vi.fn(async (_companyId: string) => {
      fail()
      return answers.rescored
    }),
    runAction: vi.fn<HealthTransport['runAction']>(async (request) => {
      fail()
      const created: PlaybookActionCreated = {
        kind: request.actionId === 'pause_upsell' ? 'note' : 'task',
        id: '9001',
        title: request.actionId === 'pause_upsell' ? 'Pause upsell' : 'CSM check-in call',
        dueAt: request.dueAt,
      }
      return created
    }),
    setSentiment: vi.fn<HealthTransport['setSentiment']>(async (request) => {
      fail()
      const read: CsmSentimentRead = {
        sentiment: request.sentiment,
        reason: request.reason,
        at: new Date(NOW).toISOString(),
      }
      return read
    }),
  } satisfies HealthTransport
  return { transport, answers }
}

/** A failure as a transport reports it. */
export function transportError(message: string): TransportError {
  return new TransportError(message)
}
