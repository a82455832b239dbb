/**
 * Checks values written through the API against the property definitions, the way HubSpot does:
 * unknown and read-only properties, numbers, enumeration options, dates. An empty string clears.
 */
import type { ObjectType } from '../types.ts'
import { parseTimestamp } from './columns.ts'
import type { PropertyRegistry } from './property-registry.ts'

/** One rejected value, in HubSpot's `Property values were not valid` list format. */
export interface PropertyValueIssue {
  isValid: false
  message: string
  error: string
  name: string
}

/** Normalised values (empty string becomes null), or the issues found. */
export type CheckedValues =
  { ok: true; values: Record<string, string | null> } | { ok: false; issues: PropertyValueIssue[] }

/** Validates `input` for a write to `type`. */
export function checkPropertyValues(
  registry: PropertyRegistry,
  type: ObjectType,
  input: Record<string, string | null>,
): CheckedValues {
  const issues: PropertyValueIssue[] = []
  const values: Record<string, string | null> = {}
  for (const [name, raw] of Object.entries(input)) {
    const def = registry.get(type, name)
    const issue = (error: string, message: string): void => {
      issues.push({ isValid: false, message, error, name })
    }
    if (!def) {
      issue('PROPERTY_DOESNT_EXIST', `Property "${name}" does not exist`)
      continue
    }
    if (def.modificationMetadata.readOnlyValue) {
      issue('READ_ONLY_VALUE', `"${name}" is a read only property; its value cannot be set.`)
      continue
    }
    if (raw === null || raw === '') {
      values[name] = null
      continue
    }
    if (def.type === 'number' && !/^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(raw.trim())) {
      issue('INVALID_LONG', `${raw} was not a valid number.`)
    } else if (def.type === 'bool' && raw !== 'true' && raw !== 'false') {
      issue('INVALID_BOOLEAN', `${raw} was not a valid boolean (true or false).`)
    } else if (
      (def.type === 'datetime' || def.type === 'date') &&
      Number.isNaN(parseTimestamp(raw))
    ) {
      issue('INVALID_DATE', `${raw} was not a valid date: use epoch milliseconds or ISO-8601.`)
    } else if (def.type === 'date' && parseTimestamp(raw) % 86_400_000 !== 0) {
      issue('INVALID_DATE', `${raw} is not midnight UTC; a date property needs midnight UTC.`)
    } else if (def.type === 'enumeration' && def.options.length > 0) {
      const allowed = new Set(def.options.map((option) => option.value))
      const bad = raw.split(';').filter((part) => !allowed.has(part))
      if (bad.length)
        issue(
          'INVALID_OPTION',
          `${bad.join(';')} was not one of the allowed options: [${[...allowed].join(', ')}]`,
        )
    }
    values[name] = raw
  }
  return issues.length ? { ok: false, issues } : { ok: true, values }
}

/** HubSpot's 400 message for invalid property values. */
export function invalidValuesMessage(issues: PropertyValueIssue[]): string {
  return `Property values were not valid: ${JSON.stringify(issues.map((issue) => ({ ...issue, localizedErrorMessage: issue.message })))}`
}
