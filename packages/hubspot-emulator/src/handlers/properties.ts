/**
 * `/crm/v3/properties/{type}`: list, get, create (201, 409 on duplicates) and update (PATCH)
 * definitions, and groups.
 */
import type { HttpHandler } from 'msw'

import type { EmulatorContext } from '../http/emulator-context.ts'
import { hubspotError, jsonResponse } from '../http/hubspot-error.ts'
import { readBody } from '../http/request-input.ts'
import { invalid } from '../http/request-input.ts'
import { route, type RouteContext } from '../http/route.ts'
import { schemaScopes, toObjectType } from '../object-types.ts'
import {
  definitionProblem,
  groupCreateSchema,
  propertyCreateSchema,
  VALID_FIELD_TYPES,
} from '../store/property-input.ts'
import { makeDefinition } from '../store/standard-properties.ts'
import { objectTypeParam } from './shared.ts'

type TypeParams = { objectType: string }
type NameParams = { objectType: string; propertyName: string }
type GroupParams = { objectType: string; groupName: string }

const propertyUpdateSchema = propertyCreateSchema
  .omit({ name: true, hasUniqueValue: true })
  .partial()
  .strict()

const readScopes = (p: TypeParams) => {
  const type = toObjectType(p.objectType)
  return type ? schemaScopes(type).read : undefined
}
const writeScopes = (p: TypeParams) => {
  const type = toObjectType(p.objectType)
  return type ? schemaScopes(type).write : undefined
}

/** The handlers of the properties API. */
export function propertyHandlers(context: EmulatorContext): HttpHandler[] {
  const registry = () => context.store.properties
  const nowIso = () => new Date(context.store.now()).toISOString()

  async function listProperties({ params }: RouteContext<TypeParams>): Promise<Response> {
    const type = objectTypeParam(params.objectType)
    if (!type.ok) return type.response
    return jsonResponse({ results: registry().list(type.value) })
  }

  async function getProperty({ params }: RouteContext<NameParams>): Promise<Response> {
    const type = objectTypeParam(params.objectType)
    if (!type.ok) return type.response
    const def = registry().get(type.value, params.propertyName)
    if (!def)
      return hubspotError(
        404,
        'OBJECT_NOT_FOUND',
        `Unable to find property ${params.propertyName} on ${type.value}`,
      )
    return jsonResponse(def)
  }

  async function createProperty({ params, request }: RouteContext<TypeParams>): Promise<Response> {
    const type = objectTypeParam(params.objectType)
    if (!type.ok) return type.response
    const body = await readBody(request, propertyCreateSchema, 'PropertyCreate')
    if (!body.ok) return body.response
    const input = body.value
    const problem = definitionProblem(input)
    if (problem) return invalid(problem).response
    if (!registry().getGroup(type.value, input.groupName)) {
      return invalid(`Property group ${input.groupName} does not exist on ${type.value}`).response
    }
    const options = (input.options ?? []).map((option, i) => ({
      ...option,
      displayOrder: option.displayOrder ?? i,
    }))
    const def = makeDefinition(
      {
        ...input,
        options,
        description: input.description ?? '',
        displayOrder: input.displayOrder ?? -1,
      },
      nowIso(),
    )
    if (!registry().define(type.value, def)) {
      return hubspotError(
        409,
        'OBJECT_ALREADY_EXISTS',
        `A property named '${input.name}' already exists.`,
        {
          context: { name: [input.name] },
        },
      )
    }
    return jsonResponse(def, 201)
  }

  /** PATCH: HubSpot's own definitions are read-only; a type change must still pair with its fieldType. */
  async function updateProperty({ params, request }: RouteContext<NameParams>): Promise<Response> {
    const type = objectTypeParam(params.objectType)
    if (!type.ok) return type.response
    const existing = registry().get(type.value, params.propertyName)
    if (!existing) {
      return hubspotError(
        404,
        'OBJECT_NOT_FOUND',
        `Unable to find property ${params.propertyName} on ${type.value}`,
      )
    }
    if (existing.modificationMetadata.readOnlyDefinition) {
      return invalid(
        `Property ${existing.name} is a HubSpot-defined property and cannot be modified`,
      ).response
    }
    const body = await readBody(request, propertyUpdateSchema, 'PropertyUpdate')
    if (!body.ok) return body.response
    const patch = body.value
    const nextType = patch.type ?? existing.type
    const nextFieldType = patch.fieldType ?? existing.fieldType
    if (!VALID_FIELD_TYPES[nextType].includes(nextFieldType)) {
      return invalid(`fieldType ${nextFieldType} is not valid for a property of type ${nextType}`)
        .response
    }
    if (patch.groupName && !registry().getGroup(type.value, patch.groupName)) {
      return invalid(`Property group ${patch.groupName} does not exist on ${type.value}`).response
    }
    const options = patch.options?.map((option, i) => ({
      ...option,
      displayOrder: option.displayOrder ?? i,
    }))
    if (
      nextType === 'enumeration' &&
      nextFieldType !== 'booleancheckbox' &&
      options &&
      options.length === 0
    ) {
      return invalid(`Enumeration property ${existing.name} needs at least one option`).response
    }
    const { options: _options, ...rest } = patch
    const updated = { ...existing, ...rest, ...(options ? { options } : {}), updatedAt: nowIso() }
    registry().replace(type.value, updated)
    return jsonResponse(updated)
  }

  async function listGroups({ params }: RouteContext<TypeParams>): Promise<Response> {
    const type = objectTypeParam(params.objectType)
    if (!type.ok) return type.response
    return jsonResponse({ results: registry().listGroups(type.value) })
  }

  async function getGroup({ params }: RouteContext<GroupParams>): Promise<Response> {
    const type = objectTypeParam(params.objectType)
    if (!type.ok) return type.response
    const group = registry().getGroup(type.value, params.groupName)
    if (!group)
      return hubspotError(
        404,
        'OBJECT_NOT_FOUND',
        `Unable to find property group ${params.groupName} on ${type.value}`,
      )
    return jsonResponse(group)
  }

  async function createGroup({ params, request }: RouteContext<TypeParams>): Promise<Response> {
    const type = objectTypeParam(params.objectType)
    if (!type.ok) return type.response
    const body = await readBody(request, groupCreateSchema, 'PropertyGroupCreate')
    if (!body.ok) return body.response
    const group = { ...body.value, archived: false }
    if (!registry().defineGroup(type.value, group)) {
      return hubspotError(
        409,
        'OBJECT_ALREADY_EXISTS',
        `A property group named '${group.name}' already exists.`,
        {
          context: { name: [group.name] },
        },
      )
    }
    return jsonResponse(group, 201)
  }

  const base = '/crm/v3/properties/:objectType'
  return [
    route(context, { method: 'get', path: `${base}/groups`, scopes: readScopes }, listGroups),
    route(context, { method: 'post', path: `${base}/groups`, scopes: writeScopes }, createGroup),
    route(
      context,
      { method: 'get', path: `${base}/groups/:groupName`, scopes: readScopes },
      getGroup,
    ),
    route(context, { method: 'get', path: base, scopes: readScopes }, listProperties),
    route(context, { method: 'post', path: base, scopes: writeScopes }, createProperty),
    route(
      context,
      { method: 'get', path: `${base}/:propertyName`, scopes: readScopes },
      getProperty,
    ),
    route(
      context,
      { method: 'patch', path: `${base}/:propertyName`, scopes: writeScopes },
      updateProperty,
    ),
  ]
}
