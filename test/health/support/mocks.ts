/**
 * @fileoverview Fixtures for engine tests: snapshots built from a few overrides, and signal sets
 * for driving the engine directly. Dates are relative to one fixed `AS_OF`.
 */
import type {
  CompanySnapshot,
  EngagementType,
  HistoryPoint,
  PropertyValues,
  SignalSet,
  SnapshotEngagement,
  SnapshotRecord,
} from '../../../src/health/index.ts'
import { BUILT_IN_SIGNALS } from '../../../src/health/index.ts'

export const AS_OF = Date.parse('2026-11-01T00:00:00.000Z')
export const DAY = 86_400_000

/** An ISO timestamp `days` before `AS_OF` (negative: after it). */
export function daysAgo(days: number): string {
  return new Date(AS_OF - days * DAY).toISOString()
}

/** A company with every default input at a healthy value, and nothing else. */
export const HEALTHY_PROPERTIES: PropertyValues = {
  name: 'Acme',
  annualrevenue: '20000000',
  product_active_users_30d: '100',
  product_active_users_baseline: '100',
  product_logins_30d: '1200',
  product_core_features_used: '6',
  nps_score: '9',
  csat_score: '4.5',
  days_payment_overdue: '0',
  renewal_date: '2027-06-01',
}

export function createSnapshot(overrides: Partial<CompanySnapshot> = {}): CompanySnapshot {
  return {
    companyId: '101',
    asOf: AS_OF,
    properties: HEALTHY_PROPERTIES,
    tickets: [],
    engagements: [],
    ...overrides,
  }
}

let nextId = 1

export function ticket(properties: PropertyValues): SnapshotRecord {
  return {
    id: String(nextId++),
    properties: { hs_pipeline: '0', hs_pipeline_stage: '1', ...properties },
  }
}

export function engagement(type: EngagementType, properties: PropertyValues): SnapshotEngagement {
  return { id: String(nextId++), type, properties }
}

export function scoreHistory(
  points: [daysAgo: number, score: number][],
): Record<string, HistoryPoint[]> {
  return {
    health_score: points.map(([days, score]) => ({
      value: String(score),
      timestamp: daysAgo(days),
    })),
  }
}

/** A signal set with every built-in signal missing, then the given values. */
export function createSignals(
  values: Record<string, number | null>,
  overrides: Partial<SignalSet> = {},
): SignalSet {
  const all: Record<string, number | null> = {}
  for (const key of BUILT_IN_SIGNALS) all[key] = null
  return {
    companyId: '101',
    asOf: AS_OF,
    segmentId: 'unsegmented',
    values: { ...all, ...values },
    scoreHistory: [],
    diagnostics: [],
    ...overrides,
  }
}

/** Signal values a thriving customer shows. */
export const THRIVING_SIGNALS = {
  usage_vs_baseline: 110,
  logins_per_user_30d: 12,
  core_features_used: 6,
  open_tickets: 0,
  high_priority_tickets_30d: 0,
  escalated_tickets_30d: 0,
  median_hours_to_close: 8,
  complaint_share: 0,
  nps: 10,
  csat: 5,
  days_since_two_way_touch: 2,
  two_way_touches_90d: 10,
  unanswered_outreach: 0,
  meeting_show_rate: 100,
  days_payment_overdue: 0,
  renewal_days_untouched: 120,
} as const
