/** Pieces the object handlers share: type lookup, scopes, record creation with associations. */
import { z } from 'zod'

import type { EmulatorContext } from '../http/emulator-context.ts'
import { hubspotError } from '../http/hubspot-error.ts'
import { invalid, type Parsed } from '../http/request-input.ts'
import { ASSOCIATION_TYPE_IDS, OBJECT_SCOPES, OBJECT_TYPES, toObjectType } from '../object-types.ts'
import type { Principal } from '../policies/token-registry.ts'
import type { WriteSource } from '../store/portal-store.ts'
import { checkPropertyValues, invalidValuesMessage } from '../store/property-values.ts'
import type { ObjectType } from '../types.ts'

/** Path params of `/crm/v3/objects/:objectType...`. */
export type ObjectParams = { objectType: string; objectId?: string }

/** Read scopes for the type in the path (undefined for an unknown type, which the resolver rejects). */
export const readScopes = (params: { objectType: string }): readonly string[] | undefined => {
  const type = toObjectType(params.objectType)
  return type ? OBJECT_SCOPES[type].read : undefined
}

/** Write scopes for the type in the path. */
export const writeScopes = (params: { objectType: string }): readonly string[] | undefined => {
  const type = toObjectType(params.objectType)
  return type ? OBJECT_SCOPES[type].write : undefined
}

/** The object type in the path, or HubSpot's 400 for one it cannot infer. */
export function objectTypeParam(name: string): Parsed<ObjectType> {
  const type = toObjectType(name)
  if (type) return { ok: true, value: type }
  return invalid(`Unable to infer object type from: ${name}`)
}

/** Property values on the wire; numbers and booleans are accepted and kept as strings. */
export const propertyValuesSchema = z.record(
  z.string(),
  z
    .union([z.string(), z.number(), z.boolean(), z.null()])
    .transform((value) => (value === null ? null : String(value))),
)

const associationInputSchema = z.object({
  to: z.object({ id: z.union([z.string(), z.number()]).transform(String) }),
  types: z
    .array(
      z.object({
        associationCategory: z.enum(['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED']),
        associationTypeId: z.number().int(),
      }),
    )
    .min(1),
})

/** `SimplePublicObjectInputForCreate`. */
export const createInputSchema = z.object({
  properties: propertyValuesSchema,
  associations: z.array(associationInputSchema).optional(),
  objectWriteTraceId: z.string().optional(),
})
export type CreateInput = z.infer<typeof createInputSchema>

const REQUIRED_ON_CREATE: Partial<Record<ObjectType, string[]>> = {
  tickets: ['hs_pipeline_stage'],
  calls: ['hs_timestamp'],
  emails: ['hs_timestamp'],
  notes: ['hs_timestamp'],
  tasks: ['hs_timestamp'],
}

/** A record ready to create: checked values and resolved association targets. */
export interface PreparedCreate {
  values: Record<string, string | null>
  links: { type: ObjectType; row: number }[]
}

/**
 * Checks one create input: property values, required properties, association targets.
 * Returns the HubSpot-shaped 400/404 on failure.
 */
export function prepareCreate(
  context: EmulatorContext,
  type: ObjectType,
  input: CreateInput,
): Parsed<PreparedCreate> {
  const { store } = context
  const checked = checkPropertyValues(store.properties, type, input.properties)
  if (!checked.ok) return invalid(invalidValuesMessage(checked.issues))
  const values = { ...checked.values }
  if (type === 'tickets' && !values.hs_pipeline) values.hs_pipeline = '0'
  if (type === 'meetings' && !values.hs_timestamp && values.hs_meeting_start_time) {
    values.hs_timestamp = values.hs_meeting_start_time
  }
  const missing = (REQUIRED_ON_CREATE[type] ?? []).filter((name) => !values[name])
  if (missing.length)
    return invalid(`Missing required properties for ${type}: ${missing.join(', ')}`)
  const links: PreparedCreate['links'] = []
  for (const association of input.associations ?? []) {
    for (const spec of association.types) {
      const target = OBJECT_TYPES.find(
        (to) => ASSOCIATION_TYPE_IDS[type]?.[to] === spec.associationTypeId,
      )
      if (!target || spec.associationCategory !== 'HUBSPOT_DEFINED') {
        return invalid(
          `${spec.associationCategory} ${spec.associationTypeId} is not a valid association type for ${type}`,
        )
      }
      const row = store.table(target).rowOf(association.to.id)
      if (row < 0) {
        return {
          ok: false,
          response: hubspotError(
            404,
            'OBJECT_NOT_FOUND',
            `No ${target} with id ${association.to.id} exists to associate with.`,
          ),
        }
      }
      links.push({ type: target, row })
    }
  }
  return { ok: true, value: { values, links } }
}

/**
 * Who an API write comes from: the caller's app, so webhooks can name it as `sourceId`.
 * @example table.write(row, values, { ...apiSource(principal), at: context.store.now() })
 */
export function apiSource(principal: Principal | undefined): WriteSource {
  return principal?.appId === undefined
    ? { sourceType: 'API' }
    : { sourceType: 'API', appId: principal.appId }
}

/** Creates a prepared record and its associations for `principal`; returns its row. */
export function commitCreate(
  context: EmulatorContext,
  type: ObjectType,
  prepared: PreparedCreate,
  principal: Principal | undefined,
): number {
  const source = apiSource(principal)
  const row = context.store.create(type, prepared.values, source)
  for (const link of prepared.links) context.store.associate(type, row, link.type, link.row, source)
  return row
}

/** The result of a batch call: 200 when all inputs succeeded, else 207 with `errors`. */
export function batchResponse(
  results: unknown[],
  errors: Record<string, unknown>[],
  startedAt: number,
  completedAt: number,
): { body: Record<string, unknown>; status: number } {
  const body: Record<string, unknown> = {
    status: 'COMPLETE',
    results,
    startedAt: new Date(startedAt).toISOString(),
    completedAt: new Date(completedAt).toISOString(),
  }
  if (errors.length === 0) return { body, status: 200 }
  return { body: { ...body, numErrors: errors.length, errors }, status: 207 }
}
