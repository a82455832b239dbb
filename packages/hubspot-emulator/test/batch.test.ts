import { expect, it } from 'vitest'

import { BASE_PATH, createClient, openPortal, readJson, TOKEN } from './support.ts'

const ids = (count: number, from = 101) =>
  Array.from({ length: count }, (_, i) => ({ id: String(from + i) }))

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${BASE_PATH}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
}

it('returns 207 with OBJECT_NOT_FOUND for missing ids, and the client does not throw', async () => {
  openPortal(3)
  const response = await createClient().crm.companies.batchApi.read({
    inputs: [{ id: '101' }, { id: '404' }, { id: '103' }, { id: '405' }],
    properties: ['name'],
    propertiesWithHistory: [],
  })
  expect(response.results.map((r) => r.id).sort()).toEqual(['101', '103'])
  expect(response).toMatchObject({
    status: 'COMPLETE',
    numErrors: 1,
    errors: [{ status: 'error', category: 'OBJECT_NOT_FOUND', context: { ids: ['404', '405'] } }],
  })
})

it('takes 100 inputs and rejects 101 with a VALIDATION_ERROR', async () => {
  openPortal(101)
  const ok = await post('/crm/v3/objects/companies/batch/read', {
    inputs: ids(100),
    properties: ['name'],
  })
  expect(ok.status).toBe(200)
  expect((await readJson(ok)).results).toHaveLength(100)
  const tooMany = await post('/crm/v3/objects/companies/batch/read', {
    inputs: ids(101),
    properties: ['name'],
  })
  expect(tooMany.status).toBe(400)
  expect(await readJson(tooMany)).toMatchObject({ category: 'VALIDATION_ERROR' })
})

it('takes 50 inputs with propertiesWithHistory and rejects 51', async () => {
  openPortal(51)
  const body = (count: number) => ({
    inputs: ids(count),
    properties: ['name'],
    propertiesWithHistory: ['nps_score'],
  })
  expect((await post('/crm/v3/objects/companies/batch/read', body(50))).status).toBe(200)
  const tooMany = await post('/crm/v3/objects/companies/batch/read', body(51))
  expect(tooMany.status).toBe(400)
  expect((await readJson(tooMany)).message).toBe(
    'The maximum number of inputs supported in a batch request for property histories is 50',
  )
})

it('updates in batch, clears on empty string and records every write in the history', async () => {
  const { clock } = openPortal(2)
  const client = createClient()
  clock.advance(60_000)
  await client.crm.companies.batchApi.update({
    inputs: [{ id: '101', properties: { nps_score: '9', domain: '' } }],
  })
  clock.advance(60_000)
  await client.crm.companies.batchApi.update({
    inputs: [{ id: '101', properties: { nps_score: '4' } }],
  })
  const read = await client.crm.companies.batchApi.read({
    inputs: [{ id: '101' }],
    properties: ['domain', 'nps_score'],
    propertiesWithHistory: ['nps_score'],
  })
  const company = read.results[0]
  expect(company?.properties).toMatchObject({ domain: null, nps_score: '4' })
  expect(company?.updatedAt.toISOString()).toBe('2026-11-01T00:02:00.000Z')
  expect(
    company?.propertiesWithHistory?.nps_score?.map((h) => [
      h.value,
      h.sourceType,
      h.timestamp.toISOString(),
    ]),
  ).toEqual([
    ['4', 'API', '2026-11-01T00:02:00.000Z'],
    ['9', 'API', '2026-11-01T00:01:00.000Z'],
    ['0', 'IMPORT', '2025-01-01T00:00:00.000Z'],
  ])
})

it('rejects the whole batch update when a property is read-only or unknown', async () => {
  const { emulator } = openPortal(2)
  const readOnly = await post('/crm/v3/objects/companies/batch/update', {
    inputs: [
      { id: '101', properties: { nps_score: '1' } },
      { id: '102', properties: { hs_object_id: '5' } },
    ],
  })
  expect(readOnly.status).toBe(400)
  expect(await readJson(readOnly)).toMatchObject({
    category: 'VALIDATION_ERROR',
    message: expect.stringContaining('READ_ONLY_VALUE'),
  })
  const unknown = await post('/crm/v3/objects/companies/batch/update', {
    inputs: [{ id: '101', properties: { nope: '1' } }],
  })
  expect(unknown.status).toBe(400)
  expect(emulator.store.table('companies').value(0, 'nps_score')).toBe('0')
})

it('reports missing ids of a batch update as 207 and applies the rest', async () => {
  const { emulator } = openPortal(1)
  const response = await post('/crm/v3/objects/companies/batch/update', {
    inputs: [
      { id: '101', properties: { nps_score: '7' } },
      { id: '999', properties: { nps_score: '7' }, objectWriteTraceId: 't-1' },
    ],
  })
  expect(response.status).toBe(207)
  expect((await readJson(response)).errors[0]).toMatchObject({
    category: 'OBJECT_NOT_FOUND',
    context: { ids: ['999'], objectWriteTraceId: ['t-1'] },
  })
  expect(emulator.store.table('companies').value(0, 'nps_score')).toBe('7')
})

it('rejects values that are not valid for the property type', async () => {
  openPortal(1)
  const response = await post('/crm/v3/objects/companies/batch/update', {
    inputs: [{ id: '101', properties: { nps_score: 'eight' } }],
  })
  expect(response.status).toBe(400)
  expect((await readJson(response)).message).toContain('INVALID_LONG')
})
