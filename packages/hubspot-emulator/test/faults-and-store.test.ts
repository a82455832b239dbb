import { expect, it } from 'vitest'

import { createPortalStore, parseFaultSpec } from '../src/index.ts'
import { buildTestFixture, createTestPortal } from '../src/testing/index.ts'
import { BASE_PATH, openPortal, readJson, TOKEN } from './support.ts'

function post(path: string, body: unknown, signal?: AbortSignal): Promise<Response> {
  return fetch(`${BASE_PATH}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
    signal,
  })
}

it('rejects malformed fault specs with the bad entry named', () => {
  expect(() => parseFaultSpec('418:0.1')).toThrow('fault "418:0.1"')
  expect(() => parseFaultSpec('500:2')).toThrow('between 0 and 1')
  expect(() => parseFaultSpec('500:0.6,429:0.6')).toThrow('more than 1')
  expect(parseFaultSpec('429:0.05,500:0.02,timeout:0.01,partial:0.05')).toHaveLength(4)
})

it('injects the same 5xx faults for the same seed', async () => {
  const statuses = async (seed: number) => {
    const close = createTestPortal({ companies: 1, faults: '500:0.3,503:0.2', seed }).listen()
    const out: number[] = []
    for (let i = 0; i < 30; i++)
      out.push(
        (await post('/crm/v3/objects/companies/batch/read', { inputs: [{ id: '101' }] })).status,
      )
    close()
    return out
  }
  const first = await statuses(7)
  expect(await statuses(7)).toEqual(first)
  expect(first).toContain(500)
  expect(first).toContain(503)
  expect(first).toContain(200)
})

it('fails part of a batch update with 207 and leaves the failed inputs unwritten', async () => {
  const { emulator } = openPortal(20, { faults: 'partial:1', seed: 3 })
  const inputs = Array.from({ length: 20 }, (_, i) => ({
    id: String(101 + i),
    properties: { nps_score: '42' },
  }))
  const response = await post('/crm/v3/objects/companies/batch/update', { inputs })
  expect(response.status).toBe(207)
  const body: { results: { id: string }[]; errors: { context: { ids: string[] } }[] } =
    await readJson(response)
  const failed = body.errors.flatMap((e) => e.context.ids)
  expect(failed.length).toBeGreaterThan(0)
  expect(body.results.length + failed.length).toBe(20)
  const table = emulator.store.table('companies')
  for (const id of failed) expect(table.value(table.rowOf(id), 'nps_score')).not.toBe('42')
  for (const { id } of body.results) expect(table.value(table.rowOf(id), 'nps_score')).toBe('42')
})

it('hangs a request under the timeout fault until the client aborts', async () => {
  openPortal(1, { faults: 'timeout:1' })
  const controller = new AbortController()
  const pending = post(
    '/crm/v3/objects/companies/batch/read',
    { inputs: [{ id: '101' }] },
    controller.signal,
  )
  const outcome = await Promise.race([
    pending.then(() => 'answered'),
    new Promise((r) => setTimeout(() => r('hung'), 100)),
  ])
  expect(outcome).toBe('hung')
  controller.abort()
  await expect(pending).rejects.toThrow()
})

it('shifts every time in a fixture so that asOf lands on now', () => {
  const now = Date.parse('2027-01-01T00:00:00.000Z')
  const fixture = buildTestFixture(1)
  fixture.companies[0]!.propertyHistory = {
    nps_score: [{ value: '3', timestamp: '2026-10-01T00:00:00.000Z' }],
  }
  const store = createPortalStore(fixture, { now: () => now })
  const companies = store.table('companies')
  // asOf 2026-11-01 → 2027-01-01 is 61 days later.
  expect(companies.value(0, 'createdate')).toBe('2025-03-03T00:00:00.000Z')
  expect(companies.value(0, 'renewal_date')).toBe('2027-01-31')
  expect(companies.history(0, 'nps_score')).toEqual([
    { value: '3', timestamp: Date.parse('2026-12-01T00:00:00.000Z'), sourceType: 'CRM_UI' },
  ])
  expect(store.table('calls').value(0, 'hs_timestamp')).toBe('2026-12-15T12:00:00.000Z')
})

it('reset() reloads the fixture and forgets writes', () => {
  const store = createPortalStore(buildTestFixture(2), {
    now: () => Date.parse('2026-11-01T00:00:00.000Z'),
  })
  store.table('companies').write(0, { name: 'Changed' }, { at: 0, sourceType: 'API' })
  store.create('notes', { hs_timestamp: '1790000000000', hs_note_body: 'hi' })
  expect(store.counts().notes).toBe(1)
  store.reset()
  expect(store.table('companies').value(0, 'name')).toBe('Company 0')
  expect(store.counts().notes).toBe(0)
})

it('injects TEN_SECONDLY_ROLLING 429s that the client would retry', async () => {
  const { emulator } = openPortal(1, { faults: '429:1' })
  const response = await post('/crm/v3/objects/companies/batch/read', { inputs: [{ id: '101' }] })
  expect(response.status).toBe(429)
  expect(await readJson(response)).toMatchObject({
    policyName: 'TEN_SECONDLY_ROLLING',
    errorType: 'RATE_LIMIT',
  })
  expect(emulator.stats().calls.rateLimited).toBe(1)
})

it('delays every API response by the configured latency', async () => {
  openPortal(1, { latencyMs: 120 })
  const started = performance.now()
  expect(
    (await post('/crm/v3/objects/companies/batch/read', { inputs: [{ id: '101' }] })).status,
  ).toBe(200)
  expect(performance.now() - started).toBeGreaterThanOrEqual(115)
})
