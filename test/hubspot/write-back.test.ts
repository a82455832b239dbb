import { http } from 'msw'
import { expect, it } from 'vitest'

import type { HealthResult } from '../../src/health/index.ts'
import { getDefaultModel, scoreCompany } from '../../src/health/index.ts'
import { DailyLimitError } from '../../src/hubspot/errors.ts'
import {
  diffProperties,
  ownedPropertyNames,
  toPropertyValues,
} from '../../src/hubspot/health-properties.ts'
import { ensurePropertySchema } from '../../src/hubspot/property-schema.ts'
import { type BatchEvent, writeBack } from '../../src/hubspot/write-back.ts'
import { createSnapshot } from '../health/support/mocks.ts'
import { useMswServer } from '../support/msw.ts'
import { BASE_PATH, callsTo, historyOf, setUp, valueOf } from '../support/portal.ts'

const server = useMswServer()
const model = getDefaultModel()
const UPDATE = 'POST /crm/v3/objects/companies/batch/update'

const ids = (count: number, from = 101) => Array.from({ length: count }, (_, i) => String(from + i))

async function portal(companies: number, options: Parameters<typeof setUp>[2] = {}) {
  const setup = setUp(server, companies, options)
  await ensurePropertySchema(setup.conn, model)
  setup.emulator.resetStats()
  return setup
}

function scored(companyId: string, overrides: Partial<HealthResult> = {}): HealthResult {
  const result = scoreCompany(createSnapshot({ companyId }), model)
  if (!result.success) throw new Error('the healthy snapshot should score')
  return { ...result.value, ...overrides }
}

it('writes exactly the given values, once each, in batches of 100', async () => {
  const { emulator, conn } = await portal(250)
  const updates = ids(250).map((id, i) => ({
    id,
    properties: { health_score: String(i % 101), health_tier: i % 2 ? 'at_risk' : 'healthy' },
  }))
  const batches: BatchEvent[] = []

  const outcome = await writeBack(conn, updates, { onBatch: (event) => void batches.push(event) })
  expect(outcome.failed).toEqual([])
  expect(outcome.written).toEqual(updates)
  expect(callsTo(emulator, UPDATE)).toBe(3)
  expect(batches.map((b) => `${b.phase} ${b.ids.length}`)).toEqual([
    'start 100',
    'done 100',
    'start 100',
    'done 100',
    'start 50',
    'done 50',
  ])
  for (const [i, id] of ids(250).entries()) {
    expect(historyOf(emulator, id, 'health_score')).toEqual([String(i % 101)])
    expect(historyOf(emulator, id, 'health_tier')).toEqual([i % 2 ? 'at_risk' : 'healthy'])
    expect(historyOf(emulator, id, 'health_playbook')).toEqual([])
  }
})

it('writes a result, reads it back unchanged, and a rerun writes nothing', async () => {
  const { emulator, conn } = await portal(2)
  const results = [scored('101'), scored('102', { playbook: null, score: 40, tier: 'at_risk' })]
  const first = results.map((r) => ({ id: r.companyId, properties: toPropertyValues(r, model) }))
  await writeBack(conn, first)
  expect(valueOf(emulator, '102', 'health_tier')).toBe('at_risk')
  expect(valueOf(emulator, '102', 'health_playbook')).toBeNull()

  const read = await conn.client.crm.companies.batchApi.read({
    inputs: [{ id: '101' }, { id: '102' }],
    properties: ownedPropertyNames(model),
    propertiesWithHistory: [],
  })
  const rescoredLater = results.map((r) => ({ ...r, scoredAt: '2030-01-01T00:00:00.000Z' }))
  for (const result of rescoredLater) {
    const current = read.results.find((r) => r.id === result.companyId)?.properties ?? {}
    expect(diffProperties(toPropertyValues(result, model), current)).toBeNull()
  }
  expect(historyOf(emulator, '101', 'health_scored_at')).toHaveLength(1)
})

it('reports a company that does not exist by id and reason, and writes the rest', async () => {
  const { emulator, conn } = await portal(3)
  const updates = ['101', '999999', '103'].map((id) => ({
    id,
    properties: { health_tier: 'critical' },
  }))

  const outcome = await writeBack(conn, updates)
  expect(outcome.written.map((u) => u.id)).toEqual(['101', '103'])
  expect(outcome.failed).toEqual([
    { id: '999999', reason: expect.stringMatching(/^OBJECT_NOT_FOUND: Could not get some/) },
  ])
  expect(callsTo(emulator, UPDATE)).toBe(1) // a missing record is not retried
  expect(historyOf(emulator, '101', 'health_tier')).toEqual(['critical'])
  expect(historyOf(emulator, '102', 'health_tier')).toEqual([])
})

it('retries just the records a partial 207 failed, writing each company once', async () => {
  const { emulator, conn } = await portal(40)
  // The first batch call suffers an injected partial failure; the rest are clean.
  let updateCalls = 0
  server.use(
    http.post(`${BASE_PATH}/crm/v3/objects/companies/batch/update`, () => {
      emulator.setFaults(updateCalls++ === 0 ? 'partial:1' : undefined, 5)
    }),
  )
  const updates = ids(40).map((id) => ({ id, properties: { health_score: '55' } }))

  const outcome = await writeBack(conn, updates, { retryDelayMs: 0 })
  expect(outcome.failed).toEqual([])
  expect(outcome.written.map((u) => u.id).sort()).toEqual(ids(40).sort())
  expect(callsTo(emulator, UPDATE)).toBe(2)
  for (const id of ids(40)) expect(historyOf(emulator, id, 'health_score')).toEqual(['55'])
})

it('reports records that keep failing in 207s after the retries', async () => {
  const { emulator, conn } = await portal(4, { faults: 'partial:1', seed: 2 })
  const updates = ids(4).map((id) => ({ id, properties: { health_score: '10' } }))

  const outcome = await writeBack(conn, updates, { retryDelayMs: 0, partialRetries: 2 })
  expect(outcome.written.length + outcome.failed.length).toBe(4)
  expect(outcome.failed.length).toBeGreaterThan(0)
  expect(outcome.failed[0]?.reason).toMatch(/^INTERNAL_ERROR: Injected fault/)
  expect(callsTo(emulator, UPDATE)).toBe(3)
  for (const { id } of outcome.failed) expect(historyOf(emulator, id, 'health_score')).toEqual([])
})

it('isolates a record HubSpot rejects so the rest of its batch lands', async () => {
  const { emulator, conn } = await portal(10)
  const updates = ids(10).map((id) => ({
    id,
    properties: { health_score: id === '107' ? 'seventy' : '70', health_tier: 'neutral' },
  }))

  const outcome = await writeBack(conn, updates)
  expect(outcome.failed).toEqual([
    { id: '107', reason: expect.stringMatching(/^400 VALIDATION_ERROR: .*INVALID_LONG/) },
  ])
  expect(outcome.written.map((u) => u.id).sort()).toEqual(ids(10).filter((id) => id !== '107'))
  expect(callsTo(emulator, UPDATE)).toBeLessThanOrEqual(9)
  for (const id of ids(10))
    expect(historyOf(emulator, id, 'health_tier')).toEqual(id === '107' ? [] : ['neutral'])
})

it('stops on the daily limit, after the batches that landed', async () => {
  // The schema takes one list, one group and one create per property; then one batch fits.
  const schemaCalls = 2 + ownedPropertyNames(model).length
  const { emulator, conn } = await portal(150, { dailyLimit: schemaCalls + 1 })
  const events: string[] = []
  const updates = ids(150).map((id) => ({ id, properties: { health_tier: 'healthy' } }))

  const error = await writeBack(conn, updates, {
    onBatch: (event) => void events.push(`${event.phase} ${event.ids[0]}`),
  }).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(DailyLimitError)
  expect(events).toEqual(['start 101', 'done 101', 'start 201'])
  expect(historyOf(emulator, '200', 'health_tier')).toEqual(['healthy'])
  expect(historyOf(emulator, '201', 'health_tier')).toEqual([])
})

it('sends one update per company, merging repeats, and skips empty ones', async () => {
  const { emulator, conn } = await portal(2)
  const outcome = await writeBack(conn, [
    { id: '101', properties: { health_score: '1' } },
    { id: '102', properties: {} },
    { id: '101', properties: { health_tier: 'critical' } },
  ])
  expect(outcome.written).toEqual([
    { id: '101', properties: { health_score: '1', health_tier: 'critical' } },
  ])
  expect(callsTo(emulator, UPDATE)).toBe(1)
  expect(await writeBack(conn, [])).toEqual({ written: [], failed: [] })
  expect(callsTo(emulator, UPDATE)).toBe(1)
})
