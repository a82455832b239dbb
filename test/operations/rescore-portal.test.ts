import { hostname } from 'node:os'

import { Client } from '@hubspot/api-client'
import { http, HttpResponse } from 'msw'
import { beforeEach, expect, it, vi } from 'vitest'

import { HubSpotApiError } from '../../src/hubspot/index.ts'
import {
  emptyTotals,
  LEASE_RENEW_MS,
  LEASE_TTL_MS,
  MemoryRunJournal,
  type RescoreOptions,
  rescorePortal,
  RunLockedError,
  RunStoppedError,
} from '../../src/operations/index.ts'
import { useMswServer } from '../support/msw.ts'
import {
  BASE_PATH as BASE,
  connect,
  createTicketFor,
  demoPortal as createPortal,
  expectedValues,
  historyOf,
  model,
  readOwned,
  valueOf,
} from '../support/portal.ts'

const server = useMswServer()
const UPDATE = 'POST /crm/v3/objects/companies/batch/update'
let journal: MemoryRunJournal

beforeEach(() => {
  journal = new MemoryRunJournal()
})

function run(
  portal: ReturnType<typeof createPortal>,
  options: { since?: number; pageSize?: number; timeoutMs?: number } & Partial<RescoreOptions> = {},
) {
  const { since, pageSize, timeoutMs, ...rest } = options
  return rescorePortal({
    connection: connect({ maxAttempts: 6, retryWaitMs: 1, timeoutMs: timeoutMs ?? 5_000 }),
    model,
    journal,
    portalKey: 'test',
    now: () => portal.clock.now(),
    pageSize: pageSize ?? 25,
    ...(since === undefined ? {} : { since }),
    ...rest,
  })
}

/** Every company of the portal was written exactly once. */
function writtenOnce(portal: ReturnType<typeof createPortal>): boolean {
  const { writes } = readOwned(
    portal.emulator,
    portal.fixture.companies.map((c) => c.id),
  )
  return [...writes.values()].every((n) => n === 1)
}

it('writes exactly what the engine computes from the portal data, for every company', async () => {
  const portal = createPortal()
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
  const portal = createPortal(40)
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
  const portal = createPortal(40)
  server.use(...portal.emulator.handlers)
  await run(portal)
  const [calm, quiet] = portal.fixture.companies.slice(0, 2).map((c) => c.id)
  portal.clock.advance(60_000)
  const since = portal.clock.now()
  portal.clock.advance(60_000)
  const client = new Client({ accessToken: 'emulator-token', basePath: BASE })
  const at = new Date(portal.clock.now()).toISOString()
  for (const priority of ['URGENT', 'URGENT', 'HIGH']) {
    await createTicketFor(client, calm!, {
      subject: 'Outage',
      hs_pipeline: '0',
      hs_pipeline_stage: '1',
      hs_ticket_priority: priority,
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

it('rethrows an unknown failure as itself, leaving the run stopped, and resumes it without rewriting', async () => {
  const portal = createPortal(60)
  server.use(...portal.emulator.handlers)
  const bug = new Error('killed')
  let pages = 0
  const failed = await run(portal, {
    pageSize: 20,
    onProgress: () => {
      if (++pages === 2) throw bug
    },
  }).catch((error: unknown) => error)
  expect(failed).toBe(bug)
  expect(await journal.findUnfinished('test', 'full')).toMatchObject({
    status: 'stopped',
    pages: 2,
  })
  const resumed = await run(portal, { pageSize: 20 })
  expect(resumed.resumed).toBe(true)
  expect(resumed.companies).toBe(60)
  expect(writtenOnce(portal)).toBe(true)
})

it('rethrows a refused call as the HubSpotApiError it is, with the run left resumable', async () => {
  const portal = createPortal(40)
  server.use(
    http.post(`${BASE}/crm/v3/objects/companies/batch/update`, () =>
      HttpResponse.json(
        { status: 'error', message: 'expired', category: 'EXPIRED_AUTHENTICATION' },
        { status: 401 },
      ),
    ),
    ...portal.emulator.handlers,
  )
  const failed = await run(portal).catch((error: unknown) => error)
  expect(failed).toBeInstanceOf(HubSpotApiError)
  expect(failed).not.toBeInstanceOf(RunStoppedError)
  expect(failed).toMatchObject({
    status: 401,
    endpoint: 'POST /crm/v3/objects/companies/batch/update',
    detail: 'expired',
  })
  expect(await journal.findUnfinished('test', 'full')).toMatchObject({
    status: 'stopped',
    pages: 0,
  })
})

it('stops at the daily limit as a RunStoppedError, and resumes day after day writing each company once', async () => {
  const twin = createPortal(60)
  server.use(...twin.emulator.handlers)
  // Windows of one page, so that the limit falls between pages.
  const sizes = { pageSize: 20, windowSize: 20 }
  const calls = (await run(twin, { journal: new MemoryRunJournal(), ...sizes })).apiCalls.total
  server.resetHandlers()

  const portal = createPortal(60, 7, { dailyLimit: Math.floor(calls / 2) })
  server.use(...portal.emulator.handlers)
  const stops: RunStoppedError[] = []
  for (;;) {
    const outcome = await run(portal, sizes).catch((error: unknown) => error)
    if (!(outcome instanceof RunStoppedError)) {
      expect(outcome).toMatchObject({ resumed: true, companies: 60, failed: 0 })
      break
    }
    expect(outcome.reason).toBe('daily-limit')
    expect(outcome.resetsAt?.getUTCHours()).toBe(0)
    expect(outcome.summary.companies).toBeLessThan(60)
    expect((await journal.findUnfinished('test', 'full'))?.status).toBe('stopped')
    stops.push(outcome)
    expect(stops.length).toBeLessThan(4)
    portal.clock.advance(24 * 3600_000) // the daily limit resets
  }
  expect(stops.length).toBeGreaterThanOrEqual(1)
  expect(writtenOnce(portal)).toBe(true)
})

it('stops after the page in flight when the signal aborts, journaled and resumable', async () => {
  const portal = createPortal(60)
  server.use(...portal.emulator.handlers)
  const controller = new AbortController()
  const stopped = await run(portal, {
    pageSize: 20,
    signal: controller.signal,
    onProgress: () => controller.abort(),
  }).catch((error: unknown) => error)
  expect(stopped).toBeInstanceOf(RunStoppedError)
  expect(stopped).toMatchObject({ reason: 'aborted', summary: { companies: 20 } })
  expect(await journal.findUnfinished('test', 'full')).toMatchObject({
    status: 'stopped',
    pages: 1,
  })

  const resumed = await run(portal, { pageSize: 20 })
  expect(resumed).toMatchObject({ resumed: true, companies: 60 })
  expect(writtenOnce(portal)).toBe(true)
})

it('starts no page it cannot finish before the deadline, judged by the longest page so far', async () => {
  const portal = createPortal(60)
  server.use(...portal.emulator.handlers)
  // Each page takes 1 s on the run's clock; 2.5 s leave room for two pages, not three.
  const stopped = await run(portal, {
    pageSize: 20,
    deadline: portal.clock.now() + 2500,
    onProgress: () => {
      portal.clock.advance(1000)
    },
  }).catch((error: unknown) => error)
  expect(stopped).toBeInstanceOf(RunStoppedError)
  expect(stopped).toMatchObject({ reason: 'deadline', summary: { companies: 40 } })
  expect(portal.clock.now()).toBeLessThan(portal.asOf + 2500)

  const resumed = await run(portal, { pageSize: 20 })
  expect(resumed).toMatchObject({ resumed: true, companies: 60 })
  expect(writtenOnce(portal)).toBe(true)
})

it('ends with nothing failed and the same final state under 429s, 5xx, timeouts and partial 207s', async () => {
  const clean = createPortal(60)
  server.use(...clean.emulator.handlers)
  await run(clean)
  const ids = clean.fixture.companies.map((c) => c.id)
  const expected = readOwned(clean.emulator, ids)
  server.resetHandlers()

  const faulty = createPortal(60, 7, { faults: '429:0.05,500:0.02,timeout:0.01,partial:0.05' })
  server.use(...faulty.emulator.handlers)
  const summary = await run(faulty, { timeoutMs: 250 })
  faulty.emulator.releaseHungRequests()
  expect(summary.failed).toBe(0)
  expect(summary.rateLimited).toBeGreaterThan(0)
  const actual = readOwned(faulty.emulator, ids)
  expect(actual.values).toEqual(expected.values)
  expect([...actual.writes.values()].every((n) => n === 1)).toBe(true)
})

it('ends with nothing failed and exactly the clean values under heavy faults, one write each', async () => {
  const clean = createPortal(120)
  server.use(...clean.emulator.handlers)
  await run(clean)
  const ids = clean.fixture.companies.map((c) => c.id)
  const expected = readOwned(clean.emulator, ids)
  server.resetHandlers()

  // The emulator's own limits run on a clock that never moves here: only the injected faults.
  const faulty = createPortal(120, 7, {
    faults: '429:0.3,500:0.1,timeout:0.05,partial:0.1',
    rateLimits: false,
  })
  server.use(...faulty.emulator.handlers)
  try {
    const summary = await run(faulty, { timeoutMs: 200, retryPauseMs: 10 })
    expect(summary).toMatchObject({ companies: 120, written: 120, failed: 0, failures: [] })
    const actual = readOwned(faulty.emulator, ids)
    expect(actual.values).toEqual(expected.values)
    expect([...actual.writes.values()]).toEqual(ids.map(() => 1))
  } finally {
    faulty.emulator.releaseHungRequests()
  }
}, 60_000)

it('refuses a portal whose lease another live run holds, before any call, and names that run', async () => {
  const portal = createPortal(20)
  server.use(...portal.emulator.handlers)
  const other = { pid: process.ppid, host: hostname(), token: 'other-run' }
  await journal.acquireLease('test', other, portal.clock.now())
  const refused = await run(portal).catch((error: unknown) => error)
  expect(refused).toBeInstanceOf(RunLockedError)
  expect(refused).toMatchObject({ portalKey: 'test', heldBy: { holder: other } })
  expect((refused as Error).message).toMatch(
    new RegExp(`^another run of this portal is in progress \\(pid ${process.ppid} on `),
  )
  expect(portal.emulator.stats().calls.total).toBe(0)
  expect(await journal.findUnfinished('test', 'full')).toBeNull()

  await journal.releaseLease('test', other)
  expect(await run(portal)).toMatchObject({ companies: 20, failed: 0 })
})

it('releases the portal’s lease when the run ends, completed or failed', async () => {
  const portal = createPortal(20)
  server.use(...portal.emulator.handlers)
  const next = { pid: process.ppid, host: hostname(), token: 'next-run' }
  await run(portal)
  expect(await journal.acquireLease('test', next, portal.clock.now())).toMatchObject({
    acquired: true,
  })
  await journal.releaseLease('test', next)
  const bug = new Error('killed')
  await expect(
    run(portal, {
      onProgress: () => {
        throw bug
      },
    }),
  ).rejects.toBe(bug)
  expect(await journal.acquireLease('test', next, portal.clock.now())).toMatchObject({
    acquired: true,
  })
})

it('retries the failures another process journaled before it died, and lists none that recovered', async () => {
  const portal = createPortal(20)
  server.use(...portal.emulator.handlers)
  const [unread, unwritten] = portal.fixture.companies.map((c) => c.id)
  // What a process killed after its last page, before its retry rounds, leaves in the journal.
  const dead = await journal.start(
    { portalKey: 'test', kind: 'full', asOf: portal.clock.now(), since: null, companyIds: null },
    portal.clock.now(),
  )
  const totals = { ...emptyTotals(), companies: 2, scored: 1, failed: 2 }
  await journal.confirmPage(
    dead.id,
    null,
    totals,
    [
      { companyId: unread!, reason: 'timeout', kind: 'read' },
      { companyId: unwritten!, reason: '502', kind: 'write' },
    ],
    portal.clock.now(),
  )
  await journal.finish(dead.id, 'stopped', portal.clock.now())

  const summary = await run(portal, { retryPauseMs: 0 })
  expect(summary).toMatchObject({
    resumed: true,
    companies: 2,
    scored: 2,
    written: 2,
    failed: 0,
    failures: [],
  })
  expect(await journal.failures(dead.id)).toEqual([])
  expect(await journal.lastCompleted('test')).toMatchObject({
    id: dead.id,
    totals: { scored: 2, written: 2, failed: 0 },
  })
  const { writes } = readOwned(portal.emulator, [unread!, unwritten!])
  expect([...writes.values()]).toEqual([1, 1])
})

it('stops before its next write once a heartbeat finds its lease taken over, leaving the run to the new holder', async () => {
  const portal = createPortal(30)
  server.use(...portal.emulator.handlers)
  const usurper = { pid: process.ppid, host: hostname(), token: 'usurper' }
  vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] })
  try {
    const lost = await run(portal, {
      pageSize: 10,
      onProgress: () => {
        // Seen from here, this run's lease has lapsed: another run takes it over.
        void journal.acquireLease('test', usurper, portal.clock.now() + LEASE_TTL_MS)
        vi.advanceTimersByTime(LEASE_RENEW_MS) // the next heartbeat
      },
    }).catch((error: unknown) => error)
    expect(lost).toBeInstanceOf(RunLockedError)
    expect(lost).toMatchObject({ heldBy: null })
    expect(await journal.findUnfinished('test', 'full')).toMatchObject({
      status: 'running',
      pages: 1,
    })
    expect(await journal.renewLease('test', usurper, portal.clock.now())).toBe(true)
  } finally {
    vi.useRealTimers()
  }
})

/** The inputs of an account in trouble: no usage, no features, detractors, 90 days unpaid. */
const FAILING_INPUTS = {
  product_active_users_30d: '0',
  product_logins_30d: '0',
  product_core_features_used: '0',
  nps_score: '0',
  csat_score: '1',
  days_payment_overdue: '90',
}

/** A stored date-time, epoch ms or ISO, as epoch ms (NaN when empty). */
const instant = (value: string | null | undefined) =>
  value && /^\d+$/.test(value) ? Number(value) : Date.parse(value ?? '')

it('writes the previous tier and the change time once, with the tier, when a tier changes', async () => {
  const portal = createPortal(40)
  server.use(...portal.emulator.handlers)
  const ids = portal.fixture.companies.map((c) => c.id)
  const firstAt = portal.clock.now()
  await run(portal)
  const first = readOwned(portal.emulator, ids).values
  // A first score dates the tier at the scoring moment and has no previous tier.
  for (const id of ids.filter((id) => first.get(id)?.health_tier)) {
    expect([id, instant(first.get(id)?.health_tier_changed_at)]).toEqual([id, firstAt])
    expect([id, first.get(id)?.health_previous_tier ?? null]).toEqual([id, null])
  }

  const target = ids.find((id) =>
    ['healthy', 'neutral'].includes(first.get(id)?.health_tier ?? ''),
  )!
  const client = new Client({ accessToken: 'emulator-token', basePath: BASE })
  await client.crm.companies.basicApi.update(target, { properties: FAILING_INPUTS })
  portal.clock.advance(86_400_000)
  const secondAt = portal.clock.now()
  await run(portal)
  const second = readOwned(portal.emulator, ids).values
  expect(['at_risk', 'critical']).toContain(second.get(target)?.health_tier)
  for (const id of ids.filter((id) => first.get(id)?.health_tier)) {
    const [before, after] = [first.get(id)!, second.get(id)!]
    if (after.health_tier === before.health_tier)
      expect([id, after.health_previous_tier, instant(after.health_tier_changed_at)]).toEqual([
        id,
        before.health_previous_tier,
        firstAt,
      ])
    else
      expect([id, after.health_previous_tier, instant(after.health_tier_changed_at)]).toEqual([
        id,
        before.health_tier,
        secondAt,
      ])
  }
  // One write of the previous tier, two of the change time (first score, change): never more.
  expect(historyOf(portal.emulator, target, 'health_previous_tier')).toEqual([
    first.get(target)?.health_tier,
  ])
  expect(historyOf(portal.emulator, target, 'health_tier_changed_at')).toHaveLength(2)

  portal.emulator.resetStats()
  const again = await run(portal)
  expect(again).toMatchObject({ written: 0, failed: 0 })
  expect(portal.emulator.stats().calls.byEndpoint[UPDATE] ?? 0).toBe(0)
  expect(historyOf(portal.emulator, target, 'health_tier_changed_at')).toHaveLength(2)
})

it('writes the value track when the segment that applies changes, and only then', async () => {
  const portal = createPortal(40)
  server.use(...portal.emulator.handlers)
  const ids = portal.fixture.companies.map((c) => c.id)
  await run(portal)
  const first = readOwned(portal.emulator, ids).values
  const smb = ids.find((id) => first.get(id)?.health_value_track === 'smb')!
  expect(smb).toBeDefined()
  expect(new Set(ids.map((id) => first.get(id)?.health_value_track))).toContain('mid_market')

  const client = new Client({ accessToken: 'emulator-token', basePath: BASE })
  await client.crm.companies.basicApi.update(smb, { properties: { annualrevenue: '80000000' } })
  await run(portal)
  expect(valueOf(portal.emulator, smb, 'health_value_track')).toBe('enterprise')
  expect(historyOf(portal.emulator, smb, 'health_value_track')).toEqual(['enterprise', 'smb'])

  portal.emulator.resetStats()
  await run(portal)
  expect(portal.emulator.stats().calls.byEndpoint[UPDATE] ?? 0).toBe(0)
  expect(historyOf(portal.emulator, smb, 'health_value_track')).toHaveLength(2)
})

it('keeps the previous tier when a run dies after its write landed and is resumed', async () => {
  const portal = createPortal(40)
  server.use(...portal.emulator.handlers)
  const ids = portal.fixture.companies.map((c) => c.id)
  await run(portal, { pageSize: 20 })
  const first = readOwned(portal.emulator, ids).values
  const falling = ids.filter((id) =>
    ['healthy', 'neutral'].includes(first.get(id)?.health_tier ?? ''),
  )
  expect(falling.length).toBeGreaterThan(1)
  const client = new Client({ accessToken: 'emulator-token', basePath: BASE })
  for (const id of falling)
    await client.crm.companies.basicApi.update(id, { properties: FAILING_INPUTS })
  portal.clock.advance(86_400_000)

  // The first page's write lands, then the process dies before the journal hears of it.
  const died = new Error('killed after the write')
  const confirm = journal.confirmPage.bind(journal)
  let confirms = 0
  journal.confirmPage = (...args) => (++confirms === 1 ? Promise.reject(died) : confirm(...args))
  await expect(run(portal, { pageSize: 20 })).rejects.toBe(died)
  const resumed = await run(portal, { pageSize: 20 })
  expect(resumed).toMatchObject({ resumed: true, failed: 0 })

  for (const id of falling) {
    expect([id, historyOf(portal.emulator, id, 'health_previous_tier')]).toEqual([
      id,
      [first.get(id)?.health_tier],
    ])
    expect([id, historyOf(portal.emulator, id, 'health_tier_changed_at').length]).toEqual([id, 2])
  }
})
