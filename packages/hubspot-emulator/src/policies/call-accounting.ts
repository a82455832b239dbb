/** Call accounting: every API call counted under its endpoint template, and the 429s among them. */
import type { PathParams } from 'msw'

import { toObjectType } from '../object-types.ts'
import type { CallStats } from './call-stats.ts'
import type { Guard } from './guard.ts'
import type { ScopesOf } from './scopes.ts'

/**
 * The endpoint template a call is counted under: path parameters stay `{name}`, except object
 * types the emulator knows, which are spelled out (`POST /crm/v3/objects/companies/batch/read`).
 */
export function endpointTemplate(method: string, path: string): (params: PathParams) => string {
  const segments = path.split('/')
  const verb = method.toUpperCase()
  return (params) =>
    `${verb} ${segments
      .map((segment) => {
        if (!segment.startsWith(':')) return segment
        const name = segment.slice(1)
        const value = params[name]
        return /ObjectType$|^objectType$/.test(name) &&
          typeof value === 'string' &&
          toObjectType(value)
          ? value
          : `{${name}}`
      })
      .join('/')}`
}

/**
 * Counts the call under its template (with the scopes the endpoint accepts, when `scopesOf` says),
 * and counts it again as rate-limited when it ends in a 429.
 * @example countCalls(stats, endpointTemplate('get', '/crm/v3/objects/:objectType'))
 */
export function countCalls<Params extends PathParams>(
  stats: CallStats,
  templateOf: (params: Params) => string,
  scopesOf?: ScopesOf<Params>,
): Guard<Params> {
  return async function countCalls(call, next) {
    stats.count(templateOf(call.params), scopesOf?.(call.params))
    const response = await next()
    if (response.status === 429) stats.countRateLimited()
    return response
  }
}
