import type { IssuePath } from './types.ts'

/**
 * Formats an issue path the way people write it: `components[2].weight`.
 * @example formatIssuePath(['components', 2, 'weight']) // 'components[2].weight'
 */
export function formatIssuePath(path: IssuePath | readonly PropertyKey[]): string {
  let out = ''
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`
    else out += out ? `.${String(key)}` : String(key)
  }
  return out || '(root)'
}
