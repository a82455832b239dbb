/** Hand-built portals for the gather tests (served through `createTestPortal`). */
import { emptyFixture as emptyPortal, type Fixture } from '@health-score/hubspot-emulator'

export const AS_OF = '2026-11-01T00:00:00.000Z'
export const AS_OF_MS = Date.parse(AS_OF)

/** An empty fixture with `overrides`. */
export function emptyFixture(overrides: Partial<Fixture> = {}): Fixture {
  return { ...emptyPortal(12345, AS_OF), ...overrides }
}

/**
 * Four companies: 101 with two tickets (one shared with 102), score history and one record of each
 * engagement type; 102 with the shared ticket and an email it shares with 103; 103 with a call
 * too; 104 with no associations at all.
 */
export function handFixture(): Fixture {
  return emptyFixture({
    companies: [
      {
        id: '101',
        properties: {
          name: 'Acme',
          product_active_users_30d: '42',
          product_active_users_baseline: '50',
          product_logins_30d: '300',
          product_core_features_used: '4',
          nps_score: '9',
          csat_score: '4.5',
          days_payment_overdue: '0',
          renewal_date: '2027-03-01',
          annualrevenue: '1200000',
          notes_last_contacted: '2026-10-20T10:00:00.000Z',
          health_score: '72',
          health_tier: 'neutral',
        },
        propertyHistory: {
          health_score: [
            { value: '72', timestamp: '2026-10-25T00:00:00.000Z' },
            { value: '80', timestamp: '2026-09-25T00:00:00.000Z' },
          ],
        },
      },
      { id: '102', properties: { name: 'Beta', nps_score: '3', annualrevenue: '50000' } },
      { id: '103', properties: { name: 'Gamma', csat_score: '2' } },
      { id: '104', properties: { name: 'Lonely' } },
    ],
    tickets: [
      {
        id: '9001',
        properties: {
          subject: 'Login broken',
          hs_pipeline: '0',
          hs_pipeline_stage: '1',
          hs_ticket_priority: 'HIGH',
          hs_ticket_category: 'PRODUCT_ISSUE',
          createdate: '2026-10-20T09:00:00.000Z',
        },
        companyIds: ['101'],
      },
      {
        id: '9002',
        properties: {
          subject: 'How do I export?',
          hs_pipeline: '0',
          hs_pipeline_stage: '4',
          hs_ticket_priority: 'LOW',
          hs_ticket_category: 'GENERAL_INQUIRY',
          createdate: '2026-10-01T09:00:00.000Z',
          closed_date: '2026-10-02T09:00:00.000Z',
          time_to_close: '86400000',
        },
        companyIds: ['101', '102'],
      },
    ],
    calls: [
      {
        id: '7001',
        properties: {
          hs_timestamp: '2026-10-28T15:00:00.000Z',
          hs_call_direction: 'OUTBOUND',
          hs_call_status: 'COMPLETED',
          hs_call_duration: '600000',
          hs_call_title: 'Check-in',
        },
        companyIds: ['101'],
      },
      {
        id: '7002',
        properties: { hs_timestamp: '2026-10-10T15:00:00.000Z', hs_call_direction: 'INBOUND' },
        companyIds: ['103'],
      },
    ],
    emails: [
      {
        id: '7101',
        properties: {
          hs_timestamp: '2026-10-29T08:00:00.000Z',
          hs_email_direction: 'INCOMING_EMAIL',
          hs_email_status: 'SENT',
          hs_email_subject: 'Re: renewal',
        },
        companyIds: ['101'],
      },
      {
        id: '7102',
        properties: {
          hs_timestamp: '2026-10-05T08:00:00.000Z',
          hs_email_direction: 'EMAIL',
          hs_email_status: 'SENT',
        },
        companyIds: ['102', '103'],
      },
    ],
    meetings: [
      {
        id: '7201',
        properties: { hs_timestamp: '2026-10-15T13:00:00.000Z', hs_meeting_outcome: 'COMPLETED' },
        companyIds: ['101'],
      },
    ],
    notes: [
      {
        id: '7301',
        properties: { hs_timestamp: '2026-10-16T13:00:00.000Z', hs_note_body: 'Call notes' },
        companyIds: ['101'],
      },
    ],
    tasks: [
      {
        id: '7401',
        properties: { hs_timestamp: '2026-11-05T13:00:00.000Z', hs_task_status: 'NOT_STARTED' },
        companyIds: ['101'],
      },
    ],
  })
}

/**
 * `companies` companies (ids from 101) with predictable records: company i has i % 3 tickets,
 * one call, two emails, and a meeting when i is even.
 */
export function gridFixture(companies: number): Fixture {
  const fixture = emptyFixture()
  let next = 200_000
  for (let i = 0; i < companies; i++) {
    const id = String(101 + i)
    fixture.companies.push({ id, properties: { name: `Company ${i}`, nps_score: String(i % 11) } })
    const at = new Date(Date.parse(AS_OF) - (i + 1) * 3_600_000).toISOString()
    for (let t = 0; t < i % 3; t++)
      fixture.tickets.push({
        id: String(next++),
        properties: { hs_pipeline: '0', hs_pipeline_stage: '1', createdate: at },
        companyIds: [id],
      })
    fixture.calls.push({ id: String(next++), properties: { hs_timestamp: at }, companyIds: [id] })
    for (let e = 0; e < 2; e++)
      fixture.emails.push({
        id: String(next++),
        properties: { hs_timestamp: at, hs_email_direction: 'EMAIL' },
        companyIds: [id],
      })
    if (i % 2 === 0)
      fixture.meetings.push({
        id: String(next++),
        properties: { hs_timestamp: at, hs_meeting_outcome: 'COMPLETED' },
        companyIds: [id],
      })
  }
  return fixture
}
