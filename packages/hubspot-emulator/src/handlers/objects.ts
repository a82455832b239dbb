/** `/crm/v3/objects/{type}`: list, get, create and update one record, for every object type. */
import type { HttpHandler } from 'msw'
import { z } from 'zod'

import type { EmulatorContext } from '../http/emulator-context.ts'
import { hubspotError, jsonResponse } from '../http/hubspot-error.ts'
import { intParam, invalid, listParam, readBody } from '../http/request-input.ts'
import { route, type RouteContext } from '../http/route.ts'
import {
  type AssociatedIds,
  definedProperties,
  resolveProperties,
  type SimplePublicObject,
  toPublicObject,
} from '../http/serialize.ts'
import { associationLabel, toObjectType } from '../object-types.ts'
import { invalidValuesMessage } from '../store/property-values.ts'
import { checkPropertyValues } from '../store/property-values.ts'
import type { RecordTable } from '../store/record-table.ts'
import type { ObjectType } from '../types.ts'
import {
  apiSource,
  commitCreate,
  createInputSchema,
  type ObjectParams,
  objectTypeParam,
  prepareCreate,
  propertyValuesSchema,
  readScopes,
  writeScopes,
} from './shared.ts'

const LIST_MAX = 100
const LIST_MAX_WITH_HISTORY = 50
/**
 * Associations a v3 object read embeds per type before paging them (HubSpot's October 2020 change:
 * `associations.<type>` is `{results, paging}` with at most 100 results; `paging.next.link` leads to
 * the v3 associations list of the record).
 */
export const EMBEDDED_ASSOCIATIONS_PAGE = 100

/** The handlers of the basic objects API. */
export function objectHandlers(context: EmulatorContext): HttpHandler[] {
  const base = '/crm/v3/objects/:objectType'

  function readOptions(url: URL, type: ObjectType) {
    const { properties } = context.store
    return {
      names: resolveProperties(properties, type, listParam(url, 'properties')),
      history: definedProperties(properties, type, listParam(url, 'propertiesWithHistory')),
      associations: (listParam(url, 'associations') ?? [])
        .map(toObjectType)
        .filter((t) => t !== undefined),
    }
  }

  /** The first page of one association type, as a v3 object read embeds it. */
  function embeddedAssociations(
    table: RecordTable,
    row: number,
    to: ObjectType,
    rows: readonly number[],
    origin: string,
  ): AssociatedIds {
    const type = associationLabel(table.type, to)
    const targets = context.store.table(to)
    const results = rows
      .slice(0, EMBEDDED_ASSOCIATIONS_PAGE)
      .map((r) => ({ id: targets.idOf(r), type }))
    if (rows.length <= EMBEDDED_ASSOCIATIONS_PAGE) return { results }
    const after = String(EMBEDDED_ASSOCIATIONS_PAGE)
    const link = `${origin}/crm/v3/objects/${table.type}/${table.idOf(row)}/associations/${to}?after=${after}`
    return { results, paging: { next: { after, link } } }
  }

  function serialize(
    table: RecordTable,
    row: number,
    options: ReturnType<typeof readOptions>,
    origin: string,
  ): SimplePublicObject {
    const record = toPublicObject(table, row, options.names, options.history)
    if (options.associations.length) {
      record.associations = {}
      for (const to of options.associations) {
        const rows = context.store.associations.targets(table.type, row, to)
        if (rows.length === 0) continue
        record.associations[to] = embeddedAssociations(table, row, to, rows, origin)
      }
    }
    return record
  }

  async function listObjects({ params, url }: RouteContext<ObjectParams>): Promise<Response> {
    const type = objectTypeParam(params.objectType)
    if (!type.ok) return type.response
    const options = readOptions(url, type.value)
    const limit = intParam(
      url,
      'limit',
      10,
      1,
      options.history.length ? LIST_MAX_WITH_HISTORY : LIST_MAX,
    )
    if (!limit.ok) return limit.response
    const after = url.searchParams.get('after')
    if (after !== null && !/^\d+$/.test(after))
      return invalid(`Invalid value for 'after': '${after}' is not a valid paging cursor`).response
    if (url.searchParams.get('archived') === 'true') return jsonResponse({ results: [] })
    const table = context.store.table(type.value)
    const start = after === null ? 0 : table.rankFrom(after)
    const end = Math.min(table.size, start + limit.value)
    const results: SimplePublicObject[] = []
    for (let rank = start; rank < end; rank++)
      results.push(serialize(table, table.rowAt(rank), options, url.origin))
    if (end >= table.size) return jsonResponse({ results })
    const next = table.idOf(table.rowAt(end))
    const link = `${url.origin}${url.pathname}?after=${next}`
    return jsonResponse({ results, paging: { next: { after: next, link } } })
  }

  async function getObject({ params, url }: RouteContext<ObjectParams>): Promise<Response> {
    const type = objectTypeParam(params.objectType)
    if (!type.ok) return type.response
    const table = context.store.table(type.value)
    const row = table.rowOf(params.objectId ?? '')
    if (row < 0) return notFound(params.objectId ?? '')
    return jsonResponse(serialize(table, row, readOptions(url, type.value), url.origin))
  }

  async function createObject({
    params,
    request,
    principal,
  }: RouteContext<ObjectParams>): Promise<Response> {
    const type = objectTypeParam(params.objectType)
    if (!type.ok) return type.response
    const body = await readBody(request, createInputSchema, 'SimplePublicObjectInputForCreate')
    if (!body.ok) return body.response
    const prepared = prepareCreate(context, type.value, body.value)
    if (!prepared.ok) return prepared.response
    const row = commitCreate(context, type.value, prepared.value, principal)
    const table = context.store.table(type.value)
    const names = [
      ...Object.keys(prepared.value.values),
      'createdate',
      'hs_lastmodifieddate',
      'hs_object_id',
    ]
    return jsonResponse(toPublicObject(table, row, [...new Set(names)]), 201)
  }

  async function updateObject({
    params,
    request,
    principal,
  }: RouteContext<ObjectParams>): Promise<Response> {
    const type = objectTypeParam(params.objectType)
    if (!type.ok) return type.response
    const body = await readBody(
      request,
      z.object({ properties: propertyValuesSchema }),
      'SimplePublicObjectInput',
    )
    if (!body.ok) return body.response
    const table = context.store.table(type.value)
    const row = table.rowOf(params.objectId ?? '')
    if (row < 0) return notFound(params.objectId ?? '')
    const checked = checkPropertyValues(context.store.properties, type.value, body.value.properties)
    if (!checked.ok) return invalid(invalidValuesMessage(checked.issues)).response
    table.write(row, checked.values, { ...apiSource(principal), at: context.store.now() })
    const names = [
      ...Object.keys(checked.values),
      'createdate',
      'hs_lastmodifieddate',
      'hs_object_id',
    ]
    return jsonResponse(toPublicObject(table, row, [...new Set(names)]))
  }

  return [
    route(context, { method: 'get', path: base, scopes: readScopes }, listObjects),
    route(context, { method: 'post', path: base, scopes: writeScopes }, createObject),
    route(context, { method: 'get', path: `${base}/:objectId`, scopes: readScopes }, getObject),
    route(
      context,
      { method: 'patch', path: `${base}/:objectId`, scopes: writeScopes },
      updateObject,
    ),
  ]
}

function notFound(id: string): Response {
  return hubspotError(404, 'OBJECT_NOT_FOUND', 'Object not found.  objectId are usually numeric.', {
    context: { id: [id] },
  })
}
