import { describe, expect, it } from 'vitest'

import { extractSignals, getDefaultModel } from '../../src/health/index.ts'
import {
  createSnapshot,
  daysAgo,
  engagement,
  HEALTHY_PROPERTIES,
  scoreHistory,
  ticket,
} from './support/mocks.ts'

const model = getDefaultModel()
const signalsOf = (...args: Parameters<typeof createSnapshot>) =>
  extractSignals(createSnapshot(...args), model)

describe(extractSignals, () => {
  it('measures usage against the onboarding baseline, and logins per user', () => {
    const { values } = signalsOf({
      properties: {
        ...HEALTHY_PROPERTIES,
        product_active_users_30d: '42',
        product_active_users_baseline: '100',
        product_logins_30d: '420',
      },
    })
    expect(values.usage_vs_baseline).toBe(42)
    expect(values.logins_per_user_30d).toBe(10)
  })

  it('reports a zero baseline instead of dividing by it', () => {
    const { values, diagnostics } = signalsOf({
      properties: { ...HEALTHY_PROPERTIES, product_active_users_baseline: '0' },
    })
    expect(values.usage_vs_baseline).toBeNull()
    expect(diagnostics.map((d) => d.code)).toEqual(['zero_baseline'])
  })

  it('counts open tickets, recent high-priority ones and urgent escalations', () => {
    const { values } = signalsOf({
      tickets: [
        ticket({ createdate: daysAgo(3), hs_ticket_priority: 'URGENT' }),
        ticket({ createdate: daysAgo(10), hs_ticket_priority: 'HIGH' }),
        ticket({ createdate: daysAgo(45), hs_ticket_priority: 'HIGH' }),
        ticket({
          createdate: daysAgo(20),
          hs_ticket_priority: 'LOW',
          hs_pipeline_stage: '4',
          closed_date: daysAgo(18),
        }),
      ],
    })
    expect(values.open_tickets).toBe(3)
    expect(values.high_priority_tickets_30d).toBe(2)
    expect(values.escalated_tickets_30d).toBe(1)
  })

  it('counts a ticket closed after asOf as open, and ignores one created after it', () => {
    const { values } = signalsOf({
      tickets: [
        ticket({ createdate: daysAgo(10), hs_pipeline_stage: '4', closed_date: daysAgo(-2) }),
        ticket({ createdate: daysAgo(-1) }),
      ],
    })
    expect(values.open_tickets).toBe(1)
  })

  it('takes the median time to close from time_to_close, or from the dates', () => {
    const { values } = signalsOf({
      tickets: [
        ticket({
          createdate: daysAgo(10),
          hs_pipeline_stage: '4',
          closed_date: daysAgo(9),
          time_to_close: String(4 * 3_600_000),
        }),
        ticket({ createdate: daysAgo(10), hs_pipeline_stage: '4', closed_date: daysAgo(8) }),
        ticket({
          createdate: daysAgo(10),
          hs_pipeline_stage: '4',
          closed_date: daysAgo(9),
          time_to_close: String(10 * 3_600_000),
        }),
      ],
    })
    expect(values.median_hours_to_close).toBe(10)
  })

  it('weighs complaints against how-to questions, counting each category of a multi-category ticket', () => {
    const { values } = signalsOf({
      tickets: [
        ticket({ createdate: daysAgo(5), hs_ticket_category: 'PRODUCT_ISSUE;BILLING_ISSUE' }),
        ticket({ createdate: daysAgo(6), hs_ticket_category: 'GENERAL_INQUIRY' }),
        ticket({ createdate: daysAgo(7), hs_ticket_category: 'FEATURE_REQUEST' }),
        ticket({ createdate: daysAgo(200), hs_ticket_category: 'PRODUCT_ISSUE' }),
      ],
    })
    expect(values.complaint_share).toBe(50)
  })

  it('finds the last two-way touch and the outreach left unanswered since', () => {
    const { values } = signalsOf({
      engagements: [
        engagement('email', { hs_timestamp: daysAgo(40), hs_email_direction: 'INCOMING_EMAIL' }),
        engagement('call', {
          hs_timestamp: daysAgo(20),
          hs_call_direction: 'OUTBOUND',
          hs_call_status: 'COMPLETED',
          hs_call_duration: '900000',
        }),
        engagement('email', {
          hs_timestamp: daysAgo(15),
          hs_email_direction: 'EMAIL',
          hs_email_status: 'SENT',
        }),
        engagement('call', {
          hs_timestamp: daysAgo(10),
          hs_call_direction: 'OUTBOUND',
          hs_call_status: 'NO_ANSWER',
          hs_call_duration: '0',
        }),
        engagement('meeting', { hs_timestamp: daysAgo(5), hs_meeting_outcome: 'NO_SHOW' }),
        engagement('note', { hs_timestamp: daysAgo(1), hs_note_body: 'Left a voicemail' }),
        engagement('meeting', { hs_timestamp: daysAgo(-3), hs_meeting_outcome: 'SCHEDULED' }),
      ],
    })
    expect(values.days_since_two_way_touch).toBe(20)
    expect(values.unanswered_outreach).toBe(3)
    expect(values.two_way_touches_90d).toBe(2)
    expect(values.meeting_show_rate).toBe(0)
  })

  it('falls back to last-contacted properties when activities are not readable', () => {
    const { values } = signalsOf({
      engagements: null,
      properties: {
        ...HEALTHY_PROPERTIES,
        notes_last_contacted: daysAgo(12),
        hs_last_sales_activity_timestamp: daysAgo(30),
      },
    })
    expect(values.days_since_two_way_touch).toBe(12)
    expect(values.unanswered_outreach).toBeNull()
  })

  it('has no engagement or ticket data when neither is readable', () => {
    const { values } = signalsOf({ engagements: null, tickets: null })
    expect(values.days_since_two_way_touch).toBeNull()
    expect(values.open_tickets).toBeNull()
  })

  it('ignores a last-contacted date in the future, with a diagnostic', () => {
    const { values, diagnostics } = signalsOf({
      engagements: null,
      properties: { ...HEALTHY_PROPERTIES, notes_last_contacted: daysAgo(-30) },
    })
    expect(values.days_since_two_way_touch).toBeNull()
    expect(diagnostics.map((d) => [d.code, d.path.join('.')])).toEqual([
      ['future_date', 'properties.notes_last_contacted'],
    ])
  })

  it('reads only ISO-8601 dates: "8/10" is not a day in 2001, nor "2026-02-30" one in March', () => {
    const { values, diagnostics } = signalsOf({
      engagements: null,
      properties: {
        ...HEALTHY_PROPERTIES,
        notes_last_contacted: '8/10',
        renewal_date: '2026-02-30',
      },
    })
    expect(values.days_since_two_way_touch).toBeNull()
    expect(values.renewal_days_untouched).toBeNull()
    expect(diagnostics.map((d) => [d.code, d.path.join('.'), d.action])).toEqual([
      ['invalid_date', 'properties.notes_last_contacted', 'ignored'],
      ['invalid_date', 'properties.renewal_date', 'ignored'],
    ])
  })

  it('reads machine-written timestamps strictly too, and says so', () => {
    const { values, diagnostics } = signalsOf({
      tickets: [
        ticket({ createdate: '11/01/2026' }),
        ticket({ createdate: daysAgo(2), closed_date: 'soon' }),
      ],
      engagements: [
        engagement('email', { hs_timestamp: 'Oct 30 2026', hs_email_direction: 'INCOMING_EMAIL' }),
      ],
    })
    expect(values.open_tickets).toBe(1)
    expect(values.days_since_two_way_touch).toBe(180)
    expect(diagnostics.map((d) => d.path.join('.')).sort()).toEqual([
      'engagements.0.hs_timestamp',
      'tickets.0.createdate',
      'tickets.1.closed_date',
    ])
  })

  it('keeps every signal finite, however large the numbers typed', () => {
    const huge = '9'.repeat(300)
    const tiny = `0.${'0'.repeat(320)}1`
    const { values } = signalsOf({
      properties: {
        ...HEALTHY_PROPERTIES,
        product_active_users_30d: huge,
        product_active_users_baseline: tiny,
        product_logins_30d: huge,
        days_payment_overdue: '9'.repeat(400),
      },
    })
    for (const value of Object.values(values))
      expect(value === null || Number.isFinite(value)).toBe(true)
    expect(values.usage_vs_baseline).toBeNull()
    expect(values.days_payment_overdue).toBeNull()
  })

  it('counts days to an untouched renewal, and the full horizon once touched', () => {
    const near = { ...HEALTHY_PROPERTIES, renewal_date: '2026-11-21' }
    expect(signalsOf({ properties: near }).values.renewal_days_untouched).toBe(20)
    const touched = [
      engagement('email', { hs_timestamp: daysAgo(3), hs_email_direction: 'INCOMING_EMAIL' }),
    ]
    expect(
      signalsOf({ properties: near, engagements: touched }).values.renewal_days_untouched,
    ).toBe(120)
    expect(signalsOf().values.renewal_days_untouched).toBe(120)
  })

  it('picks the segment from annual revenue, and the default for a messy one', () => {
    const withRevenue = (annualrevenue: string) =>
      signalsOf({ properties: { ...HEALTHY_PROPERTIES, annualrevenue } }).segmentId
    expect(withRevenue('120000000')).toBe('enterprise')
    expect(withRevenue('5000000')).toBe('mid_market')
    expect(withRevenue('4999999')).toBe('smb')
    expect(withRevenue('N/A')).toBe('unsegmented')
  })

  it('reads the score history oldest first, up to asOf', () => {
    const { scoreHistory: history } = signalsOf({
      propertyHistory: scoreHistory([
        [1, 70],
        [40, 80],
        [-5, 10],
      ]),
    })
    expect(history.map((p) => p.score)).toEqual([80, 70])
  })

  it('reads only past scores within 0–100', () => {
    const { scoreHistory: history } = signalsOf({
      propertyHistory: {
        health_score: [
          { value: '1'.repeat(308), timestamp: daysAgo(40) },
          { value: '-5', timestamp: daysAgo(35) },
          { value: ' ', timestamp: daysAgo(33) },
          { value: '64', timestamp: daysAgo(31) },
        ],
      },
    })
    expect(history.map((p) => p.score)).toEqual([64])
  })

  it('reports unreadable record dates and carries on', () => {
    const { values, diagnostics } = signalsOf({
      tickets: [ticket({ createdate: 'last week' }), ticket({ createdate: daysAgo(2) })],
      engagements: [
        engagement('email', { hs_timestamp: undefined, hs_email_direction: 'INCOMING_EMAIL' }),
      ],
    })
    expect(values.open_tickets).toBe(1)
    expect(diagnostics.map((d) => d.path.join('.')).sort()).toEqual([
      'engagements.0.hs_timestamp',
      'tickets.0.createdate',
    ])
  })
})
