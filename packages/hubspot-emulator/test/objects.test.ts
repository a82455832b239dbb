import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/tasks/index.js'
import { expect, it } from 'vitest'

import { buildTestFixture } from '../src/testing/index.ts'
import { BASE_PATH, createClient, openPortal, readJson, TOKEN } from './support.ts'

function get(path: string): Promise<Response> {
  return fetch(`${BASE_PATH}${path}`, { headers: { authorization: `Bearer ${TOKEN}` } })
}

it('pages through every company with getAll, 100 at a time', async () => {
  const { emulator } = openPortal(250)
  const companies = await createClient().crm.companies.getAll(undefined, undefined, ['name'])
  expect(companies).toHaveLength(250)
  expect(new Set(companies.map((c) => c.id)).size).toBe(250)
  expect(companies[0]?.createdAt).toBeInstanceOf(Date)
  expect(emulator.stats().calls.byEndpoint).toEqual({ 'GET /crm/v3/objects/companies': 3 })
})

it('defaults to 10 per page and leaves paging off the last page', async () => {
  openPortal(15)
  const first = await readJson(await get('/crm/v3/objects/companies'))
  expect(first.results).toHaveLength(10)
  const second = await readJson(
    await get(`/crm/v3/objects/companies?after=${first.paging?.next.after}`),
  )
  expect(second.results).toHaveLength(5)
  expect(second).not.toHaveProperty('paging')
})

it('rejects a list limit above 100 and accepts 100', async () => {
  openPortal(3)
  expect((await get('/crm/v3/objects/companies?limit=100')).status).toBe(200)
  const tooMany = await get('/crm/v3/objects/companies?limit=101')
  expect(tooMany.status).toBe(400)
  expect(tooMany.headers.get('content-type')).toContain('application/json')
  expect(await readJson(tooMany)).toMatchObject({ status: 'error', category: 'VALIDATION_ERROR' })
})

it('accepts repeated and comma-separated properties alike, ignoring undefined names', async () => {
  openPortal(2)
  const repeated = await readJson(
    await get('/crm/v3/objects/companies?properties=name&properties=nps_score&properties=nope'),
  )
  const comma = await readJson(
    await get('/crm/v3/objects/companies?properties=name,nps_score,nope'),
  )
  expect(repeated).toEqual(comma)
  expect(Object.keys(repeated.results[0]?.properties ?? {}).sort()).toEqual(
    ['createdate', 'hs_lastmodifieddate', 'hs_object_id', 'name', 'nps_score'].sort(),
  )
})

it('returns the default properties when none are named, and null for defined but empty ones', async () => {
  openPortal(1)
  const company = await createClient().crm.companies.basicApi.getById('101', [
    'name',
    'description',
  ])
  expect(company.properties).toMatchObject({
    name: 'Company 0',
    description: null,
    hs_object_id: '101',
  })
  const defaults = await readJson(await get('/crm/v3/objects/companies/101'))
  expect(Object.keys(defaults.properties).sort()).toEqual([
    'createdate',
    'domain',
    'hs_lastmodifieddate',
    'hs_object_id',
    'name',
  ])
})

it('answers 404 OBJECT_NOT_FOUND for a missing record', async () => {
  openPortal(1)
  const error = await createClient()
    .crm.companies.basicApi.getById('999')
    .catch((e: unknown) => e)
  expect(error).toMatchObject({ code: 404, body: { category: 'OBJECT_NOT_FOUND' } })
})

it('creates a task associated with a company and serves the association both ways', async () => {
  openPortal(2)
  const client = createClient()
  const task = await client.crm.objects.tasks.basicApi.create({
    properties: {
      hs_timestamp: '2026-11-02T09:00:00.000Z',
      hs_task_subject: 'Check in',
      hs_task_status: 'NOT_STARTED',
    },
    associations: [
      {
        to: { id: '102' },
        types: [
          {
            associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined,
            associationTypeId: 192,
          },
        ],
      },
    ],
  })
  expect(task.id).toMatch(/^\d+$/)
  expect(task.properties.hs_task_subject).toBe('Check in')
  const company = await readJson(await get('/crm/v3/objects/companies/102?associations=tasks'))
  expect(company.associations.tasks?.results).toEqual([{ id: task.id, type: 'company_to_task' }])
})

it('rejects a create that misses a required property or names an unknown one', async () => {
  openPortal(1)
  const client = createClient()
  const noTimestamp = await client.crm.objects.notes.basicApi
    .create({ properties: { hs_note_body: 'x' }, associations: [] })
    .catch((e: unknown) => e)
  expect(noTimestamp).toMatchObject({ code: 400, body: { category: 'VALIDATION_ERROR' } })
  const unknown = await client.crm.objects.notes.basicApi
    .create({ properties: { hs_timestamp: '1790000000000', nope: 'x' }, associations: [] })
    .catch((e: unknown) => e)
  expect(unknown).toMatchObject({
    code: 400,
    body: { message: expect.stringContaining('PROPERTY_DOESNT_EXIST') },
  })
})

it('reads one company with history and associations together, paging past 100 associations', async () => {
  const notes = Array.from({ length: 130 }, (_, i) => ({
    id: String(70_000 + i),
    properties: { hs_timestamp: '2026-10-20T10:00:00.000Z', hs_note_body: `Note ${i}` },
    companyIds: ['101'],
  }))
  const fixture = buildTestFixture(2, { notes })
  fixture.companies[0]!.propertyHistory = {
    nps_score: [{ value: '4', timestamp: '2026-09-01T00:00:00.000Z', sourceType: 'API' }],
  }
  openPortal(0, { fixture })
  const client = createClient()
  const company = await client.crm.companies.basicApi.getById(
    '101',
    ['name'],
    ['nps_score'],
    ['notes', 'calls', 'tickets'],
  )
  expect(company.properties.name).toBe('Company 0')
  expect(company.propertiesWithHistory?.nps_score?.map((entry) => entry.value)).toEqual(['4'])
  const noted = company.associations?.notes
  expect(noted?.results).toHaveLength(100)
  expect(noted?.results[0]).toEqual({ id: '70000', type: 'company_to_note' })
  expect(noted?.paging?.next?.after).toBe('100')
  expect(company.associations?.calls).toEqual({
    results: [{ id: '50000', type: 'company_to_call' }],
  })
  expect(company.associations?.tickets).toBeUndefined() // company 0 has no tickets

  // The next page is where `paging.next.link` points: the v3 associations list of the record.
  const rest = await readJson(
    await get(new URL(noted!.paging!.next!.link!).pathname + '?after=100'),
  )
  expect(rest.results).toHaveLength(30)
  expect(rest.results.at(-1)).toEqual({ id: '70129', type: 'company_to_note' })
  expect(rest.paging).toBeUndefined()
})

it("accepts a batch update of HubSpot's own company description", async () => {
  openPortal(1)
  const result = await createClient().crm.companies.batchApi.update({
    inputs: [{ id: '101', properties: { description: 'Makes anvils.' } }],
  })
  expect(result.results[0]?.properties.description).toBe('Makes anvils.')
})
