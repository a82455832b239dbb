import {
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
} from '@hubspot/api-client/lib/codegen/crm/properties/index.js'
import { expect, it } from 'vitest'

import { BASE_PATH, createClient, openPortal, TOKEN } from './support.ts'

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${BASE_PATH}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

it('reads company→ticket associations in batch, with _from and numeric ids and type 340', async () => {
  openPortal(4)
  const response = await createClient().crm.associations.v4.batchApi.getPage(
    'companies',
    'tickets',
    {
      inputs: [{ id: '102' }, { id: '103' }, { id: '101' }],
    },
  )
  const byCompany = Object.fromEntries(response.results.map((r) => [r._from.id, r.to]))
  expect(Object.keys(byCompany).sort()).toEqual(['102', '103'])
  expect(byCompany['103']).toEqual([
    {
      toObjectId: 9002,
      associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 340, label: null }],
    },
    {
      toObjectId: 9003,
      associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 340, label: null }],
    },
  ])
  expect(response).toMatchObject({ numErrors: 1, errors: [{ context: { fromObjectId: ['101'] } }] })
})

it('serves the reverse direction with the inverse type id', async () => {
  openPortal(2)
  const response = await createClient().crm.associations.v4.batchApi.getPage('calls', 'companies', {
    inputs: [{ id: '50001' }],
  })
  expect(response.results[0]?.to).toEqual([
    {
      toObjectId: 102,
      associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId: 182, label: null }],
    },
  ])
})

it('takes 1,000 association inputs and rejects 1,001', async () => {
  openPortal(2)
  const inputs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: String(101 + (i % 2)) }))
  expect(
    (await post('/crm/v4/associations/companies/calls/batch/read', { inputs: inputs(1000) }))
      .status,
  ).toBe(200)
  expect(
    (await post('/crm/v4/associations/companies/calls/batch/read', { inputs: inputs(1001) }))
      .status,
  ).toBe(400)
})

it('pages one record’s associations with the single-object GET', async () => {
  openPortal(3)
  const client = createClient()
  const first = await client.crm.associations.v4.basicApi.getPage(
    'companies',
    '103',
    'tickets',
    undefined,
    1,
  )
  expect(first.results.map((r) => r.toObjectId)).toEqual([9002])
  const second = await client.crm.associations.v4.basicApi.getPage(
    'companies',
    '103',
    'tickets',
    first.paging?.next?.after,
    1,
  )
  expect(second.results.map((r) => r.toObjectId)).toEqual([9003])
  expect(second.paging).toBeUndefined()
})

it('creates a property with 201 and surfaces a duplicate as an ApiException with code 409', async () => {
  openPortal(1)
  const client = createClient()
  await client.crm.properties.groupsApi.create('companies', {
    name: 'customer_health',
    label: 'Customer health',
    displayOrder: -1,
  })
  const input = {
    name: 'health_score',
    label: 'Health score',
    type: PropertyCreateTypeEnum.Number,
    fieldType: PropertyCreateFieldTypeEnum.Number,
    groupName: 'customer_health',
  }
  const created = await client.crm.properties.coreApi.create('companies', input)
  expect(created).toMatchObject({
    name: 'health_score',
    type: 'number',
    groupName: 'customer_health',
  })
  const duplicate = await client.crm.properties.coreApi
    .create('companies', input)
    .catch((e: unknown) => e)
  expect(duplicate).toMatchObject({ code: 409, body: { category: 'OBJECT_ALREADY_EXISTS' } })
  expect(duplicate?.constructor.name).toBe('ApiException')
  const group = await client.crm.properties.groupsApi
    .create('companies', { name: 'customer_health', label: 'again' })
    .catch((e: unknown) => e)
  expect(group).toMatchObject({ code: 409 })
  const health = await client.crm.properties.coreApi.getByName('companies', 'health_score')
  expect(health.label).toBe('Health score')
})

it('validates type/fieldType pairs and options for enumerations', async () => {
  openPortal(1)
  const base = { label: 'x', groupName: 'companyinformation' }
  expect(
    (
      await post('/crm/v3/properties/companies', {
        ...base,
        name: 'a',
        type: 'number',
        fieldType: 'text',
      })
    ).status,
  ).toBe(400)
  expect(
    (
      await post('/crm/v3/properties/companies', {
        ...base,
        name: 'b',
        type: 'enumeration',
        fieldType: 'select',
      })
    ).status,
  ).toBe(400)
  const tier = await post('/crm/v3/properties/companies', {
    ...base,
    name: 'health_tier',
    type: 'enumeration',
    fieldType: 'select',
    options: [{ label: 'Healthy', value: 'healthy', hidden: false }],
  })
  expect(tier.status).toBe(201)
  const write = await post('/crm/v3/objects/companies/batch/update', {
    inputs: [{ id: '101', properties: { health_tier: 'great' } }],
  })
  expect(write.status).toBe(400)
  expect(
    (
      await post('/crm/v3/properties/companies', {
        ...base,
        name: 'c',
        type: 'datetime',
        fieldType: 'date',
      })
    ).status,
  ).toBe(201)
})

it('lists properties and serves the ticket pipeline', async () => {
  openPortal(1)
  const client = createClient()
  const properties = await client.crm.properties.coreApi.getAll('companies')
  expect(properties.results.map((p) => p.name)).toEqual(
    expect.arrayContaining(['name', 'nps_score', 'renewal_date', 'notes_last_contacted']),
  )
  const pipelines = await client.crm.pipelines.pipelinesApi.getAll('tickets')
  expect(pipelines.results[0]?.stages.map((s) => [s.id, s.label])).toEqual([
    ['1', 'New'],
    ['2', 'Waiting on contact'],
    ['3', 'Waiting on us'],
    ['4', 'Closed'],
  ])
})

it('creates default associations both ways and removes them, one record pair at a time', async () => {
  openPortal(3)
  const { basicApi, batchApi } = createClient().crm.associations.v4
  const created = await basicApi.createDefault('tickets', '9001', 'companies', '103')
  expect(
    created.results.map((r) => [r._from.id, r.to.id, r.associationSpec.associationTypeId]),
  ).toEqual([
    ['9001', '103', 339],
    ['103', '9001', 340],
  ])
  const companiesOf = async (ticket: string) =>
    (
      await batchApi.getPage('tickets', 'companies', { inputs: [{ id: ticket }] })
    ).results[0]?.to.map((t) => t.toObjectId)
  expect(await companiesOf('9001')).toEqual([102, 103])

  // 102 was the ticket's first company: removing it keeps the second.
  await basicApi.archive('companies', '102', 'tickets', '9001')
  expect(await companiesOf('9001')).toEqual([103])
  const ticketsOf = await batchApi.getPage('companies', 'tickets', {
    inputs: [{ id: '102' }, { id: '103' }],
  })
  expect(ticketsOf.results.map((r) => [r._from.id, r.to.map((t) => t.toObjectId)])).toEqual([
    ['103', [9002, 9003, 9001]],
  ])
  await basicApi.archive('companies', '102', 'tickets', '9001')
  await expect(basicApi.archive('companies', '102', 'tickets', '1')).rejects.toMatchObject({
    code: 404,
  })
  await expect(
    basicApi.createDefault('companies', '101', 'companies', '102'),
  ).rejects.toMatchObject({
    code: 400,
  })
})
