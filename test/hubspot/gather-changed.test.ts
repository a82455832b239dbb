import { createTestPortal } from '@health-score/hubspot-emulator/testing'
import { expect, it } from 'vitest'

import { companyIdsChangedSince } from '../../src/hubspot/gather.ts'
import { useMswServer } from '../support/msw.ts'
import { connect } from '../support/portal.ts'
import { AS_OF, AS_OF_MS, emptyFixture, handFixture } from './gather-fixture.ts'

const server = useMswServer()
const HOUR = 3_600_000

it('finds companies changed through their own properties, a ticket and an engagement', async () => {
  const { emulator, clock } = createTestPortal({ fixture: handFixture(), rateLimits: false })
  server.use(...emulator.handlers)
  const conn = connect()
  const since = AS_OF_MS + HOUR
  expect(await companyIdsChangedSince(conn, since)).toEqual([])

  clock.advance(2 * HOUR)
  const { crm } = conn.client
  await crm.companies.basicApi.update('102', { properties: { nps_score: '5' } })
  await crm.tickets.basicApi.update('9001', { properties: { hs_pipeline_stage: '4' } })
  await crm.objects.calls.basicApi.update('7002', { properties: { hs_call_status: 'COMPLETED' } })
  expect(await companyIdsChangedSince(conn, since)).toEqual(['101', '102', '103'])
  // A later moment sees none of it.
  expect(await companyIdsChangedSince(conn, clock.now() + 1)).toEqual([])
})

it('marks every company of a shared record, and counts notes only when asked', async () => {
  const { emulator, clock } = createTestPortal({ fixture: handFixture(), rateLimits: false })
  server.use(...emulator.handlers)
  const conn = connect()
  clock.advance(HOUR)
  const { crm } = conn.client
  await crm.objects.emails.basicApi.update('7102', { properties: { hs_email_status: 'BOUNCED' } })
  await crm.objects.notes.basicApi.update('7301', { properties: { hs_note_body: 'edited' } })
  const since = AS_OF_MS + 1
  expect(await companyIdsChangedSince(conn, since)).toEqual(['102', '103'])
  expect(await companyIdsChangedSince(conn, since, { engagementTypes: ['email', 'note'] })).toEqual(
    ['101', '102', '103'],
  )
})

it('windows past the 10,000-result search cap, ties on the boundary included', async () => {
  // 10,450 companies, five per modification time: the first query stops at 10,000 results.
  const companies = Array.from({ length: 10_450 }, (_, i) => {
    const at = new Date(Date.parse(AS_OF) - 30 * 24 * HOUR + Math.floor(i / 5) * 1000)
    return {
      id: String(101 + i),
      properties: {
        name: `C${i}`,
        createdate: at.toISOString(),
        hs_lastmodifieddate: at.toISOString(),
      },
    }
  })
  const emulator = createTestPortal({
    fixture: emptyFixture({ companies }),
    rateLimits: false,
  }).emulator
  server.use(...emulator.handlers)
  const conn = connect()
  const ids = await companyIdsChangedSince(conn, AS_OF_MS - 40 * 24 * HOUR)
  expect(ids).toHaveLength(10_450)
  expect(new Set(ids).size).toBe(10_450)
  expect(ids[0]).toBe('101')
  // 50 pages to the cap, then 3 more from the last time seen; one empty search per record type.
  expect(conn.calls.byEndpoint['POST /crm/v3/objects/companies/search']).toBe(53)
  expect(conn.calls.total).toBe(53 + 4)
}, 30_000)
