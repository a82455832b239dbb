/**
 * Evaluates CRM search requests over a record table: filters (ANDed within a group, groups ORed),
 * a free-text query, and sorts, comparing values by their property type.
 */
import { SEARCHABLE_PROPERTIES } from '../object-types.ts'
import type { PropertyDefinition } from '../types.ts'
import { parseTimestamp } from './columns.ts'
import type { PropertyRegistry } from './property-registry.ts'
import { type RecordTable, SYSTEM_PROPERTIES } from './record-table.ts'

/** The search operators HubSpot accepts. */
export const SEARCH_OPERATORS = [
  'EQ',
  'NEQ',
  'LT',
  'LTE',
  'GT',
  'GTE',
  'BETWEEN',
  'IN',
  'NOT_IN',
  'HAS_PROPERTY',
  'NOT_HAS_PROPERTY',
  'CONTAINS_TOKEN',
  'NOT_CONTAINS_TOKEN',
] as const
export type SearchOperator = (typeof SEARCH_OPERATORS)[number]

export interface SearchFilter {
  propertyName: string
  operator: SearchOperator
  value?: string
  highValue?: string
  values?: string[]
}

export interface SearchSort {
  propertyName: string
  direction: 'ASCENDING' | 'DESCENDING'
}

/** A compiled search, or the reason it cannot run. */
export type CompiledSearch = { ok: true; run: () => number[] } | { ok: false; message: string }

type Key = number | string | null
type RowPredicate = (row: number) => boolean

/** Compiles filters, query and sorts against `table`; `run()` returns matching rows in order. */
export function compileSearch(
  table: RecordTable,
  registry: PropertyRegistry,
  request: { filterGroups: SearchFilter[][]; sorts: SearchSort[]; query?: string },
): CompiledSearch {
  const groups: RowPredicate[][] = []
  for (const filters of request.filterGroups) {
    const group: RowPredicate[] = []
    for (const filter of filters) {
      const def = registry.get(table.type, filter.propertyName)
      if (!def)
        return {
          ok: false,
          message: `Property "${filter.propertyName}" does not exist on ${table.type}`,
        }
      const predicate = compileFilter(table, def, filter)
      if (typeof predicate === 'string') return { ok: false, message: predicate }
      group.push(predicate)
    }
    groups.push(group)
  }
  const sorts: { key: (row: number) => Key; sign: number }[] = []
  for (const sort of request.sorts) {
    const def = registry.get(table.type, sort.propertyName)
    if (!def)
      return {
        ok: false,
        message: `Property "${sort.propertyName}" does not exist on ${table.type}`,
      }
    sorts.push({ key: keyOf(table, def), sign: sort.direction === 'DESCENDING' ? -1 : 1 })
  }
  const query = request.query?.trim().toLowerCase()
  const searchable = SEARCHABLE_PROPERTIES[table.type].filter((name) =>
    registry.get(table.type, name),
  )
  const matchesQuery = (row: number): boolean =>
    !query ||
    searchable.some((name) => table.value(row, name)?.toLowerCase().includes(query) ?? false)
  const matches = (row: number): boolean =>
    matchesQuery(row) &&
    (groups.length === 0 || groups.some((group) => group.every((test) => test(row))))
  return {
    ok: true,
    run() {
      const rows: number[] = []
      for (let rank = 0; rank < table.size; rank++) {
        const row = table.rowAt(rank)
        if (matches(row)) rows.push(row)
      }
      if (sorts.length) rows.sort((a, b) => compareRows(a, b, sorts) || table.compareIds(a, b))
      return rows
    },
  }
}

function compareRows(
  a: number,
  b: number,
  sorts: { key: (row: number) => Key; sign: number }[],
): number {
  for (const { key, sign } of sorts) {
    const x = key(a)
    const y = key(b)
    if (x === y) continue
    if (x === null) return 1
    if (y === null) return -1
    return (x < y ? -1 : 1) * sign
  }
  return 0
}

/** Ids compare as numbers, exactly, once zero-padded to the 19 digits of the largest. */
const idKey = (id: string): string => id.padStart(19, '0')

function keyOf(table: RecordTable, def: PropertyDefinition): (row: number) => Key {
  const name = def.name
  if (name === SYSTEM_PROPERTIES.id) return (row) => idKey(table.idOf(row))
  if (def.type === 'datetime' || def.type === 'date') {
    return (row) => {
      const ms = table.timeOf(row, name)
      return Number.isNaN(ms) ? null : ms
    }
  }
  if (def.type === 'number') {
    return (row) => {
      const raw = table.value(row, name)
      const value = raw === null || raw === '' ? Number.NaN : Number(raw)
      return Number.isNaN(value) ? null : value
    }
  }
  return (row) => table.value(row, name)?.toLowerCase() ?? null
}

function filterKey(def: PropertyDefinition, value: string): Key {
  if (def.name === SYSTEM_PROPERTIES.id) {
    const digits = /^\d{1,40}$/.test(value) ? value.replace(/^0+(?=\d)/, '') : ''
    return digits && digits.length <= 19 ? idKey(digits) : null
  }
  if (def.type === 'datetime' || def.type === 'date') {
    const ms = parseTimestamp(value)
    return Number.isNaN(ms) ? null : ms
  }
  if (def.type === 'number')
    return value === '' || Number.isNaN(Number(value)) ? null : Number(value)
  return value.toLowerCase()
}

function compileFilter(
  table: RecordTable,
  def: PropertyDefinition,
  filter: SearchFilter,
): RowPredicate | string {
  const key = keyOf(table, def)
  const multi = def.fieldType === 'checkbox'
  const parts = (row: number): Key[] => {
    const k = key(row)
    return multi && typeof k === 'string' ? k.split(';') : [k]
  }
  const { operator } = filter
  if (operator === 'HAS_PROPERTY') return (row) => key(row) !== null && key(row) !== ''
  if (operator === 'NOT_HAS_PROPERTY') return (row) => key(row) === null || key(row) === ''
  if (operator === 'IN' || operator === 'NOT_IN') {
    if (!filter.values?.length)
      return `Filter ${operator} on "${def.name}" needs a non-empty 'values' list`
    const wanted = new Set(filter.values.map((v) => filterKey(def, v)))
    const isIn = (row: number): boolean =>
      parts(row).some((part) => part !== null && wanted.has(part))
    return operator === 'IN' ? isIn : (row) => !isIn(row)
  }
  if (filter.value === undefined) return `Filter ${operator} on "${def.name}" needs a 'value'`
  const target = filterKey(def, filter.value)
  if (operator === 'CONTAINS_TOKEN' || operator === 'NOT_CONTAINS_TOKEN') {
    const pattern = tokenPattern(filter.value)
    const contains = (row: number): boolean => {
      const value = table.value(row, def.name)
      return (
        value !== null && value.split(/[^\p{L}\p{N}@._*-]+/u).some((token) => pattern.test(token))
      )
    }
    return operator === 'CONTAINS_TOKEN' ? contains : (row) => !contains(row)
  }
  if (target === null)
    return `Filter ${operator} on "${def.name}": '${filter.value}' is not a valid ${def.type}`
  switch (operator) {
    case 'EQ':
      return (row) => parts(row).includes(target)
    case 'NEQ':
      return (row) => !parts(row).includes(target)
    case 'LT':
      return (row) => compare(key(row), target, (x, y) => x < y)
    case 'LTE':
      return (row) => compare(key(row), target, (x, y) => x <= y)
    case 'GT':
      return (row) => compare(key(row), target, (x, y) => x > y)
    case 'GTE':
      return (row) => compare(key(row), target, (x, y) => x >= y)
    case 'BETWEEN': {
      const high = filter.highValue === undefined ? null : filterKey(def, filter.highValue)
      if (high === null) return `Filter BETWEEN on "${def.name}" needs a valid 'highValue'`
      return (row) =>
        compare(key(row), target, (x, y) => x >= y) && compare(key(row), high, (x, y) => x <= y)
    }
  }
}

function compare(
  value: Key,
  target: Key,
  test: (x: number | string, y: number | string) => boolean,
): boolean {
  return value !== null && target !== null && typeof value === typeof target && test(value, target)
}

function tokenPattern(value: string): RegExp {
  const escaped = value
    .toLowerCase()
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${escaped}$`, 'i')
}
