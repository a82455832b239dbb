/**
 * Synthetic company snapshots for the engine benchmark: seeded, and shaped like a busy portal's
 * companies (a handful of tickets, a few dozen engagements, a score history).
 */
import type {
  CompanySnapshot,
  EngagementType,
  SnapshotEngagement,
  SnapshotRecord,
} from '../src/health/index.ts'

const DAY = 86_400_000
const TYPES: EngagementType[] = ['email', 'email', 'call', 'meeting', 'note', 'task']

export function syntheticSnapshots(count: number, asOf: number, seed = 1): CompanySnapshot[] {
  let state = seed >>> 0
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (max: number) => Math.floor(random() * max)
  const iso = (daysAgo: number) => new Date(asOf - daysAgo * DAY).toISOString()
  const snapshots: CompanySnapshot[] = []
  let id = 1
  for (let i = 0; i < count; i++) {
    const baseline = 10 + int(500)
    const tickets: SnapshotRecord[] = []
    for (let t = int(8); t > 0; t--) {
      const created = int(120)
      const closed = random() < 0.7
      tickets.push({
        id: String(id++),
        properties: {
          createdate: iso(created),
          hs_pipeline_stage: closed ? '4' : '1',
          closed_date: closed ? iso(Math.max(0, created - int(10))) : null,
          hs_ticket_priority: ['LOW', 'MEDIUM', 'HIGH', 'URGENT'][int(4)]!,
          hs_ticket_category: [
            'PRODUCT_ISSUE',
            'GENERAL_INQUIRY',
            'BILLING_ISSUE',
            'FEATURE_REQUEST',
          ][int(4)]!,
        },
      })
    }
    const engagements: SnapshotEngagement[] = []
    for (let e = 10 + int(40); e > 0; e--) {
      const type = TYPES[int(TYPES.length)]!
      engagements.push({
        id: String(id++),
        type,
        properties: {
          hs_timestamp: iso(int(180)),
          hs_email_direction: random() < 0.5 ? 'EMAIL' : 'INCOMING_EMAIL',
          hs_call_direction: random() < 0.7 ? 'OUTBOUND' : 'INBOUND',
          hs_call_status: random() < 0.6 ? 'COMPLETED' : 'NO_ANSWER',
          hs_meeting_outcome: random() < 0.8 ? 'COMPLETED' : 'NO_SHOW',
        },
      })
    }
    snapshots.push({
      companyId: String(100_000 + i),
      asOf,
      properties: {
        annualrevenue: String(int(100_000_000)),
        product_active_users_30d: String(int(baseline * 1.3)),
        product_active_users_baseline: String(baseline),
        product_logins_30d: String(int(baseline * 15)),
        product_core_features_used: String(int(8)),
        nps_score: random() < 0.02 ? 'N/A' : String(int(11)),
        csat_score: (1 + random() * 4).toFixed(1),
        days_payment_overdue: String(random() < 0.8 ? 0 : int(90)),
        renewal_date: new Date(asOf + int(365) * DAY).toISOString().slice(0, 10),
      },
      propertyHistory: {
        health_score: [120, 90, 60, 30, 10].map((d) => ({
          value: String(int(101)),
          timestamp: iso(d),
        })),
      },
      tickets,
      engagements,
    })
  }
  return snapshots
}
