/**
 * @module Record ids, kept exact. HubSpot ids are positive 64-bit integers written in digits; past
 * 2^53 two of them can be the same JavaScript number, so ids are compared and stored as their digits
 * (numbers only where that is exact).
 */
import { GrowableFloat64 } from './columns.ts'

/** The largest id HubSpot can hand out: ids are signed 64-bit integers. */
export const MAX_RECORD_ID = '9223372036854775807'

/** Why a value is not a record id, for messages. */
export const RECORD_ID_RULE = 'a HubSpot id is a positive whole number in digits, at most 2^63-1'

/**
 * Whether `id` is a record id in canonical form: digits, no leading zero, 1 to 2^63-1.
 * @example
 * isRecordId('101') // true
 * isRecordId('0101') // false
 */
export function isRecordId(id: string): boolean {
  return /^[1-9]\d{0,18}$/.test(id) && compareRecordIds(id, MAX_RECORD_ID) <= 0
}

/**
 * The canonical form of an id read from a URL or a request body (`007` is record 7), or null
 * when it is not an id at all.
 * @example
 * canonicalRecordId('007') // '7'
 * canonicalRecordId('7a') // null
 */
export function canonicalRecordId(id: string): string | null {
  if (!/^\d{1,40}$/.test(id)) return null
  const canonical = id.replace(/^0+(?=\d)/, '')
  return isRecordId(canonical) ? canonical : null
}

/**
 * Orders two canonical ids as the numbers they are: the longer is larger, then digit by digit.
 * @example
 * compareRecordIds('9', '10') // negative
 */
export function compareRecordIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length
  return a < b ? -1 : a > b ? 1 : 0
}

/** The id after `id`, exactly. */
export function nextRecordId(id: string): string {
  const n = Number(id)
  return Number.isSafeInteger(n + 1) ? String(n + 1) : String(BigInt(id) + 1n)
}

/** `id` as a number when that number is exact, else NaN. */
function exactNumber(id: string): number {
  const n = Number(id)
  return Number.isSafeInteger(n) ? n : Number.NaN
}

/**
 * The ids of a table's rows. Ids up to 2^53 sit in a Float64Array (8 bytes a record); larger ones,
 * which a float would round onto their neighbours, are kept as strings beside it.
 */
export class IdColumn {
  private readonly exact = new GrowableFloat64()
  private readonly large = new Map<number, string>()

  get length(): number {
    return this.exact.length
  }

  /** Appends a canonical id and returns its row. */
  push(id: string): number {
    const n = exactNumber(id)
    const row = this.exact.push(n)
    if (Number.isNaN(n)) this.large.set(row, id)
    return row
  }

  get(row: number): string {
    const n = this.exact.get(row)
    return Number.isNaN(n) ? (this.large.get(row) ?? '') : String(n)
  }

  /** Orders two rows by id. */
  compareRows(a: number, b: number): number {
    const x = this.exact.get(a)
    const y = this.exact.get(b)
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y
    return compareRecordIds(this.get(a), this.get(b))
  }

  /** Orders a row's id against a canonical id. */
  compareTo(row: number, id: string): number {
    const x = this.exact.get(row)
    const y = exactNumber(id)
    if (!Number.isNaN(x) && !Number.isNaN(y)) return x - y
    return compareRecordIds(this.get(row), id)
  }
}
