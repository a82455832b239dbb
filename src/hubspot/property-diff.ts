/**
 * @module Which owned property values changed: compared by meaning (`72` = `72.0`, null = empty,
 * ISO = epoch ms), so an unchanged rerun writes nothing.
 */

/** The date-time property written only together with some other change. */
export const SCORED_AT_PROPERTY = 'health_scored_at'

/** When the tier last changed: a date-time compared by instant, like `health_scored_at`. */
export const TIER_CHANGED_AT_PROPERTY = 'health_tier_changed_at'

/** Property values as HubSpot returns them: strings, null, or absent. */
export type CurrentValues = Readonly<Record<string, string | null | undefined>>

type ValueKind = 'number' | 'datetime' | 'text'

const NUMBER_PROPERTIES = new Set([
  'health_score',
  'health_score_change_30d',
  'health_data_coverage',
])

function valueKind(name: string): ValueKind {
  if (name === SCORED_AT_PROPERTY || name === TIER_CHANGED_AT_PROPERTY) return 'datetime'
  return NUMBER_PROPERTIES.has(name) || /^health_[a-z0-9_]+_score$/.test(name) ? 'number' : 'text'
}

function parseTime(value: string): number {
  return /^-?\d{1,16}$/.test(value) ? Number(value) : Date.parse(value)
}

/** Whether two wire values of property `name` mean the same: `72` = `72.0`, null = ``, ISO = epoch ms. */
export function sameValue(
  name: string,
  a: string | null | undefined,
  b: string | null | undefined,
): boolean {
  const x = a?.trim() ?? ''
  const y = b?.trim() ?? ''
  if (x === y) return true
  if (x === '' || y === '') return false
  const kind = valueKind(name)
  if (kind === 'text') return false
  const [p, q] = kind === 'number' ? [Number(x), Number(y)] : [parseTime(x), parseTime(y)]
  return Number.isFinite(p) && Number.isFinite(q) && p === q
}

/**
 * The values of `desired` that differ from `current`, or null when nothing but `health_scored_at`
 * would change: workflows re-enrol on every write, so an unchanged rerun must write nothing. When
 * something changed, `health_scored_at` goes along with it.
 * @example
 * diffProperties(toPropertyValues(result, model), company.properties) // null, or { health_tier, health_scored_at }
 */
export function diffProperties(
  desired: Readonly<Record<string, string>>,
  current: CurrentValues,
): Record<string, string> | null {
  const changed: Record<string, string> = {}
  let any = false
  for (const [name, value] of Object.entries(desired)) {
    if (name === SCORED_AT_PROPERTY || sameValue(name, value, current[name])) continue
    changed[name] = value
    any = true
  }
  if (!any) return null
  const scoredAt = desired[SCORED_AT_PROPERTY]
  if (scoredAt !== undefined) changed[SCORED_AT_PROPERTY] = scoredAt
  return changed
}
