/**
 * One emulated endpoint: an msw handler whose resolver runs behind the policies' guards, in order:
 * call accounting, latency, bearer auth (401), scopes (403), rate limits (429 and the
 * `X-HubSpot-RateLimit-*` headers) and injected faults.
 */
import { http, type HttpHandler, type PathParams } from 'msw'

import { authenticate } from '../policies/auth.ts'
import { countCalls, endpointTemplate } from '../policies/call-accounting.ts'
import { injectFaults } from '../policies/faults.ts'
import { composeGuards, type Guard } from '../policies/guard.ts'
import { addLatency } from '../policies/latency.ts'
import type { LimitPolicy } from '../policies/rate-limiter.ts'
import { enforceRateLimits } from '../policies/rate-limits.ts'
import { requireScopes, type ScopesOf } from '../policies/scopes.ts'
import type { Principal } from '../policies/token-registry.ts'
import type { EmulatorContext } from './emulator-context.ts'
import { pathPredicate } from './path-predicate.ts'

/** What a guarded resolver receives. */
export interface RouteContext<Params extends PathParams> {
  request: Request
  params: Params
  url: URL
  /** The authenticated caller (absent on routes without auth). */
  principal: Principal | undefined
  /** Whether an injected `partial` fault fails some of this batch's inputs. */
  partialFault: boolean
}

/** A resolver behind the guards; it returns HubSpot-shaped responses, never throws them. */
export type RouteResolver<Params extends PathParams> = (
  context: RouteContext<Params>,
) => Response | Promise<Response>

export interface RouteSpec<Params extends PathParams> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete'
  /** The path after the origin, msw style: `/crm/v3/objects/:objectType`. */
  path: string
  /** Scopes of which any one grants access; undefined lets the resolver answer (e.g. unknown type). */
  scopes?: ScopesOf<Params>
  /** Budgets the call draws on; default `burst`. `none` also exempts it from faults. */
  limit?: LimitPolicy
  /** Whether a bearer token is required; default true. */
  auth?: boolean
  /** Whether `partial` faults apply (batch endpoints). */
  batch?: boolean
}

/** The guards a route runs, in order. */
export function routeGuards<Params extends PathParams>(
  context: EmulatorContext,
  spec: RouteSpec<Params>,
): Guard<Params>[] {
  const limit = spec.limit ?? 'burst'
  const scopes = spec.auth !== false ? spec.scopes : undefined
  const guards: Guard<Params>[] = [
    countCalls(context.stats, endpointTemplate(spec.method, spec.path), scopes),
    addLatency(context.latencyMs),
  ]
  if (spec.auth !== false) guards.push(authenticate(context.tokens))
  if (scopes) guards.push(requireScopes(scopes))
  if (limit !== 'none') {
    guards.push(enforceRateLimits(context.limiter, limit))
    guards.push(injectFaults(context, { batch: spec.batch === true }))
  }
  return guards
}

/**
 * An msw handler for one API endpoint.
 * @example route(context, { method: 'get', path: '/crm/v3/pipelines/tickets' }, listPipelines)
 */
export function route<Params extends PathParams>(
  context: EmulatorContext,
  spec: RouteSpec<Params>,
  resolver: RouteResolver<Params>,
): HttpHandler {
  const run = composeGuards<Params>(routeGuards(context, spec), async (call) =>
    resolver({
      request: call.request,
      params: call.params,
      url: new URL(call.request.url),
      principal: call.principal,
      partialFault: call.partialFault,
    }),
  )
  return http[spec.method]<Params>(
    pathPredicate<Params>(spec.path),
    function guarded({ request, params }) {
      return run({ request, params, principal: undefined, partialFault: false })
    },
  )
}
