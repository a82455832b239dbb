import { ALL_SCOPES } from '@health-score/hubspot-emulator'
import { createTestPortal } from '@health-score/hubspot-emulator/testing'
import { getResponse, http, HttpResponse } from 'msw'
import { expect, it } from 'vitest'

import type { EngagementType, SnapshotRecord } from '../../src/health/index.ts'
import { getDefaultModel } from '../../src/health/index.ts'
import { gatherPortal } from '../../src/hubspot/gather.ts'
import type { GatherOptions, GatherPage } from '../../src/hubspot/gather-types.ts'
import { useMswServer } from '../support/msw.ts'
import { connect } from '../support/portal.ts'
import { AS_OF_MS, gridFixture, handFixture } from './gather-fixture.ts'

const server = useMswServer()
const model = getDefaultModel()
const OWNED = ['health_score', 'health_tier']
const ALL_TYPES: EngagementType[] = ['call', 'email', 'meeting', 'note', 'task']

async function collect(
  options: Partial<GatherOptions> = {},
  conn = connect(),
): Promise<GatherPage[]> {
  const pages: GatherPage[] = []
  for await (const page of gatherPortal(conn, {
    model,
    asOf: AS_OF_MS,
    ownedProperties: OWNED,
    ...options,
  }))
    pages.push(page)
  return pages
}

const ids = (records: readonly SnapshotRecord[] | null) => records?.map((r) => r.id).sort() ?? null

it('gathers snapshots equal to what the fixture holds', async () => {
  const emulator = createTestPortal({ fixture: handFixture(), rateLimits: false }).emulator
  server.use(...emulator.handlers)
  const [page, ...rest] = await collect({ engagementTypes: ALL_TYPES })
  expect(rest).toEqual([])
  expect(page!.cursor).toBeNull()
  expect(page!.failures).toEqual([])
  expect(page!.unreadable).toEqual([])
  expect(page!.companies.map((c) => c.snapshot.companyId)).toEqual(['101', '102', '103', '104'])
  const [acme, beta, gamma, lonely] = page!.companies

  expect(acme!.current).toEqual({ health_score: '72', health_tier: 'neutral' })
  expect(acme!.snapshot).toMatchObject({
    companyId: '101',
    asOf: AS_OF_MS,
    properties: {
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
    },
  })
  const scores = acme!.snapshot.propertyHistory?.health_score ?? []
  expect(scores.map((p) => [p.value, p.timestamp])).toEqual(
    expect.arrayContaining([
      ['72', '2026-10-25T00:00:00.000Z'],
      ['80', '2026-09-25T00:00:00.000Z'],
    ]),
  )
  expect(acme!.snapshot.tickets).toEqual(
    expect.arrayContaining([
      {
        id: '9001',
        properties: {
          createdate: '2026-10-20T09:00:00.000Z',
          closed_date: null,
          hs_pipeline_stage: '1',
          hs_ticket_priority: 'HIGH',
          hs_ticket_category: 'PRODUCT_ISSUE',
          time_to_close: null,
        },
      },
      {
        id: '9002',
        properties: {
          createdate: '2026-10-01T09:00:00.000Z',
          closed_date: '2026-10-02T09:00:00.000Z',
          hs_pipeline_stage: '4',
          hs_ticket_priority: 'LOW',
          hs_ticket_category: 'GENERAL_INQUIRY',
          time_to_close: '86400000',
        },
      },
    ]),
  )
  expect(acme!.snapshot.tickets).toHaveLength(2)
  const engagements = [...(acme!.snapshot.engagements ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1))
  expect(engagements).toEqual([
    {
      id: '7001',
      type: 'call',
      properties: {
        hs_timestamp: '2026-10-28T15:00:00.000Z',
        hs_call_direction: 'OUTBOUND',
        hs_call_status: 'COMPLETED',
        hs_call_duration: '600000',
      },
    },
    {
      id: '7101',
      type: 'email',
      properties: {
        hs_timestamp: '2026-10-29T08:00:00.000Z',
        hs_email_direction: 'INCOMING_EMAIL',
        hs_email_status: 'SENT',
      },
    },
    {
      id: '7201',
      type: 'meeting',
      properties: { hs_timestamp: '2026-10-15T13:00:00.000Z', hs_meeting_outcome: 'COMPLETED' },
    },
    { id: '7301', type: 'note', properties: { hs_timestamp: '2026-10-16T13:00:00.000Z' } },
    { id: '7401', type: 'task', properties: { hs_timestamp: '2026-11-05T13:00:00.000Z' } },
  ])

  // The shared ticket and the shared email appear under each of their companies.
  expect(ids(beta!.snapshot.tickets)).toEqual(['9002'])
  expect(ids(beta!.snapshot.engagements)).toEqual(['7102'])
  expect(ids(gamma!.snapshot.engagements)).toEqual(['7002', '7102'])
  expect(beta!.current).toEqual({ health_score: null, health_tier: null })
  expect(lonely!.snapshot).toMatchObject({
    tickets: [],
    engagements: [],
    properties: { nps_score: null },
  })
  expect(lonely!.snapshot.propertyHistory).toEqual({ health_score: [] })
})

it('reads only the engagement types the signals read, one call per endpoint on a tiny portal', async () => {
  const emulator = createTestPortal({ fixture: handFixture(), rateLimits: false }).emulator
  server.use(...emulator.handlers)
  const conn = connect()
  await collect({}, conn)
  expect(conn.calls.snapshot()).toEqual({
    total: 9,
    byEndpoint: {
      'GET /crm/v3/objects/companies': 1,
      'POST /crm/v4/associations/companies/tickets/batch/read': 1,
      'POST /crm/v4/associations/companies/calls/batch/read': 1,
      'POST /crm/v4/associations/companies/emails/batch/read': 1,
      'POST /crm/v4/associations/companies/meetings/batch/read': 1,
      'POST /crm/v3/objects/tickets/batch/read': 1,
      'POST /crm/v3/objects/calls/batch/read': 1,
      'POST /crm/v3/objects/emails/batch/read': 1,
      'POST /crm/v3/objects/meetings/batch/read': 1,
    },
  })
})

it('resumes from any page cursor and yields every company exactly once', async () => {
  const emulator = createTestPortal({ fixture: gridFixture(230), rateLimits: false }).emulator
  server.use(...emulator.handlers)
  const options = { pageSize: 40, windowSize: 120 }
  const full = await collect(options)
  expect(full.map((p) => p.companies.length)).toEqual([40, 40, 40, 40, 40, 30])
  const all = full.flatMap((p) => p.companies.map((c) => c.snapshot.companyId))
  expect(new Set(all).size).toBe(230)
  for (const stop of [1, 3, 4]) {
    const head = full.slice(0, stop).flatMap((p) => p.companies.map((c) => c.snapshot.companyId))
    const tail = (await collect({ ...options, after: full[stop - 1]!.cursor! })).flatMap((p) =>
      p.companies.map((c) => c.snapshot.companyId),
    )
    expect([...head, ...tail]).toEqual(all)
  }
  // Resumed snapshots equal the uninterrupted ones.
  const resumed = await collect({ ...options, after: full[2]!.cursor! })
  expect(resumed[0]!.companies).toEqual(full[3]!.companies)
})

it('gathers given company ids, resumes by cursor and reports unknown ids', async () => {
  const emulator = createTestPortal({ fixture: gridFixture(120), rateLimits: false }).emulator
  server.use(...emulator.handlers)
  const companyIds = ['105', '999', '101', '130', '101', '220']
  const pages = await collect({ companyIds, pageSize: 2, windowSize: 4 })
  expect(pages.map((p) => p.companies.map((c) => c.snapshot.companyId))).toEqual([
    ['105'],
    ['101', '130'],
    ['220'],
  ])
  expect(pages.flatMap((p) => p.failures)).toEqual([
    { companyId: '999', reason: 'company not found' },
  ])
  const resumed = await collect({
    companyIds,
    pageSize: 2,
    windowSize: 4,
    after: pages[0]!.cursor!,
  })
  expect(resumed.flatMap((p) => p.companies)).toEqual(pages.slice(1).flatMap((p) => p.companies))
  const full = await collect({ pageSize: 100 })
  const byId = new Map(full.flatMap((p) => p.companies).map((c) => [c.snapshot.companyId, c]))
  expect(pages[1]!.companies[1]).toEqual(byId.get('130'))
})

it('returns tickets as null when the token may not read tickets', async () => {
  const emulator = createTestPortal({ fixture: handFixture(), rateLimits: false }).emulator
  emulator.addPrivateAppToken(
    'no-tickets',
    ALL_SCOPES.filter((scope) => scope !== 'tickets'),
  )
  server.use(...emulator.handlers)
  const [page] = await collect({}, connect({ token: 'no-tickets' }))
  expect(page!.unreadable).toEqual(['tickets'])
  expect(page!.failures).toEqual([])
  for (const { snapshot } of page!.companies) {
    expect(snapshot.tickets).toBeNull()
    expect(snapshot.engagements).not.toBeNull()
  }
})

it('returns engagements as null when the token may not read them', async () => {
  const emulator = createTestPortal({ fixture: handFixture(), rateLimits: false }).emulator
  emulator.addPrivateAppToken('companies-and-tickets', ['crm.objects.companies.read', 'tickets'])
  server.use(...emulator.handlers)
  const [page] = await collect({}, connect({ token: 'companies-and-tickets' }))
  expect(page!.unreadable).toEqual(['engagements'])
  expect(page!.companies.map((c) => c.snapshot.engagements)).toEqual([null, null, null, null])
  expect(ids(page!.companies[0]!.snapshot.tickets)).toEqual(['9001', '9002'])
})

it('retries the inputs a 207 failed and ends with the same snapshots as a clean run', async () => {
  const clean = createTestPortal({ fixture: gridFixture(60), rateLimits: false }).emulator
  server.use(...clean.handlers)
  const expected = await collect()
  server.resetHandlers()
  const faulty = createTestPortal({
    fixture: gridFixture(60),
    rateLimits: false,
    faults: 'partial:0.5',
  }).emulator
  server.use(...faulty.handlers)
  const pages = await collect({ partialRetries: 10 })
  expect(pages.flatMap((p) => p.failures)).toEqual([])
  expect(pages).toEqual(expected)
})

it('leaves out associated records that no longer exist', async () => {
  const emulator = createTestPortal({ fixture: handFixture(), rateLimits: false }).emulator
  // Ticket 9001 is deleted between the associations read and the ticket read: a 207 OBJECT_NOT_FOUND.
  server.use(
    http.post('*/crm/v3/objects/tickets/batch/read', async ({ request }) => {
      const body = (await request.json()) as { inputs: { id: string }[] }
      const inputs = body.inputs.filter((input) => input.id !== '9001')
      const forwarded = new Request(request.url, {
        method: 'POST',
        headers: request.headers,
        body: JSON.stringify({ ...body, inputs }),
      })
      const answer = (await getResponse(emulator.handlers, forwarded))!
      const json = (await answer.json()) as Record<string, unknown>
      return HttpResponse.json(
        {
          ...json,
          numErrors: 1,
          errors: [
            {
              status: 'error',
              category: 'OBJECT_NOT_FOUND',
              message: 'Could not get some TICKET objects, they may be deleted or not exist.',
              context: { ids: ['9001'] },
            },
          ],
        },
        { status: 207 },
      )
    }),
    ...emulator.handlers,
  )
  const [page] = await collect()
  expect(page!.failures).toEqual([])
  expect(ids(page!.companies[0]!.snapshot.tickets)).toEqual(['9002'])
})

it('reports companies whose records cannot be read, and gathers the rest', async () => {
  const emulator = createTestPortal({ fixture: handFixture(), rateLimits: false }).emulator
  server.use(
    http.post('*/crm/v3/objects/calls/batch/read', () =>
      HttpResponse.json(
        { status: 'error', message: 'Internal error', correlationId: 'x', category: 'INTERNAL' },
        { status: 500 },
      ),
    ),
    ...emulator.handlers,
  )
  const [page] = await collect({}, connect({ maxAttempts: 1 }))
  expect(page!.failures.map((f) => f.companyId)).toEqual(['101', '103'])
  expect(page!.failures[0]!.reason).toMatch(/^calls 7001: .*500/)
  expect(page!.companies.map((c) => c.snapshot.companyId)).toEqual(['102', '104'])
})

it('rejects page and window sizes HubSpot cannot serve', async () => {
  await expect(collect({ pageSize: 101 })).rejects.toThrow(/pageSize/)
  await expect(collect({ windowSize: 1001 })).rejects.toThrow(/windowSize/)
})
