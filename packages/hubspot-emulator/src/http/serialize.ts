/** Records as HubSpot sends them: `SimplePublicObject` with string-or-null properties and ISO times. */
import { DEFAULT_PROPERTIES } from '../object-types.ts'
import type { PropertyRegistry } from '../store/property-registry.ts'
import { type RecordTable, SYSTEM_PROPERTIES } from '../store/record-table.ts'
import type { ObjectType } from '../types.ts'

/** `CollectionResponseAssociatedId`: one type's associations of a record, paged. */
export interface AssociatedIds {
  results: { id: string; type: string }[]
  paging?: { next: { after: string; link: string } }
}

/** The wire form of one record. */
export interface SimplePublicObject {
  id: string
  properties: Record<string, string | null>
  propertiesWithHistory?: Record<string, { value: string; timestamp: string; sourceType: string }[]>
  createdAt: string
  updatedAt: string
  archived: boolean
  associations?: Record<string, AssociatedIds>
}

const ALWAYS = [SYSTEM_PROPERTIES.created, SYSTEM_PROPERTIES.modified, SYSTEM_PROPERTIES.id]

/**
 * The property names a request gets: its defined names (undefined ones are ignored, as HubSpot
 * does) or the type's defaults, plus the three HubSpot always returns.
 */
export function resolveProperties(
  registry: PropertyRegistry,
  type: ObjectType,
  requested: readonly string[] | undefined,
): string[] {
  const names = requested?.length
    ? requested.filter((name) => registry.get(type, name))
    : DEFAULT_PROPERTIES[type]
  return [...new Set([...names, ...ALWAYS])]
}

/** Only the defined names of `requested` (for `propertiesWithHistory`). */
export function definedProperties(
  registry: PropertyRegistry,
  type: ObjectType,
  requested: readonly string[] | undefined,
): string[] {
  return requested?.filter((name) => registry.get(type, name)) ?? []
}

/** Serialises one record with the given property names. */
export function toPublicObject(
  table: RecordTable,
  row: number,
  properties: readonly string[],
  withHistory: readonly string[] = [],
): SimplePublicObject {
  const createdAt = new Date(table.created.getMs(row)).toISOString()
  const updatedAt = new Date(table.modified.getMs(row)).toISOString()
  const id = table.idOf(row)
  const values: Record<string, string | null> = {}
  for (const name of properties) {
    // @note The three system properties mirror id/createdAt/updatedAt; reusing them skips reformatting.
    values[name] =
      name === SYSTEM_PROPERTIES.created
        ? createdAt
        : name === SYSTEM_PROPERTIES.modified
          ? updatedAt
          : name === SYSTEM_PROPERTIES.id
            ? id
            : table.value(row, name)
  }
  const record: SimplePublicObject = {
    id,
    properties: values,
    createdAt,
    updatedAt,
    archived: false,
  }
  if (withHistory.length) {
    const history: NonNullable<SimplePublicObject['propertiesWithHistory']> = {}
    for (const name of withHistory) {
      history[name] = table.history(row, name).map((entry) => ({
        value: entry.value,
        timestamp: new Date(entry.timestamp).toISOString(),
        sourceType: entry.sourceType,
      }))
    }
    record.propertiesWithHistory = history
  }
  return record
}
