/**
 * Compact column storage for the record tables: one column per property, so a 100,000-company
 * portal with millions of engagements stays small (no object per record).
 */

/** A Float64Array that grows by doubling; unset slots read as NaN. */
export class GrowableFloat64 {
  private data: Float64Array
  length = 0

  constructor(capacity = 16) {
    this.data = new Float64Array(capacity).fill(Number.NaN)
  }

  get(index: number): number {
    return index < this.length ? (this.data[index] as number) : Number.NaN
  }

  set(index: number, value: number): void {
    if (index >= this.data.length) this.grow(index + 1)
    this.data[index] = value
    if (index >= this.length) this.length = index + 1
  }

  push(value: number): number {
    this.set(this.length, value)
    return this.length - 1
  }

  private grow(min: number): void {
    let capacity = this.data.length * 2
    while (capacity < min) capacity *= 2
    const next = new Float64Array(capacity).fill(Number.NaN)
    next.set(this.data)
    this.data = next
  }
}

/** Values a column can hold: the wire string, or nothing. */
export type CellValue = string | null

/** How many distinct values a string column interns before it stops (high-cardinality text). */
const INTERN_LIMIT = 4096

/** A column of strings; low-cardinality values are interned so equal values share memory. */
export class StringColumn {
  readonly kind = 'string'
  private readonly values: (string | undefined)[] = []
  private interned: Map<string, string> | null = new Map()

  get(row: number): CellValue {
    return this.values[row] ?? null
  }

  set(row: number, value: CellValue): void {
    if (value === null) {
      if (row < this.values.length) this.values[row] = undefined
      return
    }
    this.values[row] = this.intern(value)
  }

  private intern(value: string): string {
    const table = this.interned
    if (!table || value.length > 64) return value
    const known = table.get(value)
    if (known !== undefined) return known
    if (table.size >= INTERN_LIMIT) {
      this.interned = null
      return value
    }
    table.set(value, value)
    return value
  }
}

const DAY_MS = 86_400_000

/** Parses a wire date-time: epoch ms digits, or ISO-8601. NaN if neither. */
export function parseTimestamp(value: string): number {
  if (/^-?\d{1,16}$/.test(value)) return Number(value)
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return Number.NaN
  return Date.parse(value)
}

/**
 * A column of date-times (`datetime`) or dates (`date`), held as epoch ms and served as ISO strings.
 * A value that is not a time (typed by a human, say) is kept verbatim beside the numbers.
 */
export class TimeColumn {
  readonly kind = 'time'
  private readonly ms = new GrowableFloat64()
  private readonly verbatim = new Map<number, string>()

  constructor(readonly dateOnly: boolean) {}

  get(row: number): CellValue {
    const value = this.ms.get(row)
    if (Number.isNaN(value)) return this.verbatim.get(row) ?? null
    const iso = new Date(value).toISOString()
    return this.dateOnly ? iso.slice(0, 10) : iso
  }

  /** The value as epoch ms, NaN when absent or not a time. */
  getMs(row: number): number {
    return this.ms.get(row)
  }

  set(row: number, value: CellValue): void {
    this.verbatim.delete(row)
    if (value === null) {
      this.ms.set(row, Number.NaN)
      return
    }
    const parsed = parseTimestamp(value)
    if (Number.isNaN(parsed)) this.verbatim.set(row, value)
    this.setMs(row, parsed)
  }

  setMs(row: number, ms: number): void {
    this.ms.set(row, this.dateOnly && !Number.isNaN(ms) ? Math.floor(ms / DAY_MS) * DAY_MS : ms)
  }

  /** Sets a value loaded from a fixture, moved by `offsetMs` (dates by whole days). */
  setShifted(row: number, value: string, offsetMs: number): void {
    const parsed = parseTimestamp(value)
    if (Number.isNaN(parsed)) return this.set(row, value)
    this.setMs(row, parsed + (this.dateOnly ? Math.round(offsetMs / DAY_MS) * DAY_MS : offsetMs))
  }
}

/** Either column kind. */
export type Column = StringColumn | TimeColumn
