/** @module The error raised when existing properties cannot hold the values the app writes. */

/** One existing property whose type cannot hold what the app writes. */
export interface SchemaConflict {
  readonly name: string
  /** `type/fieldType` the app needs, e.g. `number/number`. */
  readonly expected: string
  /** `type/fieldType` the portal has, e.g. `string/text`. */
  readonly found: string
}

/**
 * Existing company properties with the app's names but an incompatible type. Nothing was
 * overwritten: rename or delete them in HubSpot, then rerun.
 */
export class PropertySchemaError extends Error {
  readonly conflicts: readonly SchemaConflict[]

  constructor(conflicts: readonly SchemaConflict[]) {
    const lines = conflicts.map((c) => `  ${c.name}: expected ${c.expected}, found ${c.found}`)
    super(
      `${conflicts.length} existing company ${conflicts.length === 1 ? 'property conflicts' : 'properties conflict'} with the health properties; nothing was overwritten. Rename or delete ${conflicts.length === 1 ? 'it' : 'them'} in HubSpot, then rerun:\n${lines.join('\n')}`,
    )
    this.name = 'PropertySchemaError'
    this.conflicts = conflicts
  }
}
