import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import type {
  CompanyHistory,
  EngagementType,
  HistoryPoint,
  RecordWithHistory,
  SnapshotEngagement,
} from '../../src/health/index.ts'
import { getDefaultModel, scoreCompany, snapshotAsOf, valueAsOf } from '../../src/health/index.ts'
import { AS_OF, DAY, daysAgo, HEALTHY_PROPERTIES } from './support/mocks.ts'

const model = getDefaultModel()
/** The moment the past snapshot describes: 60 days before `AS_OF` ("today"). */
const T = AS_OF - 60 * DAY
const iso = (ms: number) => new Date(ms).toISOString()

function companyOf(values: Record<string, string>, at = daysAgo(400)): CompanyHistory {
  const history: Record<string, HistoryPoint[]> = {}
  for (const [name, value] of Object.entries(values)) history[name] = [{ value, timestamp: at }]
  history.health_score = []
  return { companyId: '101', properties: values, history, tickets: [], engagements: [] }
}

function ticket(
  id: string,
  created: number,
  closed: number | null,
  priority = 'LOW',
): RecordWithHistory {
  const properties = {
    createdate: iso(created),
    closed_date: closed === null ? null : iso(closed),
    hs_pipeline_stage: closed === null ? '1' : '4',
    hs_ticket_priority: priority,
    hs_ticket_category: 'PRODUCT_ISSUE',
    time_to_close: closed === null ? null : String(closed - created),
  }
  // As an import records it: every value stamped at creation, the later close date included.
  const history: Record<string, HistoryPoint[]> = {}
  for (const [name, value] of Object.entries(properties))
    history[name] = value === null ? [] : [{ value, timestamp: iso(created) }]
  return { id, properties, history }
}

describe('valueAsOf', () => {
  it('takes the newest point at or before the moment, whatever the order', () => {
    const points = [
      { value: '3', timestamp: iso(T + 1) },
      { value: '7', timestamp: iso(T) },
      { value: '9', timestamp: iso(T - DAY) },
    ]
    expect(valueAsOf(points, T)).toBe('7')
    expect(valueAsOf([...points].reverse(), T - 1)).toBe('9')
    expect(valueAsOf(points, T - 2 * DAY)).toBeNull()
  })

  it('keeps a cleared value as HubSpot shows it and skips undatable points', () => {
    expect(
      valueAsOf(
        [
          { value: '', timestamp: iso(T - 1) },
          { value: '5', timestamp: iso(T - 2) },
        ],
        T,
      ),
    ).toBe('')
    expect(valueAsOf([{ value: '5', timestamp: 'soon' }], T)).toBeNull()
    expect(valueAsOf(undefined, T)).toBeNull()
  })
})

describe('snapshotAsOf', () => {
  it('scores an NPS changed after T with the NPS it had at T', () => {
    const company = companyOf({ ...HEALTHY_PROPERTIES, nps_score: '9' } as Record<string, string>)
    const later: CompanyHistory = {
      ...company,
      properties: { ...company.properties, nps_score: '1' },
      history: {
        ...company.history,
        nps_score: [{ value: '1', timestamp: iso(T + DAY) }, ...company.history.nps_score!],
      },
    }
    expect(snapshotAsOf(later, T, model).properties.nps_score).toBe('9')
    expect(snapshotAsOf(later, AS_OF, model).properties.nps_score).toBe('1')
    const before = scoreCompany(snapshotAsOf(company, T, model), model)
    const after = scoreCompany(snapshotAsOf(later, T, model), model)
    expect(after).toEqual(before)
  })

  it('knows no value that was set after T', () => {
    const company = companyOf({ nps_score: '4' }, iso(T + 1))
    expect(snapshotAsOf(company, T, model).properties.nps_score).toBeNull()
  })

  it('keeps tickets that existed at T, with their state at T', () => {
    const company: CompanyHistory = {
      ...companyOf({}),
      tickets: [
        ticket('1', T - 30 * DAY, T - 20 * DAY),
        ticket('2', T - 10 * DAY, T + 5 * DAY),
        ticket('3', T + DAY, null),
        ticket('4', T - 5 * DAY, null),
      ],
    }
    const tickets = snapshotAsOf(company, T, model).tickets!
    expect(tickets.map((t) => t.id)).toEqual(['1', '2', '4'])
    expect(tickets[0]!.properties).toMatchObject({
      closed_date: iso(T - 20 * DAY),
      hs_pipeline_stage: '4',
    })
    // Closed five days after T: open at T, in no closed stage, with no time to close.
    expect(tickets[1]!.properties).toMatchObject({
      closed_date: null,
      hs_pipeline_stage: null,
      time_to_close: null,
    })
    expect(tickets[2]!.properties).toMatchObject({ closed_date: null, hs_pipeline_stage: '1' })
  })

  it('takes a ticket priority as it stood at T', () => {
    const escalated = ticket('1', T - 5 * DAY, null, 'LOW')
    const withLater: RecordWithHistory = {
      ...escalated,
      properties: { ...escalated.properties, hs_ticket_priority: 'URGENT' },
      history: {
        ...escalated.history,
        hs_ticket_priority: [
          { value: 'URGENT', timestamp: iso(T + DAY) },
          ...escalated.history.hs_ticket_priority!,
        ],
      },
    }
    const company = { ...companyOf({}), tickets: [withLater] }
    expect(snapshotAsOf(company, T, model).tickets![0]!.properties.hs_ticket_priority).toBe('LOW')
  })

  it('keeps engagements at or before T and past scores at or before T only', () => {
    const call = (id: string, at: number): SnapshotEngagement => ({
      id,
      type: 'call',
      properties: { hs_timestamp: iso(at), hs_call_direction: 'INBOUND' },
    })
    const company: CompanyHistory = {
      ...companyOf({}),
      history: {
        health_score: [
          { value: '30', timestamp: iso(T + DAY) },
          { value: '80', timestamp: iso(T) },
          { value: '70', timestamp: iso(T - DAY) },
        ],
      },
      engagements: [call('1', T), call('2', T + 1), call('3', T - DAY)],
    }
    const snapshot = snapshotAsOf(company, T, model)
    expect(snapshot.engagements!.map((e) => e.id)).toEqual(['1', '3'])
    expect(snapshot.propertyHistory!.health_score!.map((p) => p.value)).toEqual(['80', '70'])
    expect(snapshot.properties.health_score).toBe('80')
  })

  it('keeps unreadable sources unreadable', () => {
    const snapshot = snapshotAsOf({ ...companyOf({}), tickets: null, engagements: null }, T, model)
    expect(snapshot.tickets).toBeNull()
    expect(snapshot.engagements).toBeNull()
  })
})

// ---- No leak: whatever happens after T, the snapshot and score as of T are the same. ----

const DAY_S = 24 * 3600 * 1000
const before = fc.integer({ min: 1, max: 500 }).map((days) => T - days * DAY_S + 1)
const after = fc.integer({ min: 1, max: 500 * DAY_S }).map((ms) => T + ms)
const numberText = fc.integer({ min: 0, max: 200 }).map(String)
const INPUTS = [
  'product_active_users_30d',
  'product_active_users_baseline',
  'product_logins_30d',
  'product_core_features_used',
  'nps_score',
  'csat_score',
  'days_payment_overdue',
  'annualrevenue',
  'health_score',
] as const
const ENGAGEMENT_TYPES: EngagementType[] = ['call', 'email', 'meeting']
const PRIORITIES = ['LOW', 'MEDIUM', 'HIGH', 'URGENT']

const points = (when: fc.Arbitrary<number>, values: fc.Arbitrary<string>) =>
  fc.array(fc.record({ value: values, timestamp: when.map(iso) }), { maxLength: 4 })

const engagement = (when: fc.Arbitrary<number>) =>
  fc
    .record({
      id: fc.integer({ min: 1, max: 1e9 }).map(String),
      type: fc.constantFrom(...ENGAGEMENT_TYPES),
      at: when,
      flavour: fc.constantFrom(
        'INBOUND',
        'OUTBOUND',
        'INCOMING_EMAIL',
        'EMAIL',
        'COMPLETED',
        'NO_SHOW',
      ),
    })
    .map(({ id, type, at, flavour }): SnapshotEngagement => ({
      id,
      type,
      properties: {
        hs_timestamp: iso(at),
        hs_call_direction: flavour,
        hs_call_status: 'COMPLETED',
        hs_email_direction: flavour,
        hs_meeting_outcome: flavour,
      },
    }))

const ticketArb = fc.record({
  id: fc.integer({ min: 1, max: 1e9 }).map(String),
  created: before,
  closedAfter: fc.option(fc.integer({ min: 0, max: 100 * DAY_S }), { nil: null }),
  priority: fc.constantFrom(...PRIORITIES),
})

const companyArb = fc.record({
  history: fc.record(Object.fromEntries(INPUTS.map((name) => [name, points(before, numberText)]))),
  tickets: fc.uniqueArray(ticketArb, { selector: (t) => t.id, maxLength: 6 }),
  engagements: fc.uniqueArray(engagement(before), { selector: (e) => e.id, maxLength: 8 }),
})

const mutationArb = fc.record({
  history: fc.record(Object.fromEntries(INPUTS.map((name) => [name, points(after, numberText)]))),
  closeAt: fc.array(after, { maxLength: 6 }),
  reprioritise: fc.array(fc.record({ at: after, priority: fc.constantFrom(...PRIORITIES) }), {
    maxLength: 6,
  }),
  newTickets: fc.array(
    ticketArb.map((t) => ({ ...t, created: T + 1 + ((t.created % DAY_S) + DAY_S) })),
    { maxLength: 3 },
  ),
  newEngagements: fc.array(engagement(after), { maxLength: 4 }),
})

type CompanyDraft = typeof companyArb extends fc.Arbitrary<infer D> ? D : never
type Mutation = typeof mutationArb extends fc.Arbitrary<infer M> ? M : never

function build(draft: CompanyDraft): CompanyHistory {
  const history: Record<string, HistoryPoint[]> = {}
  const properties: Record<string, string | null> = {}
  for (const name of INPUTS) {
    history[name] = [...draft.history[name]!].sort(
      (a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp),
    )
    properties[name] = history[name]![0]?.value ?? null
  }
  return {
    companyId: '101',
    properties,
    history,
    tickets: draft.tickets.map((t) => {
      const closed = t.closedAfter === null ? null : t.created + t.closedAfter
      return ticket(
        `t${t.id}`,
        t.created,
        closed !== null && closed <= T ? closed : null,
        t.priority,
      )
    }),
    engagements: draft.engagements,
  }
}

/** Everything that can happen after T: new values, tickets closed and re-prioritised, new records. */
function mutate(company: CompanyHistory, m: Mutation): CompanyHistory {
  const history: Record<string, HistoryPoint[]> = {}
  const properties: Record<string, string | null | undefined> = { ...company.properties }
  for (const name of INPUTS) {
    history[name] = [...m.history[name]!, ...company.history[name]!].sort(
      (a, b) => Date.parse(b.timestamp) - Date.parse(a.timestamp),
    )
    properties[name] = history[name]![0]?.value ?? null
  }
  const tickets = company.tickets!.map((t, i) => {
    let next: RecordWithHistory = t
    const closeAt = m.closeAt[i]
    if (closeAt !== undefined && t.properties.closed_date === null) {
      const stamp = { timestamp: iso(closeAt) }
      next = {
        ...next,
        properties: {
          ...next.properties,
          closed_date: iso(closeAt),
          hs_pipeline_stage: '4',
          time_to_close: '5',
        },
        history: {
          ...next.history,
          closed_date: [{ value: iso(closeAt), ...stamp }, ...next.history.closed_date!],
          hs_pipeline_stage: [{ value: '4', ...stamp }, ...next.history.hs_pipeline_stage!],
          time_to_close: [{ value: '5', ...stamp }, ...next.history.time_to_close!],
        },
      }
    }
    if (closeAt !== undefined && t.properties.closed_date !== null) {
      // Reopened after T: the close is cleared, as HubSpot records it (an empty value).
      const stamp = { timestamp: iso(closeAt) }
      next = {
        ...next,
        properties: {
          ...next.properties,
          closed_date: null,
          hs_pipeline_stage: '1',
          time_to_close: null,
        },
        history: {
          ...next.history,
          closed_date: [{ value: '', ...stamp }, ...next.history.closed_date!],
          hs_pipeline_stage: [{ value: '1', ...stamp }, ...next.history.hs_pipeline_stage!],
        },
      }
    }
    const change = m.reprioritise[i]
    if (change)
      next = {
        ...next,
        properties: { ...next.properties, hs_ticket_priority: change.priority },
        history: {
          ...next.history,
          hs_ticket_priority: [
            { value: change.priority, timestamp: iso(change.at) },
            ...next.history.hs_ticket_priority!,
          ],
        },
      }
    return next
  })
  for (const t of m.newTickets) tickets.push(ticket(`n${t.id}`, t.created, null, t.priority))
  return {
    ...company,
    properties,
    history,
    tickets,
    engagements: [
      ...company.engagements!,
      ...m.newEngagements.map((e) => ({ ...e, id: `n${e.id}` })),
    ],
  }
}

it('lets nothing after T into the snapshot or the score as of T', () => {
  fc.assert(
    fc.property(companyArb, mutationArb, (draft, mutation) => {
      const company = build(draft)
      const changed = mutate(company, mutation)
      const past = snapshotAsOf(company, T, model)
      expect(snapshotAsOf(changed, T, model)).toEqual(past)
      expect(scoreCompany(snapshotAsOf(changed, T, model), model)).toEqual(
        scoreCompany(past, model),
      )
    }),
    { numRuns: 300 },
  )
})

it('does see what happened after T when scored later (the property test can fail)', () => {
  const company = build({
    history: Object.fromEntries(INPUTS.map((name) => [name, []])),
    tickets: [{ id: '1', created: T - DAY, closedAfter: null, priority: 'LOW' }],
    engagements: [],
  })
  const changed = mutate(company, {
    history: {
      ...Object.fromEntries(INPUTS.map((name) => [name, []])),
      nps_score: [{ value: '2', timestamp: iso(T + DAY) }],
    },
    closeAt: [T + DAY],
    reprioritise: [],
    newTickets: [],
    newEngagements: [],
  })
  const later = snapshotAsOf(changed, T + 2 * DAY, model)
  expect(later.properties.nps_score).toBe('2')
  expect(later.tickets![0]!.properties.closed_date).toBe(iso(T + DAY))
})
