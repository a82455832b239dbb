/**
 * One object type's records, stored column-wise, with ids kept sorted for lookup and paging. Ids are
 * exact (see record-ids.ts): two ids are the same record only when their digits are.
 */
import type { ObjectType, StoredHistoryEntry } from '../types.ts'
import type { ChangeListener } from './change-feed.ts'
import { type CellValue, type Column, StringColumn, TimeColumn } from './columns.ts'
import {
  canonicalRecordId,
  compareRecordIds,
  IdColumn,
  MAX_RECORD_ID,
  nextRecordId,
} from './record-ids.ts'

/** How a table learns whether a property holds times, dates or strings. */
export type ColumnKindOf = (name: string) => 'datetime' | 'date' | 'string'

/** Properties every record has, kept in sync with `id`, `createdAt` and `updatedAt`. */
export const SYSTEM_PROPERTIES = {
  id: 'hs_object_id',
  created: 'createdate',
  modified: 'hs_lastmodifieddate',
} as const

/** A write to one record: the new values plus who made it and when. */
export interface WriteContext {
  at: number
  sourceType: string
  /** Fixture loads move time values by this much; API writes leave it at 0. */
  shiftMs?: number
  /** The app whose token made the write (webhooks report it as `sourceId`). */
  appId?: number
}

/** The records of one object type. */
export class RecordTable {
  private readonly ids = new IdColumn()
  private readonly columns = new Map<string, Column>()
  private readonly histories = new Map<number, Map<string, StoredHistoryEntry[]>>()
  /** Rows in id order when rows were not inserted in id order; null means row order is id order. */
  private sorted: number[] | null = null
  private unsorted = false
  private maxId = '0'
  readonly created: TimeColumn
  readonly modified: TimeColumn
  /** Told of every value `write` really changes; the portal store sets it once a fixture is loaded. */
  observer: ChangeListener | undefined

  constructor(
    readonly type: ObjectType,
    private readonly kindOf: ColumnKindOf,
  ) {
    this.created = this.column(SYSTEM_PROPERTIES.created) as TimeColumn
    this.modified = this.column(SYSTEM_PROPERTIES.modified) as TimeColumn
  }

  /** Number of records. */
  get size(): number {
    return this.ids.length
  }

  /** The id a new record gets: above every existing one, so id order stays row order. */
  nextId(): string {
    if (this.maxId === MAX_RECORD_ID)
      throw new Error(`${this.type}: every id up to 2^63-1 is taken`)
    this.maxId = nextRecordId(this.maxId)
    return this.maxId
  }

  /** The row of record `id` (digits; leading zeros are ignored, as HubSpot ignores them), or -1. */
  rowOf(id: string): number {
    const target = canonicalRecordId(id)
    if (target === null) return -1
    let lo = 0
    let hi = this.size - 1
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1
      const row = this.rowAt(mid)
      const order = this.ids.compareTo(row, target)
      if (order === 0) return row
      if (order < 0) lo = mid + 1
      else hi = mid - 1
    }
    return -1
  }

  /** The row at position `rank` in id order. */
  rowAt(rank: number): number {
    return this.sorted ? (this.sorted[rank] ?? -1) : rank
  }

  /** The position in id order of the first record whose id is at least `id` (digits). */
  rankFrom(id: string): number {
    if (/^0*$/.test(id)) return 0
    const target = canonicalRecordId(id)
    if (target === null) return this.size
    let lo = 0
    let hi = this.size
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.ids.compareTo(this.rowAt(mid), target) < 0) lo = mid + 1
      else hi = mid
    }
    return lo
  }

  /** The id of `row`, exactly as it was given. */
  idOf(row: number): string {
    return this.ids.get(row)
  }

  /** Orders two rows by id, as numbers. */
  compareIds(a: number, b: number): number {
    return this.ids.compareRows(a, b)
  }

  /** The wire value of `name` on `row` (null when absent). */
  value(row: number, name: string): CellValue {
    if (name === SYSTEM_PROPERTIES.id) return this.idOf(row)
    return this.columns.get(name)?.get(row) ?? null
  }

  /** The value of a date or date-time property as epoch ms (NaN when absent or not a time). */
  timeOf(row: number, name: string): number {
    const column = this.columns.get(name)
    return column?.kind === 'time' ? column.getMs(row) : Number.NaN
  }

  /**
   * Adds a record. Ids must be canonical (see `isRecordId`); inserting out of id order, or an id
   * twice, is allowed while loading: `finishLoading()` sorts, and `duplicateId()` finds the repeat.
   */
  insert(id: string, values: Record<string, CellValue>, context: WriteContext): number {
    const row = this.ids.push(id)
    if (row > 0 && compareRecordIds(id, this.maxId) <= 0) this.unsorted = true
    else this.maxId = id
    this.sorted?.push(row)
    for (const name in values) this.put(row, name, values[name] ?? null, context.shiftMs ?? 0)
    if (Number.isNaN(this.created.getMs(row))) this.created.setMs(row, context.at)
    if (Number.isNaN(this.modified.getMs(row))) this.modified.setMs(row, this.created.getMs(row))
    return row
  }

  /** Sorts the id index if records were loaded out of order. */
  finishLoading(): void {
    if (!this.unsorted) return
    const order = Array.from({ length: this.size }, (_, i) => i)
    order.sort((a, b) => this.ids.compareRows(a, b))
    this.sorted = order
    this.unsorted = false
  }

  /** An id held by two records, or null; call after `finishLoading()`. */
  duplicateId(): string | null {
    const order = this.sorted
    if (!order) return null
    for (let rank = 1; rank < order.length; rank++) {
      const row = order[rank] as number
      if (this.ids.compareRows(order[rank - 1] as number, row) === 0) return this.idOf(row)
    }
    return null
  }

  /** Writes values (null clears), records each in the property's history and bumps the modified date. */
  write(row: number, values: Record<string, CellValue>, context: WriteContext): void {
    const { observer } = this
    for (const name in values) {
      const value = values[name] ?? null
      const before = observer ? this.value(row, name) : null
      this.recordHistory(row, name, value, context)
      this.put(row, name, value, 0)
      if (!observer || name === SYSTEM_PROPERTIES.id) continue
      const after = this.value(row, name)
      // @note HubSpot sends propertyChange only when the value changes; a same-value write is silent.
      if (after === before) continue
      observer({
        kind: 'propertyChange',
        type: this.type,
        id: this.idOf(row),
        at: context.at,
        source: { sourceType: context.sourceType, appId: context.appId },
        propertyName: name,
        propertyValue: after ?? '',
      })
    }
    this.modified.setMs(row, context.at)
  }

  /** Adds history entries given by a fixture (already shifted), newest first afterwards. */
  loadHistory(row: number, name: string, entries: StoredHistoryEntry[]): void {
    const list = this.historyList(row, name)
    list.push(...entries)
    list.sort((a, b) => b.timestamp - a.timestamp)
  }

  /**
   * The history of `name` on `row`, newest first. A property never written through the API has one
   * entry: its current value, stamped with the record's create date.
   */
  history(row: number, name: string): StoredHistoryEntry[] {
    const stored = this.histories.get(row)?.get(name)
    if (stored) return stored
    const value = this.value(row, name)
    if (value === null) return []
    return [{ value, timestamp: this.created.getMs(row), sourceType: 'IMPORT' }]
  }

  private recordHistory(row: number, name: string, value: CellValue, context: WriteContext): void {
    const hadHistory = this.histories.get(row)?.has(name) ?? false
    const initial = hadHistory ? [] : this.history(row, name)
    const list = this.historyList(row, name)
    if (initial.length) list.push(...initial)
    list.unshift({ value: value ?? '', timestamp: context.at, sourceType: context.sourceType })
  }

  private historyList(row: number, name: string): StoredHistoryEntry[] {
    let byName = this.histories.get(row)
    if (!byName) this.histories.set(row, (byName = new Map()))
    let list = byName.get(name)
    if (!list) byName.set(name, (list = []))
    return list
  }

  private put(row: number, name: string, value: CellValue, shiftMs: number): void {
    if (name === SYSTEM_PROPERTIES.id) return
    const column = this.column(name)
    if (column.kind === 'time' && value !== null && shiftMs !== 0)
      column.setShifted(row, value, shiftMs)
    else column.set(row, value)
  }

  private column(name: string): Column {
    let column = this.columns.get(name)
    if (!column) {
      const kind = this.kindOf(name)
      column = kind === 'string' ? new StringColumn() : new TimeColumn(kind === 'date')
      this.columns.set(name, column)
    }
    return column
  }
}
