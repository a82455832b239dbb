/** Path matching for the emulator's routes, compiled once per route. */
import type { PathParams } from 'msw'

/**
 * A precompiled matcher for `path` (msw style, `/crm/v3/objects/:objectType`) on any origin.
 * @note msw compiles a string path on every request it tries, which dominated the emulator's
 * per-request cost; a RegExp built once is much cheaper.
 */
export function pathPredicate<Params extends PathParams>(path: string) {
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
