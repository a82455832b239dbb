/**
 * The in-memory portal: records of every object type, their associations, property definitions and
 * history. Loading a fixture moves every time in it so that the fixture's `asOf` lands on "now".
 */
import { OBJECT_TYPES } from '../object-types.ts'
import { type ObjectType, SOURCE_TYPE } from '../types.ts'
import type { AssociationStore } from './association-store.ts'
import { ChangeFeed, type StoreChange } from './change-feed.ts'
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

/** Who makes a write: HubSpot's source type and the app whose token made it. */
export type WriteSource = Pick<WriteContext, 'sourceType' | 'appId'>

/** One portal's data. `reset()` reloads the fixture, shifted to the current time. */
export interface PortalStore {
  readonly portalId: number
  readonly properties: PropertyRegistry
  readonly associations: AssociationStore
  /** Changes made after loading: creations, changed values, new associations. */
  readonly changes: ChangeFeed
  now(): number
  table(type: ObjectType): RecordTable
  /** How many records of each type the portal holds. */
  counts(): Record<ObjectType, number>
  /** Adds a record with a fresh id and returns its row; every value is recorded in its history. */
  create(type: ObjectType, values: Record<string, CellValue>, source?: WriteSource): number
  /** Associates two records (both directions); false if they already were. */
  associate(
    from: ObjectType,
    fromRow: number,
    to: ObjectType,
    toRow: number,
    source?: WriteSource,
  ): boolean
  /** Removes the association of two records (both directions); false if there was none. */
  dissociate(
    from: ObjectType,
    fromRow: number,
    to: ObjectType,
    toRow: number,
    source?: WriteSource,
  ): boolean
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
  const changes = new ChangeFeed()
  const emit = (change: StoreChange) => changes.emit(change)
  const load = (): PortalState => {
    const loaded =
      typeof source === 'function'
        ? loadPortal(source(), now())
        : 'bundles' in source
          ? loadStreamed(source, now())
          : loadPortal(source, now())
    // @note Watching starts only now, so loading a fixture reports no changes.
    for (const table of loaded.tables.values()) table.observer = emit
    return loaded
  }
  let state = load()
  const tableOf = (type: ObjectType) => state.tables.get(type) as RecordTable
  const reportAssociation = (
    from: ObjectType,
    fromRow: number,
    to: ObjectType,
    toRow: number,
    source: WriteSource,
    removed: boolean,
  ) => {
    if (!changes.active) return
    const fromId = tableOf(from).idOf(fromRow)
    const toId = tableOf(to).idOf(toRow)
    const change = { kind: 'associationChange', at: now(), source, removed } as const
    // @note HubSpot fires an association event for each side (developers.hubspot.com/changelog/bugfix-webhook-associationchanges).
    emit({ ...change, type: from, id: fromId, toType: to, toId })
    emit({ ...change, type: to, id: toId, toType: from, toId: fromId })
  }
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
    changes,
    now,
    table: tableOf,
    counts() {
      const counts = {} as Record<ObjectType, number>
      for (const type of OBJECT_TYPES) counts[type] = state.tables.get(type)?.size ?? 0
      return counts
    },
    create(type, values, source = { sourceType: SOURCE_TYPE.api }) {
      const table = tableOf(type)
      const context: WriteContext = { ...source, at: now() }
      const row = table.insert(table.nextId(), {}, context)
      const { sourceType, appId } = context
      if (changes.active) {
        emit({
          kind: 'creation',
          type,
          id: table.idOf(row),
          at: context.at,
          source: { sourceType, appId },
        })
      }
      table.write(row, values, context)
      return row
    },
    associate(from, fromRow, to, toRow, source = { sourceType: SOURCE_TYPE.api }) {
      if (!state.associations.link(from, fromRow, to, toRow)) return false
      reportAssociation(from, fromRow, to, toRow, source, false)
      return true
    },
    dissociate(from, fromRow, to, toRow, source = { sourceType: SOURCE_TYPE.api }) {
      if (!state.associations.unlink(from, fromRow, to, toRow)) return false
      reportAssociation(from, fromRow, to, toRow, source, true)
      return true
    },
    reset() {
      state = load()
    },
  }
}
