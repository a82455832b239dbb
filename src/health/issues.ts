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

/**
 * A value quoted for a message, cut short when someone pasted a page into a field.
 * @example quote('8/10') // '"8/10"'
 */
export function quote(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 39)}…` : text)
}
