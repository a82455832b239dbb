import { Client } from '@hubspot/api-client'
import { afterEach, beforeEach, expect, it } from 'vitest'

import { rescorePortal } from '../../src/operations/rescore-portal.ts'
import { RunJournal } from '../../src/operations/run-journal.ts'
import { useMswServer } from '../support/msw.ts'
import {
  BASE_PATH,
  connect,
  demoPortal,
  expectedValues,
  model,
  readOwned,
} from '../support/portal.ts'

const server = useMswServer()
let journal: RunJournal

beforeEach(() => {
  journal = new RunJournal(':memory:')
})
afterEach(() => journal.close())

function run(
  portal: ReturnType<typeof demoPortal>,
  options: { since?: number; pageSize?: number; timeoutMs?: number } = {},
) {
  return rescorePortal({
    connection: connect({ maxAttempts: 6, retryWaitMs: 1, timeoutMs: options.timeoutMs ?? 5_000 }),
    model,
    journal,
    portalKey: 'test',
    now: () => portal.clock.now(),
    pageSize: options.pageSize ?? 25,
    ...(options.since === undefined ? {} : { since: options.since }),
  })
}

it('writes exactly what the engine computes from the portal data, for every company', async () => {
  const portal = demoPortal()
  server.use(...portal.emulator.handlers)
  const summary = await run(portal)
  const expected = expectedValues(portal.fixture, portal.asOf)
  expect(summary).toMatchObject({
    companies: 60,
    scored: expected.size,
    failed: 0,
    written: expected.size,
  })
  const { values, writes } = readOwned(
    portal.emulator,
    portal.fixture.companies.map((c) => c.id),
  )
  for (const [id, properties] of expected) {
    for (const [name, value] of Object.entries(properties)) {
      expect([id, name, values.get(id)?.[name] ?? '']).toEqual([id, name, value])
    }
    expect(writes.get(id)).toBe(1)
  }
  const tiers = summary.tiers
  expect(tiers.healthy + tiers.neutral + tiers.atRisk + tiers.critical).toBe(summary.scored)
})

it('writes nothing on an unchanged rerun', async () => {
  const portal = demoPortal(40)
  server.use(...portal.emulator.handlers)
  await run(portal)
  portal.emulator.resetStats()
  const again = await run(portal)
  expect(again).toMatchObject({ written: 0, unchanged: again.scored, failed: 0 })
  expect(
    portal.emulator.stats().calls.byEndpoint['POST /crm/v3/objects/companies/batch/update'] ?? 0,
  ).toBe(0)
})

it('picks up ticket and engagement changes in an incremental run', async () => {
  const portal = demoPortal(40)
  server.use(...portal.emulator.handlers)
  await run(portal)
  const [calm, quiet] = portal.fixture.companies.slice(0, 2).map((c) => c.id)
  portal.clock.advance(60_000)
  const since = portal.clock.now()
  portal.clock.advance(60_000)
  const client = new Client({ accessToken: 'emulator-token', basePath: BASE_PATH })
  const at = new Date(portal.clock.now()).toISOString()
  for (const priority of ['URGENT', 'URGENT', 'HIGH']) {
    await client.crm.tickets.basicApi.create({
      properties: {
        subject: 'Outage',
        hs_pipeline: '0',
        hs_pipeline_stage: '1',
        hs_ticket_priority: priority,
      },
      associations: [
        {
          to: { id: calm! },
          types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 339 }],
        },
      ],
    })
  }
  await client.crm.objects.emails.basicApi.create({
    properties: {
      hs_timestamp: at,
      hs_email_direction: 'INCOMING_EMAIL',
      hs_email_status: 'SENT',
      hs_email_subject: 'Re: renewal',
    },
    associations: [
      {
        to: { id: quiet! },
        types: [{ associationCategory: 'HUBSPOT_DEFINED' as never, associationTypeId: 186 }],
      },
    ],
  })
  const before = readOwned(portal.emulator, [calm!, quiet!])
  const summary = await run(portal, { since })
  expect(summary.kind).toBe('incremental')
  expect(summary.companies).toBeLessThan(40)
  const after = readOwned(portal.emulator, [calm!, quiet!])
  expect(Number(after.values.get(calm!)?.health_support_score)).toBeLessThan(
    Number(before.values.get(calm!)?.health_support_score),
  )
  expect(summary.companies).toBeGreaterThanOrEqual(2)
})

it('resumes a stopped run from its last confirmed page without rereading or rewriting', async () => {
  const portal = demoPortal(60)
  server.use(...portal.emulator.handlers)
  let pages = 0
  await expect(
    rescorePortal({
      connection: connect({ maxAttempts: 6, retryWaitMs: 1, timeoutMs: 5_000 }),
      model,
      journal,
      portalKey: 'test',
      now: () => portal.clock.now(),
      pageSize: 20,
      onProgress: () => {
        if (++pages === 2) throw new Error('killed')
      },
    }),
  ).rejects.toThrow(/killed/)
  const resumed = await run(portal, { pageSize: 20 })
  expect(resumed.resumed).toBe(true)
  expect(resumed.companies).toBe(60)
  const { writes } = readOwned(
    portal.emulator,
    portal.fixture.companies.map((c) => c.id),
  )
  expect([...writes.values()].every((n) => n === 1)).toBe(true)
})

it('ends with nothing failed and the same final state under 429s, 5xx, timeouts and partial 207s', async () => {
  const clean = demoPortal(60)
  server.use(...clean.emulator.handlers)
  await run(clean)
  const ids = clean.fixture.companies.map((c) => c.id)
  const expected = readOwned(clean.emulator, ids)
  server.resetHandlers()

  const faulty = demoPortal(60, 7, { faults: '429:0.05,500:0.02,timeout:0.01,partial:0.05' })
  server.use(...faulty.emulator.handlers)
  const summary = await run(faulty, { timeoutMs: 250 })
  faulty.emulator.releaseHungRequests()
  expect(summary.failed).toBe(0)
  expect(summary.rateLimited).toBeGreaterThan(0)
  const actual = readOwned(faulty.emulator, ids)
  expect(actual.values).toEqual(expected.values)
  expect([...actual.writes.values()].every((n) => n === 1)).toBe(true)
})
