/** The compact form the standard property tables are written in. */
import type { DefinitionFieldType, PropertyType } from '../../types.ts'

/**
 * `[name, label, 'type/fieldType', options?]`. A name ending in `!` is read-only: HubSpot sets or
 * calculates its value (every `calculation_*` field type is read-only too).
 */
export type StandardSpec = readonly [
  name: string,
  label: string,
  kind: `${PropertyType}/${DefinitionFieldType}`,
  options?: readonly string[],
]
