/**
 * Wraps a resolver with what HubSpot does around every API call, in order: call accounting,
 * latency, bearer auth (401), scopes (403), rate limits (429 + `X-HubSpot-RateLimit-*` headers)
 * and injected faults.
 */
import { delay, http, type HttpHandler, type PathParams } from 'msw'

import type { EmulatorContext } from './emulator-context.ts'
import { hubspotError } from './hubspot-error.ts'
import { toObjectType } from './object-types.ts'
import type { LimitPolicy } from './rate-limiter.ts'
import type { Principal } from './token-registry.ts'

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

/** A resolver behind the guard; it returns HubSpot-shaped responses, never throws them. */
export type RouteResolver<Params extends PathParams> = (
  context: RouteContext<Params>,
) => Response | Promise<Response>

export interface RouteSpec<Params extends PathParams> {
  method: 'get' | 'post' | 'patch' | 'delete'
  /** The path after the origin, msw style: `/crm/v3/objects/:objectType`. */
  path: string
  /** Scopes of which any one grants access; undefined lets the resolver answer (e.g. unknown type). */
  scopes?: (params: Params) => readonly string[] | undefined
  /** Budgets the call draws on; default `burst`. */
  limit?: LimitPolicy
  /** Whether a bearer token is required; default true. */
  auth?: boolean
  /** Whether `partial` faults apply (batch endpoints). */
  batch?: boolean
}

const SCOPES_URL = 'https://developers.hubspot.com/scopes'
const AUTH_DOCS = 'https://developers.hubspot.com/docs/methods/auth/oauth-overview'

/**
 * An msw handler for one API endpoint.
 * @example route(context, { method: 'get', path: '/crm/v3/pipelines/tickets' }, listPipelines)
 */
export function route<Params extends PathParams>(
  context: EmulatorContext,
  spec: RouteSpec<Params>,
  resolver: RouteResolver<Params>,
): HttpHandler {
  const segments = spec.path.split('/')
  const templateOf = (params: Params): string =>
    `${spec.method.toUpperCase()} ${segments
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

  return http[spec.method]<Params>(
    pathPredicate<Params>(spec.path),
    async function guarded({ request, params }) {
      context.stats.count(templateOf(params))
      if (context.latencyMs > 0) await delay(context.latencyMs)
      let principal: Principal | undefined
      if (spec.auth !== false) {
        const auth = context.tokens.authenticate(request.headers.get('authorization'))
        if (!auth.ok) {
          if (auth.reason === 'expired') {
            const message = `The OAuth token used to make this call expired ${auth.expiredSecondsAgo} second(s) ago.`
            return hubspotError(401, 'EXPIRED_AUTHENTICATION', message)
          }
          const message = `Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at ${AUTH_DOCS}`
          return hubspotError(401, 'INVALID_AUTHENTICATION', message)
        }
        principal = auth.principal
        const required = spec.scopes?.(params)
        if (required && !required.some((scope) => auth.principal.scopes.has(scope)))
          return missingScopes(required)
      }
      const verdict = context.limiter.check(
        spec.limit ?? 'burst',
        principal?.appKey ?? 'anonymous',
        principal?.kind !== 'oauth',
      )
      if (!verdict.ok) {
        context.stats.countRateLimited()
        return verdict.response
      }
      const fault = spec.limit === 'none' ? undefined : context.faults.draw(spec.batch === true)
      if (fault?.kind === 'status') {
        if (fault.status === 429) {
          context.stats.countRateLimited()
          return context.limiter.tooManyRequests()
        }
        return hubspotError(
          fault.status,
          'INTERNAL_ERROR',
          'Injected fault: the server failed to answer.',
        )
      }
      if (fault?.kind === 'timeout') return hang(context, request)
      const url = new URL(request.url)
      const partialFault = fault?.kind === 'partial'
      const response = await resolver({ request, params, url, principal, partialFault })
      for (const [name, value] of Object.entries(verdict.headers)) response.headers.set(name, value)
      return response
    },
  )
}

/**
 * A precompiled matcher for `path` on any origin. @note msw compiles a string path on every request
 * it tries, which dominated the emulator's per-request cost; a RegExp built once is much cheaper.
 */
function pathPredicate<Params extends PathParams>(path: string) {
  const names: string[] = []
  const source = path
    .split('/')
    .map((segment) => {
      if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      names.push(segment.slice(1))
      return '([^/]+)'
    })
    .join('/')
  const pattern = new RegExp(`^${source}/?$`)
  return function matchesPath({ request }: { request: Request }): {
    matches: boolean
    params: Params
  } {
    const start = request.url.indexOf('/', request.url.indexOf('//') + 2)
    const end = request.url.indexOf('?', start)
    const match = pattern.exec(
      start < 0 ? '/' : request.url.slice(start, end < 0 ? undefined : end),
    )
    const params: Record<string, string> = {}
    if (match)
      names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1] as string)))
    return { matches: match !== null, params: params as Params }
  }
}

function missingScopes(required: readonly string[]): Response {
  return hubspotError(
    403,
    'MISSING_SCOPES',
    `This app hasn't been granted all required scopes to make this call. Read more about required scopes here: ${SCOPES_URL}.`,
    {
      errors: [
        {
          message: 'One or more of the following scopes are required.',
          context: { requiredGranularScopes: [...required] },
        },
      ],
      links: { scopes: SCOPES_URL },
    },
  )
}

/** Never answers, until the client gives up (abort) or the emulator closes. */
function hang(context: EmulatorContext, request: Request): Promise<Response> {
  return new Promise((resolve) => {
    const release = (): void => {
      context.hung.delete(release)
      resolve(hubspotError(504, 'INTERNAL_ERROR', 'Injected fault: the request timed out.'))
    }
    context.hung.add(release)
    request.signal.addEventListener('abort', release, { once: true })
  })
}
