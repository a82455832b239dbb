/**
 * `1 account`, `12 accounts`: a count with its noun, singular or plural.
 * @example
 * count(3, 'account') // '3 accounts'
 */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`
}
