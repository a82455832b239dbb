/**
 * The in-memory portal: records of every object type, their associations, property definitions and
 * history. Loading a fixture moves every time in it so that the fixture's `asOf` lands on "now".
 */
import { AssociationStore } from './association-store.ts'
import { type CellValue, parseTimestamp } from './columns.ts'
import type { Fixture, FixtureRecord, HistoryEntry } from './fixture.ts'
import { OBJECT_TYPES } from './object-types.ts'
import { PropertyRegistry } from './property-registry.ts'
import { RecordTable, type WriteContext } from './record-table.ts'
import { type ObjectType, SOURCE_TYPE, type StoredHistoryEntry } from './types.ts'

/** A fixture, or a function that makes one (so a large generated portal need not stay in memory). */
export type FixtureSource = Fixture | (() => Fixture)

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
  let state = loadPortal(typeof source === 'function' ? source() : source, now())
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
      state = loadPortal(typeof source === 'function' ? source() : source, now())
    },
  }
}

function loadPortal(fixture: Fixture, now: number): PortalState {
  const properties = new PropertyRegistry(new Date(now).toISOString())
  const associations = new AssociationStore()
  const tables = new Map<ObjectType, RecordTable>()
  const shiftMs = now - Date.parse(fixture.asOf)
  for (const type of OBJECT_TYPES) {
    const table = new RecordTable(type, (name) => {
      const def = properties.get(type, name)
      return def?.type === 'datetime' || def?.type === 'date' ? def.type : 'string'
    })
    tables.set(type, table)
    const records: readonly FixtureRecord[] = fixture[type]
    const context: WriteContext = { at: now, sourceType: SOURCE_TYPE.import, shiftMs }
    const at = new Date(now).toISOString()
    for (const record of records) {
      for (const name in record.properties) {
        if (!properties.get(type, name))
          properties.defineInferred(type, name, record.properties[name] ?? null, at)
      }
      const row = table.insert(Number(record.id), record.properties, context)
      if (record.propertyHistory)
        loadHistory(table, row, record.propertyHistory, properties, shiftMs)
    }
    table.finishLoading()
    if (type !== 'companies') linkCompanies(type, records, tables, associations)
  }
  return { portalId: fixture.portalId, properties, associations, tables }
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
