import { createTestPortal } from '@health-score/hubspot-emulator/testing'
import { expect, it } from 'vitest'

import { getDefaultModel } from '../../src/health/index.ts'
import { gatherPortal } from '../../src/hubspot/gather.ts'
import { gatherLowerBound } from '../../src/hubspot/gather-bound.ts'
import type { GatherOptions } from '../../src/hubspot/gather-types.ts'
import { useMswServer } from '../support/msw.ts'
import { connect } from '../support/portal.ts'
import { AS_OF_MS, emptyFixture, gridFixture } from './gather-fixture.ts'

const server = useMswServer()
const model = getDefaultModel()

async function drain(options: Partial<GatherOptions> = {}) {
  const conn = connect()
  let companies = 0
  for await (const page of gatherPortal(conn, {
    model,
    asOf: AS_OF_MS,
    ownedProperties: ['health_score'],
    ...options,
  }))
    companies += page.companies.length
  return { companies, calls: conn.calls.snapshot() }
}

it('gathers 120 companies in exactly the batch lower bound of 15 calls', async () => {
  // 120 tickets, 120 calls, 240 emails, 60 meetings.
  const emulator = createTestPortal({ fixture: gridFixture(120), rateLimits: false }).emulator
  server.use(...emulator.handlers)
  const { companies, calls } = await drain()
  expect(companies).toBe(120)
  expect(calls.byEndpoint).toEqual({
    'GET /crm/v3/objects/companies': 3,
    'POST /crm/v4/associations/companies/tickets/batch/read': 1,
    'POST /crm/v4/associations/companies/calls/batch/read': 1,
    'POST /crm/v4/associations/companies/emails/batch/read': 1,
    'POST /crm/v4/associations/companies/meetings/batch/read': 1,
    'POST /crm/v3/objects/tickets/batch/read': 2,
    'POST /crm/v3/objects/calls/batch/read': 2,
    'POST /crm/v3/objects/emails/batch/read': 3,
    'POST /crm/v3/objects/meetings/batch/read': 1,
  })
  expect(calls.total).toBe(15)
  expect(emulator.stats().calls.total).toBe(15)
  const bound = gatherLowerBound({
    companies: 120,
    tickets: 120,
    engagements: { calls: 120, emails: 240, meetings: 60 },
  })
  expect(bound).toBe(15)
})

it('fills batches across pages: small pages cost no more calls', async () => {
  const emulator = createTestPortal({ fixture: gridFixture(120), rateLimits: false }).emulator
  server.use(...emulator.handlers)
  const { companies, calls } = await drain({ pageSize: 10 })
  expect(companies).toBe(120)
  // 12 list calls of 10, then the same association and record calls as with pages of 100.
  expect(calls.total).toBe(12 + 4 + 8)
})

it('reads a ticket shared by many companies once', async () => {
  const companies = Array.from({ length: 60 }, (_, i) => ({
    id: String(101 + i),
    properties: { name: `C${i}` },
  }))
  const ids = companies.map((c) => c.id)
  // 60 tickets, each associated with all 60 companies: 3,600 links, 60 records, one read.
  const tickets = Array.from({ length: 60 }, (_, t) => ({
    id: String(9001 + t),
    properties: { createdate: '2026-10-01T00:00:00.000Z' },
    companyIds: ids,
  }))
  const emulator = createTestPortal({
    fixture: emptyFixture({ companies, tickets }),
    rateLimits: false,
  }).emulator
  server.use(...emulator.handlers)
  const { calls } = await drain()
  expect(calls.byEndpoint['POST /crm/v3/objects/tickets/batch/read']).toBe(1)
  expect(calls.byEndpoint['POST /crm/v3/objects/calls/batch/read']).toBeUndefined()
  expect(calls.total).toBe(2 + 4 + 1)
})

it('states the lower bound formula on counts', () => {
  expect(gatherLowerBound({ companies: 0, tickets: 0, engagements: {} })).toBe(0)
  // ⌈2000/50⌉ + 4·⌈2000/1000⌉ + ⌈16408/100⌉ + ⌈44845/100⌉ + ⌈98688/100⌉ + ⌈20849/100⌉
  expect(
    gatherLowerBound({
      companies: 2000,
      tickets: 16408,
      engagements: { calls: 44845, emails: 98688, meetings: 20849 },
    }),
  ).toBe(40 + 8 + 165 + 449 + 987 + 209)
  expect(gatherLowerBound({ companies: 10, tickets: null, engagements: {} })).toBe(1)
})
