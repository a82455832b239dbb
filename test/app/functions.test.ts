import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { builtinModules, createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

import {
  createEmulator,
  type EmulatorServer,
  startEmulatorServer,
} from '@health-score/hubspot-emulator'
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
  emulator = createEmulator({ fixture: generateDemoPortal({ companies: 8, seed: 11 }).fixture })
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

  const id = emulator.store.table('companies').idOf(0)
  const before = calls()
  const scored = await built('score-company')(context({ companyId: id, mode: 'score' }))
  expect(scored).toMatchObject({ success: true, value: { companyId: id } })
  expect(calls() - before).toBeLessThanOrEqual(6)
  const written = await readCompany(id, ['health_score', 'health_tier'])
  expect(written.properties.health_score).toBe(String(scored.value.result.score))
  expect(written.properties.health_tier).toBe(scored.value.result.tier)

  const viewBefore = calls()
  const viewed = await built('score-company')(context({ companyId: id, mode: 'view' }))
  expect(viewed.value.result.score).toBe(scored.value.result.score)
  expect(calls() - viewBefore).toBeLessThanOrEqual(5)

  const sentiment = await built('set-csm-sentiment')(
    context({ companyId: id, sentiment: 'negative', reason: ' Champion left\u0007 ' }),
  )
  expect(sentiment).toMatchObject({
    success: true,
    value: { sentiment: 'negative', reason: 'Champion left' },
  })
  const read = await readCompany(id, ['health_csm_sentiment', 'health_csm_sentiment_reason'])
  expect(read.properties).toMatchObject({
    health_csm_sentiment: 'negative',
    health_csm_sentiment_reason: 'Champion left',
  })

  const playbook = getDefaultModel().playbooks.find(
    (p) => p.choice.id === scored.value.result.playbook?.id,
  )
  const action = playbook?.choice.actions.find((a) => a.kind !== 'link')
  if (action) {
    const created = await built('run-playbook-action')(
      context({ companyId: id, actionId: action.id, dueAt: null, priority: 'HIGH' }),
    )
    expect(created).toMatchObject({ success: true, value: { title: action.title } })
  }
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
