/**
 * The in-memory portal: records of every object type, their associations, property definitions and
 * history. Loading a fixture moves every time in it so that the fixture's `asOf` lands on "now".
 */
import { OBJECT_TYPES } from '../object-types.ts'
import { type ObjectType, SOURCE_TYPE } from '../types.ts'
import type { AssociationStore } from './association-store.ts'
import type { CellValue } from './columns.ts'
import type { Fixture, FixtureCompany, FixtureRecord, PropertyDeclarations } from './fixture.ts'
import { loadPortal, loadStreamed } from './portal-loader.ts'
import type { PropertyRegistry } from './property-registry.ts'
import type { RecordTable, WriteContext } from './record-table.ts'

/** One company and the records associated with it, as a generator yields them. */
export type PortalBundle = { company: FixtureCompany } & Partial<
  Record<Exclude<ObjectType, 'companies'>, FixtureRecord[]>
>

/**
 * A portal streamed one company at a time, so a 100,000-company portal is never held twice in
 * memory. `bundles()` is called again on `reset()`.
 */
export interface StreamedFixture extends PropertyDeclarations {
  portalId: number
  asOf: string
  bundles: () => Iterable<PortalBundle>
}

/** A fixture, a function that makes one, or a streamed portal. */
export type FixtureSource = Fixture | (() => Fixture) | StreamedFixture

export interface PortalStoreOptions {
  /** The clock, epoch ms; defaults to `Date.now`. */
  now?: () => number
}

/** One portal's data. `reset()` reloads the fixture, shifted to the current time. */
export interface PortalStore {
  readonly portalId: number
  readonly properties: PropertyRegistry
  readonly associations: AssociationStore
  now(): number
  table(type: ObjectType): RecordTable
  /** How many records of each type the portal holds. */
  counts(): Record<ObjectType, number>
  /** Adds a record with a fresh id and returns its row; every value is recorded in its history. */
  create(type: ObjectType, values: Record<string, CellValue>, sourceType?: string): number
  reset(): void
}

/** A loaded portal. */
export interface PortalState {
  portalId: number
  properties: PropertyRegistry
  associations: AssociationStore
  tables: Map<ObjectType, RecordTable>
}

/**
 * Builds a portal store from a fixture.
 * @example
 * const store = createPortalStore(parseFixture(json), { now: () => Date.parse('2026-11-01') })
 * store.table('companies').size
 */
export function createPortalStore(
  source: FixtureSource,
  options: PortalStoreOptions = {},
): PortalStore {
  const now = options.now ?? Date.now
  const load = (): PortalState => {
    if (typeof source === 'function') return loadPortal(source(), now())
    return 'bundles' in source ? loadStreamed(source, now()) : loadPortal(source, now())
  }
  let state = load()
  return {
    get portalId() {
      return state.portalId
    },
    get properties() {
      return state.properties
    },
    get associations() {
      return state.associations
    },
    now,
    table: (type) => state.tables.get(type) as RecordTable,
    counts() {
      const counts = {} as Record<ObjectType, number>
      for (const type of OBJECT_TYPES) counts[type] = state.tables.get(type)?.size ?? 0
      return counts
    },
    create(type, values, sourceType = SOURCE_TYPE.api) {
      const table = state.tables.get(type) as RecordTable
      const context: WriteContext = { at: now(), sourceType }
      const row = table.insert(table.nextId(), {}, context)
      table.write(row, values, context)
      return row
    },
    reset() {
      state = load()
    },
  }
}
