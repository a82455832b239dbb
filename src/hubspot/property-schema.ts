/**
 * @module Making sure the portal has the `customer_health` group and every owned property, with
 * enumeration options in step with the model. Idempotent: a rerun costs one list call.
 */
import {
  type Option,
  type OptionInput,
  type Property,
  PropertyCreateFieldTypeEnum,
  PropertyCreateTypeEnum,
} from '@hubspot/api-client/lib/codegen/crm/properties/index.js'

import type { CompiledModel } from '../health/index.ts'
import type { HubSpotConnection } from './connection.ts'
import { HubSpotApiError } from './errors.ts'
import {
  HEALTH_OBJECT_TYPE as OBJECT_TYPE,
  HEALTH_PROPERTY_GROUP as GROUP,
  type HealthPropertyDefinition,
  healthPropertyDefinitions,
  type PropertyDataType,
  type PropertyFieldType,
} from './health-properties.ts'
import { PropertySchemaError, type SchemaConflict } from './property-schema-error.ts'

export { PropertySchemaError, type SchemaConflict } from './property-schema-error.ts'

/** What `ensurePropertySchema` did, by property name. */
export interface SchemaReport {
  readonly created: string[]
  /** Existing properties whose enumeration options were brought in step with the model. */
  readonly updated: string[]
  readonly unchanged: string[]
}

const BASE = `/crm/v3/properties/${OBJECT_TYPE}`

const CREATE_TYPES: Record<PropertyDataType, PropertyCreateTypeEnum> = {
  number: PropertyCreateTypeEnum.Number,
  enumeration: PropertyCreateTypeEnum.Enumeration,
  string: PropertyCreateTypeEnum.String,
  datetime: PropertyCreateTypeEnum.Datetime,
}

const CREATE_FIELD_TYPES: Record<PropertyFieldType, PropertyCreateFieldTypeEnum> = {
  number: PropertyCreateFieldTypeEnum.Number,
  select: PropertyCreateFieldTypeEnum.Select,
  text: PropertyCreateFieldTypeEnum.Text,
  date: PropertyCreateFieldTypeEnum.Date,
}

/** Field types that hold the same values as the one we create (a human may have switched them). */
const COMPATIBLE_FIELD_TYPES: Record<PropertyDataType, readonly string[]> = {
  number: ['number'],
  enumeration: ['select', 'radio'],
  string: ['text', 'textarea'],
  datetime: ['date'],
}

/**
 * Creates the group and every missing property; brings enumeration options in step with the model
 * (adding missing options and fixing labels, keeping any others); never touches other properties.
 * @throws PropertySchemaError naming every existing property whose type cannot hold our values,
 *   before anything is written.
 * @throws HubSpotApiError (or DailyLimitError) when a call fails.
 * @example const report = await ensurePropertySchema(conn, getDefaultModel())
 */
export async function ensurePropertySchema(
  conn: HubSpotConnection,
  model: CompiledModel,
): Promise<SchemaReport> {
  const wanted = healthPropertyDefinitions(model)
  const { results } = await conn.call(`GET ${BASE}`, () =>
    conn.client.crm.properties.coreApi.getAll(OBJECT_TYPE),
  )
  const existing = new Map(results.map((property) => [property.name, property]))
  const conflicts = wanted.flatMap((def) => {
    const found = existing.get(def.name)
    const conflict = found && findConflict(def, found)
    return conflict ? [conflict] : []
  })
  if (conflicts.length > 0) throw new PropertySchemaError(conflicts)

  const report: SchemaReport = { created: [], updated: [], unchanged: [] }
  const missing = wanted.filter((def) => !existing.has(def.name))
  if (missing.length > 0 && !results.some((property) => property.groupName === GROUP.name))
    await createGroup(conn)
  const lateConflicts: SchemaConflict[] = []
  for (const def of wanted) {
    let found = existing.get(def.name)
    if (!found) {
      found = await createProperty(conn, def)
      if (!found) {
        report.created.push(def.name)
        continue
      }
      // @note Created between our list and our create (another run), or archived: check it too.
      const conflict = findConflict(def, found)
      if (conflict) {
        lateConflicts.push(conflict)
        continue
      }
    }
    const options = syncedOptions(def, found)
    if (options) {
      await conn.call(`PATCH ${BASE}/{propertyName}`, () =>
        conn.client.crm.properties.coreApi.update(OBJECT_TYPE, def.name, { options }),
      )
      report.updated.push(def.name)
    } else {
      report.unchanged.push(def.name)
    }
  }
  if (lateConflicts.length > 0) throw new PropertySchemaError(lateConflicts)
  return report
}

async function createGroup(conn: HubSpotConnection): Promise<void> {
  try {
    await conn.call(`POST ${BASE}/groups`, () =>
      conn.client.crm.properties.groupsApi.create(OBJECT_TYPE, { ...GROUP }),
    )
  } catch (error) {
    if (!(error instanceof HubSpotApiError && error.status === 409)) throw error
  }
}

/** Creates `def`; on a 409 returns the definition that already exists, otherwise undefined. */
async function createProperty(
  conn: HubSpotConnection,
  def: HealthPropertyDefinition,
): Promise<Property | undefined> {
  try {
    await conn.call(`POST ${BASE}`, () =>
      conn.client.crm.properties.coreApi.create(OBJECT_TYPE, {
        name: def.name,
        label: def.label,
        description: def.description,
        groupName: def.groupName,
        type: CREATE_TYPES[def.type],
        fieldType: CREATE_FIELD_TYPES[def.fieldType],
        displayOrder: def.displayOrder,
        formField: false,
        ...(def.options.length > 0 ? { options: def.options.map((o) => ({ ...o })) } : {}),
      }),
    )
    return undefined
  } catch (error) {
    if (!(error instanceof HubSpotApiError && error.status === 409)) throw error
    return conn.call(`GET ${BASE}/{propertyName}`, () =>
      conn.client.crm.properties.coreApi.getByName(OBJECT_TYPE, def.name),
    )
  }
}

function findConflict(def: HealthPropertyDefinition, found: Property): SchemaConflict | null {
  const expected = `${def.type}/${def.fieldType}`
  const foundAs = `${found.type}/${found.fieldType}`
  if (found.type !== def.type || !COMPATIBLE_FIELD_TYPES[def.type].includes(found.fieldType))
    return { name: def.name, expected, found: foundAs }
  if (found.modificationMetadata?.readOnlyValue || found.calculated)
    return { name: def.name, expected, found: `${foundAs} (read-only, calculated)` }
  return null
}

/** The full option list to PATCH when `found` lacks an option or labels one wrongly, else null. */
function syncedOptions(def: HealthPropertyDefinition, found: Property): OptionInput[] | null {
  if (def.options.length === 0) return null
  const current = new Map((found.options ?? []).map((option) => [option.value, option]))
  const inStep = def.options.every((option) => {
    const have = current.get(option.value)
    return (
      have !== undefined &&
      have.label === option.label &&
      (have.description ?? '') === option.description &&
      !have.hidden
    )
  })
  if (inStep) return null
  const ours = new Set(def.options.map((option) => option.value))
  // @note Options the model no longer has stay: companies may still hold those values.
  const kept = (found.options ?? []).filter((option: Option) => !ours.has(option.value))
  return [
    ...def.options.map((option) => ({ ...option })),
    ...kept.map((option, i) => ({
      value: option.value,
      label: option.label,
      description: option.description ?? '',
      hidden: option.hidden,
      displayOrder: def.options.length + i,
    })),
  ]
}
