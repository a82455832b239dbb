/** `POST /crm/v3/objects/{type}/search`: 200 per page, 10,000 results at most, 5 requests/s, no rate-limit headers. */
import type { HttpHandler } from 'msw'
import { z } from 'zod'

import type { EmulatorContext } from '../http/emulator-context.ts'
import { jsonResponse } from '../http/hubspot-error.ts'
import { invalid, readBody } from '../http/request-input.ts'
import { route, type RouteContext } from '../http/route.ts'
import { resolveProperties, toPublicObject } from '../http/serialize.ts'
import { compileSearch, SEARCH_OPERATORS, type SearchSort } from '../store/search-engine.ts'
import { type ObjectParams, objectTypeParam, readScopes } from './shared.ts'

/** HubSpot's search limits. */
export const SEARCH_LIMITS = { pageSize: 200, maxResults: 10_000, queryLength: 3000 } as const

const scalar = z.union([z.string(), z.number(), z.boolean()]).transform(String)

const searchSchema = z.object({
  filterGroups: z
    .array(
      z.object({
        filters: z.array(
          z.object({
            propertyName: z.string(),
            operator: z.enum(SEARCH_OPERATORS),
            value: scalar.optional(),
            highValue: scalar.optional(),
            values: z.array(scalar).optional(),
          }),
        ),
      }),
    )
    .default([]),
  sorts: z
    .array(
      z.union([
        z.string(),
        z.object({
          propertyName: z.string(),
          direction: z.enum(['ASCENDING', 'DESCENDING']).default('ASCENDING'),
        }),
      ]),
    )
    .default([]),
  query: z.string().optional(),
  properties: z.array(z.string()).optional(),
  limit: z.number().int().min(0).optional(),
  after: z.union([z.string(), z.number()]).transform(String).optional(),
})

function toSort(sort: string | SearchSort): SearchSort {
  if (typeof sort !== 'string') return sort
  return sort.startsWith('-')
    ? { propertyName: sort.slice(1), direction: 'DESCENDING' }
    : { propertyName: sort, direction: 'ASCENDING' }
}

/** The search handler. */
export function searchHandlers(context: EmulatorContext): HttpHandler[] {
  const { searchLimits } = context

  async function search({ params, request, url }: RouteContext<ObjectParams>): Promise<Response> {
    const type = objectTypeParam(params.objectType)
    if (!type.ok) return type.response
    const body = await readBody(request, searchSchema, 'PublicObjectSearchRequest')
    if (!body.ok) return body.response
    const input = body.value
    const limit = input.limit ?? 10
    if (limit > SEARCH_LIMITS.pageSize) {
      return invalid(
        `Invalid input JSON: limit ${limit} exceeds the maximum of ${SEARCH_LIMITS.pageSize}`,
      ).response
    }
    const after = input.after === undefined || input.after === '' ? 0 : Number(input.after)
    if (!Number.isInteger(after) || after < 0)
      return invalid(`Invalid input JSON: after '${input.after}' is not a number`).response
    if (after >= SEARCH_LIMITS.maxResults) {
      return invalid(
        `Paging past ${SEARCH_LIMITS.maxResults} results is not supported (after=${after}); narrow the search with filters.`,
      ).response
    }
    if ((input.query?.length ?? 0) > SEARCH_LIMITS.queryLength) {
      return invalid(`The query is longer than ${SEARCH_LIMITS.queryLength} characters`).response
    }
    const groups = input.filterGroups.map((group) => group.filters)
    const total = groups.reduce((sum, filters) => sum + filters.length, 0)
    if (groups.length > searchLimits.maxFilterGroups) {
      return invalid(
        `Too many filter groups: ${groups.length}. The maximum is ${searchLimits.maxFilterGroups}.`,
      ).response
    }
    const crowded = groups.find((filters) => filters.length > searchLimits.maxFiltersPerGroup)
    if (crowded) {
      return invalid(
        `Too many filters in a group: ${crowded.length}. The maximum is ${searchLimits.maxFiltersPerGroup}.`,
      ).response
    }
    if (total > searchLimits.maxFilters) {
      return invalid(
        `Too many filters: ${total}. The maximum across all groups is ${searchLimits.maxFilters}.`,
      ).response
    }
    const table = context.store.table(type.value)
    const compiled = compileSearch(table, context.store.properties, {
      filterGroups: groups,
      sorts: input.sorts.map(toSort),
      query: input.query,
    })
    if (!compiled.ok) return invalid(compiled.message).response
    const rows = compiled.run()
    const names = resolveProperties(context.store.properties, type.value, input.properties)
    const end = Math.min(rows.length, after + limit, SEARCH_LIMITS.maxResults)
    const results = rows.slice(after, end).map((row) => toPublicObject(table, row, names))
    if (end >= rows.length) return jsonResponse({ total: rows.length, results })
    const next = String(end)
    return jsonResponse({
      total: rows.length,
      results,
      paging: { next: { after: next, link: `${url.origin}${url.pathname}?after=${next}` } },
    })
  }

  return [
    route(
      context,
      {
        method: 'post',
        path: '/crm/v3/objects/:objectType/search',
        scopes: readScopes,
        limit: 'search',
      },
      search,
    ),
  ]
}
