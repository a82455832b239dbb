/**
 * Associations: v4 batch read (≤ 1,000 inputs, per-input paging), the single-record GET, creating
 * a default association and removing one, and the v3 single-record list that a v3 object read's
 * association paging links to.
 */
import { type HttpHandler, HttpResponse } from 'msw'
import { z } from 'zod'

import type { EmulatorContext } from '../http/emulator-context.ts'
import { exactJsonResponse, idAsNumber } from '../http/exact-json.ts'
import { hubspotError, jsonResponse } from '../http/hubspot-error.ts'
import { intParam, invalid, readBody } from '../http/request-input.ts'
import { route, type RouteContext } from '../http/route.ts'
import {
  associationLabel,
  associationTypeId,
  OBJECT_SCOPES,
  SINGULAR_NAMES,
  toObjectType,
} from '../object-types.ts'
import type { ObjectType } from '../types.ts'
import { apiSource, batchResponse } from './shared.ts'

/** HubSpot's association limits. */
export const ASSOCIATION_LIMITS = { batchInputs: 1000, pageSize: 500 } as const

type PairParams = { fromObjectType: string; toObjectType: string }
type SingleParams = { objectType: string; objectId: string; toObjectType: string }
type PairRecordParams = SingleParams & { toObjectId: string }

/** Changing associations needs write access to the "from" type. */
const pairWriteScopes = (from: string, to: string): readonly string[] | undefined => {
  const a = toObjectType(from)
  return a && toObjectType(to) ? OBJECT_SCOPES[a].write : undefined
}

const batchSchema = z.object({
  inputs: z.array(
    z.object({
      id: z.union([z.string(), z.number()]).transform(String),
      after: z.string().optional(),
    }),
  ),
})

/** Reading associations needs read access to the "from" type. */
const pairScopes = (from: string, to: string): readonly string[] | undefined => {
  const a = toObjectType(from)
  return a && toObjectType(to) ? OBJECT_SCOPES[a].read : undefined
}

/** The handlers of the associations v4 API. */
export function associationHandlers(context: EmulatorContext): HttpHandler[] {
  function page(from: ObjectType, to: ObjectType, row: number, after: number, limit: number) {
    const targets = context.store.associations.targets(from, row, to)
    const table = context.store.table(to)
    const typeId = associationTypeId(from, to) ?? 0
    const slice = targets.slice(after, after + limit).map((target) => ({
      toObjectId: idAsNumber(table.idOf(target)),
      associationTypes: [{ category: 'HUBSPOT_DEFINED', typeId, label: null }],
    }))
    const next = after + limit < targets.length ? String(after + limit) : undefined
    return { slice, next, total: targets.length }
  }

  async function batchRead({ params, request }: RouteContext<PairParams>): Promise<Response> {
    const from = toObjectType(params.fromObjectType)
    const to = toObjectType(params.toObjectType)
    if (!from || !to)
      return invalid(
        `Unable to infer object type from: ${from ? params.toObjectType : params.fromObjectType}`,
      ).response
    const startedAt = context.store.now()
    const body = await readBody(
      request,
      batchSchema,
      'BatchInputPublicFetchAssociationsBatchRequest',
    )
    if (!body.ok) return body.response
    const { inputs } = body.value
    if (inputs.length > ASSOCIATION_LIMITS.batchInputs) {
      return invalid(
        `Batch input limit exceeded: the maximum number of inputs is ${ASSOCIATION_LIMITS.batchInputs}`,
      ).response
    }
    const fromTable = context.store.table(from)
    const results = []
    const errors = []
    for (const input of inputs) {
      const row = fromTable.rowOf(input.id)
      const after = input.after && /^\d+$/.test(input.after) ? Number(input.after) : 0
      const found = row < 0 ? undefined : page(from, to, row, after, ASSOCIATION_LIMITS.pageSize)
      if (!found || found.total === 0) {
        errors.push({
          status: 'error',
          category: 'OBJECT_NOT_FOUND',
          subCategory: 'crm.associations.NO_ASSOCIATIONS_FOUND',
          message: `No ${SINGULAR_NAMES[to]} is associated with ${SINGULAR_NAMES[from]} ${input.id}.`,
          context: { fromObjectId: [input.id], toObjectType: [to] },
          errors: [],
          links: {},
        })
        continue
      }
      const result: Record<string, unknown> = { from: { id: input.id }, to: found.slice }
      if (found.next) result.paging = { next: { after: found.next } }
      results.push(result)
    }
    const { body: out, status } = batchResponse(results, errors, startedAt, context.store.now())
    return exactJsonResponse(out, status)
  }

  async function listForRecord({ params, url }: RouteContext<SingleParams>): Promise<Response> {
    const from = toObjectType(params.objectType)
    const to = toObjectType(params.toObjectType)
    if (!from || !to)
      return invalid(
        `Unable to infer object type from: ${from ? params.toObjectType : params.objectType}`,
      ).response
    const limit = intParam(
      url,
      'limit',
      ASSOCIATION_LIMITS.pageSize,
      1,
      ASSOCIATION_LIMITS.pageSize,
    )
    if (!limit.ok) return limit.response
    const afterRaw = url.searchParams.get('after') ?? '0'
    if (!/^\d+$/.test(afterRaw)) return invalid(`Invalid value for 'after': '${afterRaw}'`).response
    const row = context.store.table(from).rowOf(params.objectId)
    if (row < 0) return jsonResponse({ results: [] })
    const found = page(from, to, row, Number(afterRaw), limit.value)
    const body: Record<string, unknown> = { results: found.slice }
    if (found.next)
      body.paging = {
        next: { after: found.next, link: `${url.origin}${url.pathname}?after=${found.next}` },
      }
    return exactJsonResponse(body)
  }

  /** v3: `GET /crm/v3/objects/{type}/{id}/associations/{toType}`, where a v3 read's `paging.next.link` leads. */
  async function listForRecordV3({ params, url }: RouteContext<SingleParams>): Promise<Response> {
    const from = toObjectType(params.objectType)
    const to = toObjectType(params.toObjectType)
    if (!from || !to)
      return invalid(
        `Unable to infer object type from: ${from ? params.toObjectType : params.objectType}`,
      ).response
    const limit = intParam(
      url,
      'limit',
      ASSOCIATION_LIMITS.pageSize,
      1,
      ASSOCIATION_LIMITS.pageSize,
    )
    if (!limit.ok) return limit.response
    const afterRaw = url.searchParams.get('after') ?? '0'
    if (!/^\d+$/.test(afterRaw)) return invalid(`Invalid value for 'after': '${afterRaw}'`).response
    const row = context.store.table(from).rowOf(params.objectId)
    if (row < 0) return jsonResponse({ results: [] })
    const targets = context.store.associations.targets(from, row, to)
    const table = context.store.table(to)
    const after = Number(afterRaw)
    const type = associationLabel(from, to)
    const results = targets
      .slice(after, after + limit.value)
      .map((target) => ({ id: table.idOf(target), type }))
    const body: Record<string, unknown> = { results }
    const next = after + limit.value
    if (next < targets.length)
      body.paging = {
        next: { after: String(next), link: `${url.origin}${url.pathname}?after=${next}` },
      }
    return jsonResponse(body)
  }

  /** Both records of a pair, or HubSpot's 400/404. */
  function recordPair(params: PairRecordParams) {
    const from = toObjectType(params.objectType)
    const to = toObjectType(params.toObjectType)
    if (!from || !to) {
      const name = from ? params.toObjectType : params.objectType
      return {
        ok: false as const,
        response: invalid(`Unable to infer object type from: ${name}`).response,
      }
    }
    const fromRow = context.store.table(from).rowOf(params.objectId)
    const toRow = context.store.table(to).rowOf(params.toObjectId)
    if (fromRow < 0 || toRow < 0) {
      const [type, id] = fromRow < 0 ? [from, params.objectId] : [to, params.toObjectId]
      const message = `No ${SINGULAR_NAMES[type]} with id ${id} exists.`
      return { ok: false as const, response: hubspotError(404, 'OBJECT_NOT_FOUND', message) }
    }
    return { ok: true as const, from, to, fromRow, toRow }
  }

  /** v4 `PUT …/associations/default/{toType}/{toId}`: HubSpot's default association, both ways. */
  async function createDefault({
    params,
    principal,
  }: RouteContext<PairRecordParams>): Promise<Response> {
    const startedAt = context.store.now()
    const pair = recordPair(params)
    if (!pair.ok) return pair.response
    const forward = associationTypeId(pair.from, pair.to)
    const backward = associationTypeId(pair.to, pair.from)
    if (forward === undefined || backward === undefined) {
      return invalid(`There is no default association from ${pair.from} to ${pair.to}`).response
    }
    context.store.associate(pair.from, pair.fromRow, pair.to, pair.toRow, apiSource(principal))
    const spec = (associationTypeId: number) => ({
      associationCategory: 'HUBSPOT_DEFINED',
      associationTypeId,
    })
    const results = [
      {
        from: { id: params.objectId },
        to: { id: params.toObjectId },
        associationSpec: spec(forward),
      },
      {
        from: { id: params.toObjectId },
        to: { id: params.objectId },
        associationSpec: spec(backward),
      },
    ]
    return jsonResponse(batchResponse(results, [], startedAt, context.store.now()).body)
  }

  /** v4 `DELETE …/associations/{toType}/{toId}`: removes every association of the pair; 204. */
  async function removeAssociation({
    params,
    principal,
  }: RouteContext<PairRecordParams>): Promise<Response> {
    const pair = recordPair(params)
    if (!pair.ok) return pair.response
    context.store.dissociate(pair.from, pair.fromRow, pair.to, pair.toRow, apiSource(principal))
    return new HttpResponse(null, { status: 204 })
  }

  return [
    route(
      context,
      {
        method: 'put',
        path: '/crm/v4/objects/:objectType/:objectId/associations/default/:toObjectType/:toObjectId',
        scopes: (p) => pairWriteScopes(p.objectType, p.toObjectType),
      },
      createDefault,
    ),
    route(
      context,
      {
        method: 'delete',
        path: '/crm/v4/objects/:objectType/:objectId/associations/:toObjectType/:toObjectId',
        scopes: (p) => pairWriteScopes(p.objectType, p.toObjectType),
      },
      removeAssociation,
    ),
    route(
      context,
      {
        method: 'get',
        path: '/crm/v3/objects/:objectType/:objectId/associations/:toObjectType',
        scopes: (p) => pairScopes(p.objectType, p.toObjectType),
      },
      listForRecordV3,
    ),
    route(
      context,
      {
        method: 'post',
        path: '/crm/v4/associations/:fromObjectType/:toObjectType/batch/read',
        scopes: (p) => pairScopes(p.fromObjectType, p.toObjectType),
        limit: 'daily',
      },
      batchRead,
    ),
    route(
      context,
      {
        method: 'get',
        path: '/crm/v4/objects/:objectType/:objectId/associations/:toObjectType',
        scopes: (p) => pairScopes(p.objectType, p.toObjectType),
      },
      listForRecord,
    ),
  ]
}
