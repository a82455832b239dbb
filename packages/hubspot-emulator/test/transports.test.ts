import { afterEach, expect, it } from 'vitest'

import type { EmulatorServer } from '../src/index.ts'
import { createTestPortal } from '../src/testing/index.ts'
import { BASE_PATH, createClient, readJson, TOKEN } from './support.ts'

const servers: EmulatorServer[] = []

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()))
})

async function startServer(companies = 5) {
  const portal = createTestPortal({ companies })
  const server = await portal.serve({ port: 0 })
  servers.push(server)
  return { emulator: portal.emulator, server }
}

async function readEverything(basePath: string) {
  const client = createClient(basePath)
  return {
    companies: await client.crm.companies.getAll(undefined, undefined, [
      'name',
      'nps_score',
      'renewal_date',
    ]),
    batch: await client.crm.companies.batchApi.read({
      inputs: [{ id: '101' }, { id: '999' }],
      properties: ['name'],
      propertiesWithHistory: ['nps_score'],
    }),
    associations: await client.crm.associations.v4.batchApi.getPage('companies', 'tickets', {
      inputs: [{ id: '103' }],
    }),
    search: await client.crm.companies.searchApi.doSearch({
      filterGroups: [],
      sorts: ['-nps_score'],
      properties: ['name'],
      limit: 3,
      after: '0',
    }),
  }
}

it('serves the same data over HTTP as in-process', async () => {
  const { server, emulator } = await startServer()
  const inProcess = createTestPortal({ companies: 5 })
  const overHttp = await readEverything(server.url)
  // In-process interception would also catch the HTTP calls above, so it starts only now.
  const close = inProcess.listen()
  const viaMsw = await readEverything(BASE_PATH).finally(close)
  expect(emulator.stats().calls.total).toBe(4)
  expect(inProcess.emulator.stats().calls.total).toBe(4)
  const strip = (value: unknown) =>
    JSON.parse(JSON.stringify(value, (key, v) => (key === 'link' ? undefined : v)))
  const { batch: httpBatch, ...httpRest } = overHttp
  const { batch: mswBatch, ...mswRest } = viaMsw
  expect(strip(httpRest)).toEqual(strip(mswRest))
  expect(httpBatch.results).toEqual(mswBatch.results)
  expect(overHttp.companies).toHaveLength(5)
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
})

it('answers unknown paths with a JSON 404 and counts calls in /__emulator/stats', async () => {
  const { server } = await startServer(3)
  const missing = await fetch(`${server.url}/nowhere`)
  expect(missing.status).toBe(404)
  expect(missing.headers.get('content-type')).toContain('application/json')
  await createClient(server.url).crm.companies.batchApi.read({
    inputs: [{ id: '101' }],
    properties: [],
    propertiesWithHistory: [],
  })
  await fetch(`${server.url}/crm/v3/objects/companies/101`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  })
  const stats = await readJson(await fetch(`${server.url}/__emulator/stats`))
  expect(stats).toEqual({
    calls: {
      total: 2,
      rateLimited: 0,
      byEndpoint: {
        'GET /crm/v3/objects/companies/{objectId}': 1,
        'POST /crm/v3/objects/companies/batch/read': 1,
      },
    },
    objects: {
      companies: 3,
      tickets: 3,
      deals: 0,
      calls: 3,
      emails: 0,
      meetings: 0,
      notes: 0,
      tasks: 0,
    },
  })
  expect((await fetch(`${server.url}/__emulator/reset-stats`, { method: 'POST' })).status).toBe(200)
  expect((await readJson(await fetch(`${server.url}/__emulator/stats`))).calls.total).toBe(0)
})
