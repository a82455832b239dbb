import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import {
  createEmulator,
  type EmulatorServer,
  type ObjectType,
  startEmulatorServer,
} from '@health-score/hubspot-emulator'
import { Client } from '@hubspot/api-client'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { buildProject } from '../../src/build/index.ts'
import { generateDemoPortal } from '../../src/demo/index.ts'
import { getDefaultModel } from '../../src/health/index.ts'
import { createConnection } from '../../src/hubspot/index.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const TOKEN = 'emulator-token'
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the replies are read as JSON, as the card reads them
type Main = (context: object) => Promise<{ success: boolean; value?: any; issues?: any[] }>

let outDir: string
let functionsDir: string
let server: EmulatorServer
let emulator: ReturnType<typeof createEmulator>
const env = { ...process.env }

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), 'health-functions-'))
  await buildProject({ root: ROOT, outDir, distribution: 'private' })
  functionsDir = join(outDir, 'src/app/functions')
  emulator = createEmulator({ fixture: generateDemoPortal({ companies: 8, seed: 7 }).fixture })
  server = await startEmulatorServer(emulator, { port: 0 })
  process.env.PRIVATE_APP_ACCESS_TOKEN = TOKEN
  process.env.HUBSPOT_API_BASE_URL = server.url
}, 60_000)

afterAll(async () => {
  process.env = env
  await server?.close()
  if (outDir) rmSync(outDir, { recursive: true, force: true })
})

function built(name: string): Main {
  const require = createRequire(join(functionsDir, 'package.json'))
  return (require(`./${name}.js`) as { main: Main }).main
}

function context(parameters: object) {
  return { parameters, propertiesToSend: {}, event: {}, secrets: {} }
}

async function readCompany(id: string, properties: string[]) {
  const conn = createConnection({ accessToken: TOKEN, basePath: server.url })
  try {
    return await conn.call('GET', () => conn.client.crm.companies.basicApi.getById(id, properties))
  } finally {
    await conn.close()
  }
}

const calls = () => Object.values(emulator.stats().calls.byEndpoint).reduce((sum, n) => sum + n, 0)

/** The calls made, by endpoint, while `run` ran. */
async function callsDuring<T>(run: () => Promise<T>): Promise<[T, Record<string, number>]> {
  const before = { ...emulator.stats().calls.byEndpoint }
  const value = await run()
  const made: Record<string, number> = {}
  for (const [endpoint, n] of Object.entries(emulator.stats().calls.byEndpoint))
    if (n !== (before[endpoint] ?? 0)) made[endpoint] = n - (before[endpoint] ?? 0)
  return [value, made]
}

/** How many records of `type` company `id` is associated to, in the emulator's store. */
function associated(id: string, type: ObjectType): number {
  const row = emulator.store.table('companies').rowOf(id)
  return emulator.store.associations.targets('companies', row, type).length
}

/** A task or note read back through the API, with the companies it is associated to. */
async function readEngagement(type: 'tasks' | 'notes', id: string, properties: string[]) {
  const client = new Client({ accessToken: TOKEN, basePath: server.url })
  const read = await client.crm.objects[type].basicApi.getById(id, properties, undefined, [
    'companies',
  ])
  const companies = Object.entries(read.associations ?? {})
    .filter(([key]) => key.endsWith('companies'))
    .flatMap(([, page]) => page.results.map((r) => r.id))
  return { properties: read.properties, companies }
}

it('a built function imports only builtins and what its folder declares', () => {
  const declared = Object.keys(
    (
      JSON.parse(readFileSync(join(functionsDir, 'package.json'), 'utf8')) as {
        dependencies?: object
      }
    ).dependencies ?? {},
  )
  const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)])
  const files = readdirSync(functionsDir).filter((f) => f.endsWith('.js'))
  expect(files.sort()).toEqual([
    'ensure-schema.js',
    'portfolio-view.js',
    'run-playbook-action.js',
    'score-company.js',
    'set-csm-sentiment.js',
  ])
  for (const file of files) {
    const text = readFileSync(join(functionsDir, file), 'utf8')
    const required = [...text.matchAll(/require\((["'])([^"']+)\1\)/g)].map((m) => m[2]!)
    const outside = required.filter(
      (spec) =>
        (spec.startsWith('.') && resolve(functionsDir, spec).startsWith(functionsDir) === false) ||
        (!spec.startsWith('.') && !builtins.has(spec) && !declared.includes(spec)),
    )
    expect({ file, outside }).toEqual({ file, outside: [] })
  }
})

it('runs every built function against the emulator over HTTP', async () => {
  const schema = await built('ensure-schema')(context({}))
  expect(schema).toMatchObject({ success: true })
  expect(schema.value.created).toContain('health_csm_sentiment')

  // A typical company: fewer than 100 tickets, calls, emails and meetings, and some of each.
  const id = emulator.store.table('companies').idOf(3)
  for (const type of ['tickets', 'calls', 'emails', 'meetings'] as const)
    expect([type, associated(id, type) > 0 && associated(id, type) < 100]).toEqual([type, true])
  const [scored, scoreCalls] = await callsDuring(() =>
    built('score-company')(context({ companyId: id, mode: 'score' })),
  )
  expect(scored).toMatchObject({ success: true, value: { companyId: id } })
  // Six calls on a first score: the company (with its score histories and association ids), one
  // batch read per associated type the signals read, and the write. The v3 API has no call that
  // reads records of two types at once.
  const reads = {
    'GET /crm/v3/objects/companies/{objectId}': 1,
    'POST /crm/v3/objects/tickets/batch/read': 1,
    'POST /crm/v3/objects/calls/batch/read': 1,
    'POST /crm/v3/objects/emails/batch/read': 1,
    'POST /crm/v3/objects/meetings/batch/read': 1,
  }
  expect(scoreCalls).toEqual({ ...reads, 'POST /crm/v3/objects/companies/batch/update': 1 })
  const written = await readCompany(id, ['health_score', 'health_tier'])
  expect(written.properties.health_score).toBe(String(scored.value.result.score))
  expect(written.properties.health_tier).toBe(scored.value.result.tier)

  // The card's view of a scored company: the same reads, and no write when nothing changed.
  const [viewed, viewCalls] = await callsDuring(() =>
    built('score-company')(context({ companyId: id, mode: 'view' })),
  )
  expect(viewed.value.result.score).toBe(scored.value.result.score)
  expect(viewCalls).toEqual(reads)

  const setAt = Date.now()
  const sentiment = await built('set-csm-sentiment')(
    context({ companyId: id, sentiment: 'negative', reason: ' Champion left\u0007 ' }),
  )
  const setBy = Date.now()
  expect(sentiment).toMatchObject({
    success: true,
    value: { sentiment: 'negative', reason: 'Champion left' },
  })
  const read = await readCompany(id, [
    'health_csm_sentiment',
    'health_csm_sentiment_reason',
    'health_csm_sentiment_at',
  ])
  expect(read.properties).toMatchObject({
    health_csm_sentiment: 'negative',
    health_csm_sentiment_reason: 'Champion left',
    health_csm_sentiment_at: sentiment.value.at,
  })
  const at = Date.parse(read.properties.health_csm_sentiment_at ?? '')
  expect(at >= setAt && at <= setBy, `${at} within [${setAt}, ${setBy}]`).toBe(true)
}, 60_000)

it('creates the playbook task and note in the portal, associated to the company', async () => {
  const id = emulator.store.table('companies').idOf(3)
  const scored = await built('score-company')(context({ companyId: id, mode: 'view' }))
  const playbook = getDefaultModel().playbooks.find(
    (p) => p.choice.id === scored.value.result.playbook?.id,
  )
  const task = playbook?.choice.actions.find((a) => a.kind === 'task')
  const note = playbook?.choice.actions.find((a) => a.kind === 'note')
  expect([playbook?.choice.id, task?.kind, note?.kind]).toEqual([
    scored.value.result.playbook.id,
    'task',
    'note',
  ])

  const dueAt = '2026-12-24T15:30:00.000Z'
  const createdTask = await built('run-playbook-action')(
    context({ companyId: id, actionId: task!.id, dueAt, priority: 'HIGH' }),
  )
  expect(createdTask).toMatchObject({
    success: true,
    value: { kind: 'task', title: task!.title, dueAt },
  })
  const taskProperties = [
    'hs_task_subject',
    'hs_task_body',
    'hs_timestamp',
    'hs_task_priority',
    'hs_task_status',
    'hs_task_type',
  ]
  const storedTask = await readEngagement('tasks', createdTask.value.id, taskProperties)
  expect(storedTask).toEqual({
    properties: expect.objectContaining({
      hs_task_subject: task!.title,
      hs_task_body: task!.why,
      hs_timestamp: dueAt,
      hs_task_priority: 'HIGH',
      hs_task_status: 'NOT_STARTED',
      hs_task_type: 'TODO',
    }),
    companies: [id],
  })

  // Without a due date, the task is due the action's own hours from now.
  const from = Date.now()
  const dueLater = await built('run-playbook-action')(
    context({ companyId: id, actionId: task!.id, dueAt: null, priority: 'LOW' }),
  )
  const to = Date.now()
  const storedLater = await readEngagement('tasks', dueLater.value.id, taskProperties)
  const due = Date.parse(storedLater.properties.hs_timestamp ?? '')
  const hours = (task!.dueInHours ?? 72) * 3_600_000
  expect(due >= from + hours && due <= to + hours, `due ${due}`).toBe(true)
  expect(storedLater.properties.hs_task_priority).toBe('LOW')
  expect(storedLater.companies).toEqual([id])

  const createdNote = await built('run-playbook-action')(
    context({ companyId: id, actionId: note!.id, dueAt: null, priority: 'HIGH' }),
  )
  expect(createdNote).toMatchObject({
    success: true,
    value: { kind: 'note', title: note!.title, dueAt: null },
  })
  const storedNote = await readEngagement('notes', createdNote.value.id, [
    'hs_note_body',
    'hs_timestamp',
  ])
  expect(storedNote).toEqual({
    properties: expect.objectContaining({ hs_note_body: `${note!.title}\n\n${note!.why}` }),
    companies: [id],
  })
  expect(Date.parse(storedNote.properties.hs_timestamp ?? '')).toBeLessThanOrEqual(Date.now())
  const unknown = await built('run-playbook-action')(
    context({ companyId: id, actionId: 'no_such_action', dueAt: null, priority: 'HIGH' }),
  )
  expect(unknown.success).toBe(false)
}, 60_000)

it('answers bad input with a clear error object, calling nothing', async () => {
  const before = calls()
  const bad = await built('score-company')(context({ companyId: 'acme', mode: 'peek' }))
  expect(bad.success).toBe(false)
  expect(bad.issues!.map((i) => i.message)).toEqual([
    'companyId: must be a company id (digits)',
    "mode: must be 'view' or 'score'",
  ])
  const long = await built('set-csm-sentiment')(
    context({ companyId: '1', sentiment: 'meh', reason: 'x' }),
  )
  expect(long).toMatchObject({ success: false })
  expect(calls()).toBe(before)
})

it('answers the portfolio view from HubSpot in at most 10 calls', async () => {
  expect(await built('ensure-schema')(context({}))).toMatchObject({ success: true })
  const table = emulator.store.table('companies')
  for (const row of [0, 1, 2]) {
    const scored = await built('score-company')(
      context({ companyId: table.idOf(row), mode: 'score' }),
    )
    expect(scored).toMatchObject({ success: true })
  }
  const tiers = { healthy: 0, neutral: 0, atRisk: 0, critical: 0 }
  const keys = { healthy: 'healthy', neutral: 'neutral', at_risk: 'atRisk', critical: 'critical' }
  for (let rank = 0; rank < table.size; rank++) {
    const tier = table.value(table.rowAt(rank), 'health_tier') as keyof typeof keys | null
    if (tier) tiers[keys[tier] as keyof typeof tiers]++
  }
  const [view, made] = await callsDuring(() => built('portfolio-view')(context({})))
  expect(view).toMatchObject({
    success: true,
    value: { source: 'hubspot', tiers, interventions: null },
  })
  expect(made).toEqual({
    'POST /crm/v3/objects/companies/search': 6,
    'POST /crm/v3/objects/companies/batch/read': 1,
  })
  expect(view.value.apiCalls).toBe(7)
  const bad = await built('portfolio-view')(context({ sampleSize: 500 }))
  expect(bad.issues!.map((i) => i.message)).toEqual(['sampleSize: must be ≤ 200'])
}, 60_000)
