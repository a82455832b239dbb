/**
 * The in-memory portal: records of every object type, their associations, property definitions and
 * history. Loading a fixture moves every time in it so that the fixture's `asOf` lands on "now".
 */
import { AssociationStore } from './association-store.ts'
import { type CellValue, parseTimestamp } from './columns.ts'
import type { Fixture, FixtureCompany, FixtureRecord, HistoryEntry } from './fixture.ts'
import { OBJECT_TYPES } from '../object-types.ts'
import { PropertyRegistry } from './property-registry.ts'
import { RecordTable, type WriteContext } from './record-table.ts'
import { type ObjectType, SOURCE_TYPE, type StoredHistoryEntry } from '../types.ts'

/** One company and the records associated with it, as a generator yields them. */
export type PortalBundle = { company: FixtureCompany } & Partial<
  Record<Exclude<ObjectType, 'companies'>, FixtureRecord[]>
>

/**
 * A portal streamed one company at a time, so a 100,000-company portal is never held twice in
 * memory. `bundles()` is called again on `reset()`.
 */
export interface StreamedFixture {
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

interface PortalState {
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

/** Inserts fixture records into fresh tables, defining unknown properties and shifting times. */
class PortalLoader {
  readonly properties: PropertyRegistry
  readonly associations = new AssociationStore()
  readonly tables = new Map<ObjectType, RecordTable>()
  private readonly context: WriteContext
  private readonly at: string

  constructor(
    private readonly now: number,
    asOf: string,
  ) {
    this.at = new Date(now).toISOString()
    this.properties = new PropertyRegistry(this.at)
    this.context = { at: now, sourceType: SOURCE_TYPE.import, shiftMs: now - Date.parse(asOf) }
    for (const type of OBJECT_TYPES) {
      this.tables.set(
        type,
        new RecordTable(type, (name) => {
          const def = this.properties.get(type, name)
          return def?.type === 'datetime' || def?.type === 'date' ? def.type : 'string'
        }),
      )
    }
  }

  table(type: ObjectType): RecordTable {
    return this.tables.get(type) as RecordTable
  }

  insert(type: ObjectType, record: FixtureRecord): number {
    const { properties } = this
    for (const name in record.properties) {
      if (!properties.get(type, name))
        properties.defineInferred(type, name, record.properties[name] ?? null, this.at)
    }
    const table = this.table(type)
    const row = table.insert(Number(record.id), record.properties, this.context)
    if (record.propertyHistory)
      loadHistory(table, row, record.propertyHistory, properties, this.context.shiftMs ?? 0)
    return row
  }

  finish(portalId: number): PortalState {
    for (const table of this.tables.values()) table.finishLoading()
    return {
      portalId,
      properties: this.properties,
      associations: this.associations,
      tables: this.tables,
    }
  }
}

function loadPortal(fixture: Fixture, now: number): PortalState {
  const loader = new PortalLoader(now, fixture.asOf)
  for (const type of OBJECT_TYPES) {
    const records: readonly FixtureRecord[] = fixture[type]
    for (const record of records) loader.insert(type, record)
    loader.table(type).finishLoading()
    if (type !== 'companies') linkCompanies(type, records, loader.tables, loader.associations)
  }
  return loader.finish(fixture.portalId)
}

function loadStreamed(source: StreamedFixture, now: number): PortalState {
  const loader = new PortalLoader(now, source.asOf)
  const deferred: { type: ObjectType; row: number; companyId: string }[] = []
  for (const bundle of source.bundles()) {
    const companyRow = loader.insert('companies', bundle.company)
    for (const type of OBJECT_TYPES) {
      if (type === 'companies') continue
      for (const record of bundle[type] ?? []) {
        const row = loader.insert(type, record)
        for (const companyId of new Set(record.companyIds ?? [])) {
          if (companyId === bundle.company.id)
            loader.associations.link('companies', companyRow, type, row, false)
          else deferred.push({ type, row, companyId })
        }
      }
    }
  }
  const state = loader.finish(source.portalId)
  const companies = loader.table('companies')
  for (const { type, row, companyId } of deferred) {
    const companyRow = companies.rowOf(companyId)
    if (companyRow >= 0) state.associations.link('companies', companyRow, type, row)
  }
  return state
}

function linkCompanies(
  type: ObjectType,
  records: readonly FixtureRecord[],
  tables: Map<ObjectType, RecordTable>,
  associations: AssociationStore,
): void {
  const companies = tables.get('companies') as RecordTable
  const table = tables.get(type) as RecordTable
  for (const record of records) {
    if (!record.companyIds?.length) continue
    const row = table.rowOf(record.id)
    for (const companyId of new Set(record.companyIds)) {
      const companyRow = companies.rowOf(companyId)
      if (companyRow >= 0) associations.link('companies', companyRow, type, row, false)
    }
  }
}

function loadHistory(
  table: RecordTable,
  row: number,
  history: Record<string, HistoryEntry[]>,
  properties: PropertyRegistry,
  shiftMs: number,
): void {
  for (const name in history) {
    const def = properties.get(table.type, name)
    const isTime = def?.type === 'datetime' || def?.type === 'date'
    const entries: StoredHistoryEntry[] = (history[name] ?? []).map((entry) => ({
      value:
        isTime && entry.value
          ? shiftValue(entry.value, shiftMs, def?.type === 'date')
          : (entry.value ?? ''),
      timestamp: Date.parse(entry.timestamp) + shiftMs,
      sourceType: entry.sourceType ?? SOURCE_TYPE.crmUi,
    }))
    table.loadHistory(row, name, entries)
  }
}

function shiftValue(value: string, shiftMs: number, dateOnly: boolean): string {
  const ms = parseTimestamp(value)
  if (Number.isNaN(ms)) return value
  const day = 86_400_000
  const iso = new Date(ms + (dateOnly ? Math.round(shiftMs / day) * day : shiftMs)).toISOString()
  return dateOnly ? iso.slice(0, 10) : iso
}
