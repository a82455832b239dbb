/** `/crm/v3/objects/{type}/batch/{read,update,create}`: ≤ 100 inputs (≤ 50 with history), 207 on partial failure. */
import type { HttpHandler } from 'msw'
import { z } from 'zod'

import type { EmulatorContext } from '../http/emulator-context.ts'
import { jsonResponse } from '../http/hubspot-error.ts'
import { invalid, readBody } from '../http/request-input.ts'
import { route, type RouteContext } from '../http/route.ts'
import { definedProperties, resolveProperties, toPublicObject } from '../http/serialize.ts'
import { errorTypeName } from '../object-types.ts'
import { checkPropertyValues, invalidValuesMessage } from '../store/property-values.ts'
import type { ObjectType } from '../types.ts'
import {
  apiSource,
  batchResponse,
  commitCreate,
  createInputSchema,
  type ObjectParams,
  objectTypeParam,
  prepareCreate,
  type PreparedCreate,
  propertyValuesSchema,
  readScopes,
  writeScopes,
} from './shared.ts'

/** HubSpot's batch limits. */
export const BATCH_LIMITS = { inputs: 100, inputsWithHistory: 50 } as const

const idSchema = z.union([z.string(), z.number()]).transform(String)

const readSchema = z.object({
  inputs: z.array(z.object({ id: idSchema })),
  properties: z.array(z.string()).optional(),
  propertiesWithHistory: z.array(z.string()).optional(),
  idProperty: z.string().optional(),
})

const updateSchema = z.object({
  inputs: z.array(
    z.object({
      id: idSchema,
      properties: propertyValuesSchema,
      idProperty: z.string().optional(),
      objectWriteTraceId: z.string().optional(),
    }),
  ),
})

const createSchema = z.object({ inputs: z.array(createInputSchema) })

type ErrorEntry = Record<string, unknown>

function notFoundError(type: ObjectType, ids: string[], traceIds?: string[]): ErrorEntry {
  const context: Record<string, string[]> = { ids }
  if (traceIds?.length) context.objectWriteTraceId = traceIds
  return {
    status: 'error',
    category: 'OBJECT_NOT_FOUND',
    message: `Could not get some ${errorTypeName(type)} objects, they may be deleted or not exist. Check that ids are valid.`,
    context,
    errors: [],
    links: {},
  }
}

/** The error an injected `partial` fault puts in place of each failed input. */
function injectedError(ids: string[]): ErrorEntry {
  return {
    status: 'error',
    category: 'INTERNAL_ERROR',
    message: 'Injected fault: these inputs failed; retry them.',
    context: { ids },
    errors: [],
    links: {},
  }
}

/** A batch read's or update's answer: 200, or 207 when some inputs were missing or failed. */
function batchOutcome(
  type: ObjectType,
  outcome: { results: unknown[]; missing: string[]; failed: string[]; traces?: string[] },
  startedAt: number,
  completedAt: number,
): Response {
  const errors: ErrorEntry[] = []
  if (outcome.missing.length) errors.push(notFoundError(type, outcome.missing, outcome.traces))
  if (outcome.failed.length) errors.push(injectedError(outcome.failed))
  const { body, status } = batchResponse(outcome.results, errors, startedAt, completedAt)
  return jsonResponse(body, status)
}

function tooMany(limit: number, history: boolean): Response {
  const message = history
    ? `The maximum number of inputs supported in a batch request for property histories is ${limit}`
    : `Batch input limit exceeded: the maximum number of inputs supported in a batch request is ${limit}`
  return invalid(message).response
}

/** The handlers of the batch objects API. */
export function batchHandlers(context: EmulatorContext): HttpHandler[] {
  const base = '/crm/v3/objects/:objectType/batch'
  const failingOf = (partial: boolean, count: number): ReadonlySet<number> =>
    partial ? context.faults.failingInputs(count) : new Set()

  async function batchRead({
    params,
    request,
    url,
    partialFault,
  }: RouteContext<ObjectParams>): Promise<Response> {
    const type = objectTypeParam(params.objectType)
    if (!type.ok) return type.response
    const startedAt = context.store.now()
    const body = await readBody(request, readSchema, 'BatchReadInputSimplePublicObjectId')
    if (!body.ok) return body.response
    const { inputs, idProperty } = body.value
    const registry = context.store.properties
    const history = definedProperties(registry, type.value, body.value.propertiesWithHistory)
    const limit = history.length ? BATCH_LIMITS.inputsWithHistory : BATCH_LIMITS.inputs
    if (inputs.length > limit) return tooMany(limit, history.length > 0)
    if (idProperty && idProperty !== 'hs_object_id') {
      return invalid(`idProperty '${idProperty}' is not supported by the emulator; use record ids`)
        .response
    }
    if (url.searchParams.get('archived') === 'true')
      return jsonResponse(batchResponse([], [], startedAt, context.store.now()).body)
    const names = resolveProperties(registry, type.value, body.value.properties)
    const table = context.store.table(type.value)
    const failing = failingOf(partialFault, inputs.length)
    const results = []
    const missing: string[] = []
    const failed: string[] = []
    const seen = new Set<string>()
    for (const [i, { id }] of inputs.entries()) {
      if (failing.has(i)) failed.push(id)
      else if (seen.has(id)) continue
      else {
        seen.add(id)
        const row = table.rowOf(id)
        if (row < 0) missing.push(id)
        else results.push(toPublicObject(table, row, names, history))
      }
    }
    return batchOutcome(type.value, { results, missing, failed }, startedAt, context.store.now())
  }

  async function batchUpdate({
    params,
    request,
    partialFault,
    principal,
  }: RouteContext<ObjectParams>): Promise<Response> {
    const type = objectTypeParam(params.objectType)
    if (!type.ok) return type.response
    const startedAt = context.store.now()
    const body = await readBody(request, updateSchema, 'BatchInputSimplePublicObjectBatchInput')
    if (!body.ok) return body.response
    const { inputs } = body.value
    if (inputs.length > BATCH_LIMITS.inputs) return tooMany(BATCH_LIMITS.inputs, false)
    const ids = inputs.map((input) => input.id)
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i)
    if (duplicates.length)
      return invalid(
        `Duplicate IDs found in batch input: [${[...new Set(duplicates)].join(', ')}]. IDs must be unique`,
      ).response
    const registry = context.store.properties
    const checked = inputs.map((input) =>
      checkPropertyValues(registry, type.value, input.properties),
    )
    const issues = checked.flatMap((result) => (result.ok ? [] : result.issues))
    if (issues.length) return invalid(invalidValuesMessage(issues)).response
    const table = context.store.table(type.value)
    const failing = failingOf(partialFault, inputs.length)
    const write = { ...apiSource(principal), at: context.store.now() }
    const results = []
    const missing: string[] = []
    const traces: string[] = []
    const failed: string[] = []
    for (const [i, input] of inputs.entries()) {
      const result = checked[i]
      const row = table.rowOf(input.id)
      if (failing.has(i)) failed.push(input.id)
      else if (row < 0 || !result?.ok) {
        missing.push(input.id)
        if (input.objectWriteTraceId) traces.push(input.objectWriteTraceId)
      } else {
        table.write(row, result.values, write)
        const names = new Set([
          ...Object.keys(result.values),
          'createdate',
          'hs_lastmodifieddate',
          'hs_object_id',
        ])
        results.push(toPublicObject(table, row, [...names]))
      }
    }
    return batchOutcome(
      type.value,
      { results, missing, failed, traces },
      startedAt,
      context.store.now(),
    )
  }

  async function batchCreate({
    params,
    request,
    partialFault,
    principal,
  }: RouteContext<ObjectParams>): Promise<Response> {
    const type = objectTypeParam(params.objectType)
    if (!type.ok) return type.response
    const startedAt = context.store.now()
    const body = await readBody(request, createSchema, 'BatchInputSimplePublicObjectInputForCreate')
    if (!body.ok) return body.response
    const { inputs } = body.value
    if (inputs.length > BATCH_LIMITS.inputs) return tooMany(BATCH_LIMITS.inputs, false)
    const prepared: PreparedCreate[] = []
    for (const input of inputs) {
      const result = prepareCreate(context, type.value, input)
      if (!result.ok) return result.response
      prepared.push(result.value)
    }
    const failing = failingOf(partialFault, inputs.length)
    const table = context.store.table(type.value)
    const results = []
    const failedTraces: string[] = []
    for (const [i, item] of prepared.entries()) {
      if (failing.has(i)) {
        failedTraces.push(inputs[i]?.objectWriteTraceId ?? String(i))
        continue
      }
      const row = commitCreate(context, type.value, item, principal)
      const names = new Set([
        ...Object.keys(item.values),
        'createdate',
        'hs_lastmodifieddate',
        'hs_object_id',
      ])
      results.push(toPublicObject(table, row, [...names]))
    }
    const errors = failedTraces.length ? [injectedError(failedTraces)] : []
    const { body: out, status } = batchResponse(results, errors, startedAt, context.store.now())
    return jsonResponse(out, status === 200 ? 201 : status)
  }

  return [
    route(
      context,
      { method: 'post', path: `${base}/read`, scopes: readScopes, batch: true },
      batchRead,
    ),
    route(
      context,
      { method: 'post', path: `${base}/update`, scopes: writeScopes, batch: true },
      batchUpdate,
    ),
    route(
      context,
      { method: 'post', path: `${base}/create`, scopes: writeScopes, batch: true },
      batchCreate,
    ),
  ]
}
