import {
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
} from '@hubspot/api-client/lib/codegen/crm/properties/index.js'
import { http, HttpResponse } from 'msw'
import { expect, it } from 'vitest'

import type { HealthModelInput } from '../../src/health/index.ts'
import {
  compileModel,
  DEFAULT_MODEL_INPUT,
  getDefaultModel,
  parseModel,
} from '../../src/health/index.ts'
import { healthPropertyDefinitions } from '../../src/hubspot/health-properties.ts'
import { ensurePropertySchema, PropertySchemaError } from '../../src/hubspot/property-schema.ts'
import { useMswServer } from '../support/msw.ts'
import { BASE_PATH, callsTo, setUp } from '../support/portal.ts'

const server = useMswServer()
const model = getDefaultModel()
const OWNED = healthPropertyDefinitions(model).map((d) => d.name)
const LIST = 'GET /crm/v3/properties/companies'
const CREATE = 'POST /crm/v3/properties/companies'
const CREATE_GROUP = 'POST /crm/v3/properties/companies/groups'
const PATCH = 'PATCH /crm/v3/properties/companies/{propertyName}'

function modelWith(change: (input: HealthModelInput) => HealthModelInput) {
  const parsed = parseModel(change(structuredClone(DEFAULT_MODEL_INPUT) as HealthModelInput))
  if (!parsed.success) throw new Error(JSON.stringify(parsed.issues))
  return compileModel(parsed.value)
}

it('creates the group and every property once, then a rerun only lists them', async () => {
  const { emulator, conn } = setUp(server)
  const others = emulator.store.properties.list('companies')

  const first = await ensurePropertySchema(conn, model)
  expect(first).toEqual({ created: OWNED, updated: [], unchanged: [] })
  expect(emulator.stats().calls.byEndpoint).toEqual({
    [LIST]: 1,
    [CREATE_GROUP]: 1,
    [CREATE]: OWNED.length,
  })
  expect(conn.calls.total).toBe(2 + OWNED.length)
  expect(emulator.store.properties.getGroup('companies', 'customer_health')).toMatchObject({
    label: 'Customer health',
  })
  for (const def of healthPropertyDefinitions(model)) {
    expect(emulator.store.properties.get('companies', def.name)).toMatchObject({
      type: def.type,
      fieldType: def.fieldType,
      groupName: 'customer_health',
      label: def.label,
      options: def.options.map((o) => ({ value: o.value, label: o.label })),
    })
  }

  emulator.resetStats()
  const again = await ensurePropertySchema(conn, model)
  expect(again).toEqual({ created: [], updated: [], unchanged: OWNED })
  expect(emulator.stats().calls).toMatchObject({ total: 1, byEndpoint: { [LIST]: 1 } })
  // Properties the app does not own are exactly as they were.
  const after = new Map(emulator.store.properties.list('companies').map((p) => [p.name, p]))
  for (const property of others) expect(after.get(property.name)).toEqual(property)
})

it('adds a playbook the model gained and fixes a renamed label, keeping retired options', async () => {
  const { emulator, conn } = setUp(server)
  await ensurePropertySchema(conn, model)
  const changed = modelWith((input) => ({
    ...input,
    playbooks: [
      ...input.playbooks
        .slice(1)
        .map((p) => (p.id === 'csm_checkin' ? { ...p, label: 'At risk: CSM call' } : p)),
      { ...input.playbooks[0]!, id: 'renewal_rescue', label: 'Renewal rescue' },
    ],
  }))
  emulator.resetStats()

  const report = await ensurePropertySchema(conn, changed)
  expect(report.updated).toEqual(['health_playbook'])
  expect(report.created).toEqual([])
  expect(conn.calls.byEndpoint[PATCH]).toBe(1)
  expect(emulator.stats().calls.byEndpoint).toEqual({ [LIST]: 1, [PATCH]: 1 })
  const options = emulator.store.properties.get('companies', 'health_playbook')?.options ?? []
  const labels = Object.fromEntries(options.map((o) => [o.value, o.label]))
  expect(labels).toMatchObject({
    renewal_rescue: 'Renewal rescue',
    csm_checkin: 'At risk: CSM call',
    executive_escalation: 'Executive escalation',
  })
  expect(options).toHaveLength(model.model.playbooks.length + 1)

  const rerun = await ensurePropertySchema(conn, changed)
  expect(rerun.updated).toEqual([])
  expect(conn.calls.byEndpoint[PATCH]).toBe(1)
})

it('creates the transition properties with the tiers and the value tracks, and follows the segments', async () => {
  const { emulator, conn } = setUp(server)
  await ensurePropertySchema(conn, model)
  const optionsOf = (name: string) =>
    emulator.store.properties.get('companies', name)?.options?.map((o) => o.value)
  expect(emulator.store.properties.get('companies', 'health_tier_changed_at')).toMatchObject({
    type: 'datetime',
    fieldType: 'date',
    groupName: 'customer_health',
  })
  expect(optionsOf('health_previous_tier')).toEqual(['healthy', 'neutral', 'at_risk', 'critical'])
  expect(optionsOf('health_value_track')).toEqual([
    'enterprise',
    'mid_market',
    'smb',
    'unsegmented',
  ])

  const regrouped = modelWith((input) => ({
    ...input,
    segments: [
      ...(input.segments ?? []).filter((s) => s.id !== 'smb'),
      { ...input.segments![0]!, id: 'strategic', label: 'Strategic accounts' },
    ],
    playbooks: input.playbooks.map(({ when, ...p }) => ({
      ...p,
      when: { ...when, segments: when?.segments?.filter((s) => s !== 'smb') },
    })),
  }))
  emulator.resetStats()
  const report = await ensurePropertySchema(conn, regrouped)
  expect(report.updated).toEqual(['health_value_track'])
  expect(emulator.stats().calls.byEndpoint).toEqual({ [LIST]: 1, [PATCH]: 1 })
  // The retired track stays last: companies may still hold it until they are rescored.
  expect(optionsOf('health_value_track')).toEqual([
    'enterprise',
    'mid_market',
    'strategic',
    'unsegmented',
    'smb',
  ])
})

it('refuses existing properties of another type, naming each, and overwrites nothing', async () => {
  const { emulator, conn } = setUp(server)
  const properties = conn.client.crm.properties.coreApi
  await properties.create('companies', {
    name: 'health_score',
    label: 'Health score (theirs)',
    type: PropertyCreateTypeEnum.String,
    fieldType: PropertyCreateFieldTypeEnum.Text,
    groupName: 'companyinformation',
  })
  await properties.create('companies', {
    name: 'health_scored_at',
    label: 'Scored',
    type: PropertyCreateTypeEnum.Date,
    fieldType: PropertyCreateFieldTypeEnum.Date,
    groupName: 'companyinformation',
  })
  const before = emulator.store.properties.list('companies')
  emulator.resetStats()

  const error = await ensurePropertySchema(conn, model).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(PropertySchemaError)
  expect((error as PropertySchemaError).conflicts).toEqual([
    { name: 'health_score', expected: 'number/number', found: 'string/text' },
    { name: 'health_scored_at', expected: 'datetime/date', found: 'date/date' },
  ])
  expect((error as Error).message).toContain(
    'health_score: expected number/number, found string/text',
  )
  expect(emulator.stats().calls).toMatchObject({ total: 1, byEndpoint: { [LIST]: 1 } })
  expect(emulator.store.properties.list('companies')).toEqual(before)
})

it('checks a property that appeared after the list (409) instead of failing', async () => {
  const { emulator, conn } = setUp(server)
  await ensurePropertySchema(conn, model)
  // A list that misses health_score, as if another run created it a moment later.
  server.use(
    http.get(`${BASE_PATH}/crm/v3/properties/companies`, () =>
      HttpResponse.json({
        results: emulator.store.properties
          .list('companies')
          .filter((p) => p.name !== 'health_score'),
      }),
    ),
  )
  emulator.resetStats()

  const report = await ensurePropertySchema(conn, model)
  expect(report.created).toEqual([])
  expect(report.unchanged).toEqual(OWNED)
  expect(callsTo(emulator, CREATE)).toBe(1)
  expect(callsTo(emulator, 'GET /crm/v3/properties/companies/{propertyName}')).toBe(1)
  expect(callsTo(emulator, CREATE_GROUP)).toBe(0)
})
