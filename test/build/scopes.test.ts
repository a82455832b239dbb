/**
 * @fileoverview The scopes the app requests are exactly those its HubSpot calls need. Every path
 * that calls HubSpot (a first and an incremental `rescorePortal`, `explainCompany`, the settings
 * page's `backtestModels`, and each app function) is driven against the emulator with a token
 * holding exactly `SCOPES`, which must succeed, and then once per requested scope with a token
 * lacking only that one, which must meet a 403 `MISSING_SCOPES`. The endpoints called are checked against the emulator's own scope table.
 * `oauth` is left out of the second part: HubSpot requires it of every app, and no CRM call needs it.
 */
import { createTestPortal, type TestPortal } from '@health-score/hubspot-emulator/testing'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { main as ensureSchemaFunction } from '../../src/app/functions/ensure-schema.ts'
import { main as runPlaybookActionFunction } from '../../src/app/functions/run-playbook-action.ts'
import { main as scoreCompanyFunction } from '../../src/app/functions/score-company.ts'
import { main as setCsmSentimentFunction } from '../../src/app/functions/set-csm-sentiment.ts'
import { SCOPES } from '../../src/build/index.ts'
import { generateDemoPortal } from '../../src/demo/index.ts'
import { type HubSpotConnection } from '../../src/hubspot/index.ts'
import {
  backtestModels,
  explainCompany,
  MemoryRunJournal,
  rescorePortal,
} from '../../src/operations/index.ts'
import { useMswServer } from '../support/msw.ts'
import { BASE_PATH, connect, expectedValues, model } from '../support/portal.ts'

/** Required of every app on HubSpot's developer platform; no API call checks it. */
const ALWAYS_REQUIRED = 'oauth'
const TOKEN = 'scoped-token'
const AS_OF = new Date(Math.floor(Date.now() / 1000) * 1000).toISOString()
const { fixture } = generateDemoPortal({ companies: 4, seed: 7, asOf: AS_OF })

/** What one response told: the call, its status and, for errors, HubSpot's category. */
interface Seen {
  call: string
  status: number
  category: string | undefined
}

/** What one drive of every HubSpot-calling path saw. */
interface Drive {
  responses: Seen[]
  /** Endpoint template → the scopes the emulator accepts for it (any one suffices). */
  endpointScopes: Record<string, string[]>
  /** Endpoint templates the emulator counted calls on. */
  endpoints: string[]
  /** What each step returned or threw, for the full-scope drive's assertions. */
  steps: Record<string, unknown>
}

const server = useMswServer()
let sink: Promise<Seen>[] = []
server.events.on('response:mocked', ({ request, response }) => {
  const copy = response.clone()
  sink.push(
    (async (): Promise<Seen> => {
      const url = new URL(request.url)
      const body = copy.status >= 400 ? ((await copy.json()) as { category?: string }) : {}
      return {
        call: `${request.method} ${url.pathname}`,
        status: copy.status,
        category: body.category,
      }
    })(),
  )
})

const env = {
  token: process.env.PRIVATE_APP_ACCESS_TOKEN,
  base: process.env.HUBSPOT_API_BASE_URL,
}
beforeAll(() => {
  process.env.PRIVATE_APP_ACCESS_TOKEN = TOKEN
  process.env.HUBSPOT_API_BASE_URL = BASE_PATH
})
afterAll(() => {
  restore('PRIVATE_APP_ACCESS_TOKEN', env.token)
  restore('HUBSPOT_API_BASE_URL', env.base)
})

function restore(name: string, value: string | undefined): void {
  if (value === undefined) delete process.env[name]
  else process.env[name] = value
}

/** A typical company whose playbook has a task and a note: the app functions' subject. */
function subjectCompany(): { id: string; taskAction: string; noteAction: string } {
  const expected = expectedValues(fixture, Date.parse(AS_OF))
  const linked = (records: { companyIds?: string[] }[], id: string) =>
    records.filter((r) => r.companyIds?.includes(id)).length
  for (const company of fixture.companies) {
    const playbookId = expected.get(company.id)?.health_playbook
    const actions = model.playbooks.find((p) => p.choice.id === playbookId)?.choice.actions ?? []
    const task = actions.find((a) => a.kind === 'task')
    const note = actions.find((a) => a.kind === 'note')
    const counts = [fixture.tickets, fixture.calls, fixture.emails, fixture.meetings].map((r) =>
      linked(r, company.id),
    )
    if (task && note && counts.every((n) => n > 0 && n < 100))
      return { id: company.id, taskAction: task.id, noteAction: note.id }
  }
  throw new Error('the demo portal has no typical company with a task-and-note playbook')
}
const subject = subjectCompany()

async function step(steps: Record<string, unknown>, name: string, run: () => Promise<unknown>) {
  try {
    steps[name] = await run()
  } catch (error) {
    steps[name] = { threw: error instanceof Error ? error.message : String(error) }
  }
}

/** Serves a fresh portal of the demo fixture, whose token `scoped-token` holds only `scopes`. */
async function onPortal(
  scopes: readonly string[],
  drive: Drive,
  body: (portal: TestPortal, conn: HubSpotConnection) => Promise<void>,
): Promise<void> {
  const portal = createTestPortal({ fixture, rateLimits: false })
  portal.emulator.addPrivateAppToken(TOKEN, scopes)
  server.resetHandlers(...portal.handlers)
  const conn = connect({ token: TOKEN })
  try {
    await body(portal, conn)
  } finally {
    await conn.close()
  }
  Object.assign(drive.endpointScopes, portal.emulator.endpointScopes())
  drive.endpoints.push(...Object.keys(portal.emulator.stats().calls.byEndpoint))
}

/** Drives every HubSpot-calling path of the app with a token holding exactly `scopes`. */
async function drive(scopes: readonly string[]): Promise<Drive> {
  sink = []
  const result: Drive = { responses: [], endpointScopes: {}, endpoints: [], steps: {} }
  const steps = result.steps
  await onPortal(scopes, result, async (portal, conn) => {
    const journal = new MemoryRunJournal()
    const options = { connection: conn, model, journal, portalKey: 'scopes', pageSize: 25 }
    const since = portal.clock.now()
    await step(steps, 'full', () => rescorePortal({ ...options, now: portal.clock.now }))
    portal.clock.advance(60_000)
    await step(steps, 'incremental', () =>
      rescorePortal({ ...options, now: portal.clock.now, since }),
    )
    await step(steps, 'explain', () =>
      explainCompany({ connection: conn, model, companyId: subject.id, asOf: portal.clock.now() }),
    )
    await step(steps, 'backtest', () =>
      backtestModels({
        connection: conn,
        current: model,
        candidate: model,
        now: portal.clock.now(),
        bootstrapRounds: 100,
      }),
    )
  })
  await onPortal(scopes, result, async () => {
    const context = (parameters: object) => ({
      parameters,
      propertiesToSend: {},
      event: {},
      secrets: {},
    })
    const companyId = subject.id
    await step(steps, 'ensure_schema', () => ensureSchemaFunction(context({})))
    await step(steps, 'first score', () =>
      scoreCompanyFunction(context({ companyId, mode: 'score' })),
    )
    await step(steps, 'rescore', () => scoreCompanyFunction(context({ companyId, mode: 'score' })))
    const action = { companyId, dueAt: null, priority: 'HIGH' }
    await step(steps, 'task', () =>
      runPlaybookActionFunction(context({ ...action, actionId: subject.taskAction })),
    )
    await step(steps, 'note', () =>
      runPlaybookActionFunction(context({ ...action, actionId: subject.noteAction })),
    )
    await step(steps, 'sentiment', () =>
      setCsmSentimentFunction(context({ companyId, sentiment: 'positive', reason: 'Renewed' })),
    )
  })
  result.responses = await Promise.all(sink)
  result.endpoints = [...new Set(result.endpoints)].sort()
  return result
}

const requested: readonly string[] = SCOPES
let full: Drive

beforeAll(async () => {
  full = await drive(requested)
}, 60_000)

it('drives every HubSpot-calling path to success with exactly the requested scopes', () => {
  expect(full.responses.filter((r) => r.status >= 400)).toEqual([])
  const { steps } = full
  for (const run of ['full', 'incremental'])
    expect(steps[run], run).toMatchObject({ failed: 0, failures: [] })
  expect(steps.full).toMatchObject({ kind: 'full', scored: fixture.companies.length })
  expect(steps.incremental).toMatchObject({ kind: 'incremental' })
  expect(steps.explain).toMatchObject({ companyId: subject.id })
  expect(steps.backtest).toMatchObject({ failures: 0, unreadable: [] })
  for (const name of ['ensure_schema', 'first score', 'rescore', 'task', 'note', 'sentiment'])
    expect(steps[name], name).toMatchObject({ success: true })
  expect(steps.task).toMatchObject({ value: { kind: 'task' } })
  expect(steps.note).toMatchObject({ value: { kind: 'note' } })
})

it('calls only endpoints that the requested scopes open, by the emulator’s scope table', () => {
  expect(full.endpoints).toEqual([
    'GET /crm/v3/objects/companies',
    'GET /crm/v3/objects/companies/{objectId}',
    'GET /crm/v3/properties/companies',
    'PATCH /crm/v3/objects/companies/{objectId}',
    'POST /crm/v3/objects/calls/batch/read',
    'POST /crm/v3/objects/calls/search',
    'POST /crm/v3/objects/companies/batch/read',
    'POST /crm/v3/objects/companies/batch/update',
    'POST /crm/v3/objects/companies/search',
    'POST /crm/v3/objects/deals/batch/read',
    'POST /crm/v3/objects/emails/batch/read',
    'POST /crm/v3/objects/emails/search',
    'POST /crm/v3/objects/meetings/batch/read',
    'POST /crm/v3/objects/meetings/search',
    'POST /crm/v3/objects/notes',
    'POST /crm/v3/objects/tasks',
    'POST /crm/v3/objects/tickets/batch/read',
    'POST /crm/v3/objects/tickets/search',
    'POST /crm/v3/properties/companies',
    'POST /crm/v3/properties/companies/groups',
    'POST /crm/v4/associations/companies/calls/batch/read',
    'POST /crm/v4/associations/companies/deals/batch/read',
    'POST /crm/v4/associations/companies/emails/batch/read',
    'POST /crm/v4/associations/companies/meetings/batch/read',
    'POST /crm/v4/associations/companies/tickets/batch/read',
  ])
  expect(Object.keys(full.endpointScopes).sort()).toEqual(full.endpoints)
  const unopened = Object.entries(full.endpointScopes).filter(
    ([, accepted]) => !accepted.some((scope) => requested.includes(scope)),
  )
  expect(unopened).toEqual([])
})

it('needs every requested scope: some endpoint called is opened by it alone', () => {
  const soleKeys = new Set(
    Object.values(full.endpointScopes)
      .map((accepted) => accepted.filter((scope) => requested.includes(scope)))
      .filter((held) => held.length === 1)
      .map(([scope]) => scope),
  )
  expect(requested.filter((scope) => scope !== ALWAYS_REQUIRED && !soleKeys.has(scope))).toEqual([])
})

it.each(requested.filter((scope) => scope !== ALWAYS_REQUIRED))(
  'meets a 403 MISSING_SCOPES without %s',
  async (missing) => {
    const without = await drive(requested.filter((scope) => scope !== missing))
    const denied = without.responses.filter(
      (r) => r.status === 403 && r.category === 'MISSING_SCOPES',
    )
    expect(denied.length, `calls denied without ${missing}`).toBeGreaterThan(0)
  },
  60_000,
)
