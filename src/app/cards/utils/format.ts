const DAY_MS = 86_400_000

/** `2026-11-20`: the UTC calendar date of an ISO-8601 moment or epoch milliseconds. */
export function formatDate(at: string | number): string {
  return new Date(at).toISOString().slice(0, 10)
}

/**
 * How long ago a moment was, in whole days: `today`, `yesterday`, `12 days ago`.
 * @example
 * formatAgo('2026-11-20T09:00:00Z', Date.parse('2026-11-23T10:00:00Z')) // '3 days ago'
 */
export function formatAgo(at: string | number, now: number): string {
  const days = Math.floor((now - new Date(at).getTime()) / DAY_MS)
  if (days <= 0) return 'today'
  if (days === 1) return 'yesterday'
  return `${days} days ago`
}

/** `+4`, `−12`, `0`: a signed point change with a real minus sign. */
export function formatChange(points: number): string {
  if (points > 0) return `+${points}`
  if (points < 0) return `−${Math.abs(points)}`
  return '0'
}

/** `1 point`, `12 points`. */
export function formatPoints(points: number): string {
  const rounded = Math.round(Math.abs(points) * 10) / 10
  return `${rounded} point${rounded === 1 ? '' : 's'}`
}
