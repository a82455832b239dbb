/** Moving a fixture's times: history entries and date values shifted so `asOf` lands on "now". */
import { SOURCE_TYPE, type StoredHistoryEntry } from '../types.ts'
import { parseTimestamp } from './columns.ts'
import type { HistoryEntry } from './fixture.ts'
import type { PropertyRegistry } from './property-registry.ts'
import type { RecordTable } from './record-table.ts'

/** Loads a fixture record's property history, its times (and date values) shifted by `shiftMs`. */
export function loadHistory(
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

/** A date or date-time value moved by `shiftMs` (dates by whole days). */
export function shiftValue(value: string, shiftMs: number, dateOnly: boolean): string {
  const ms = parseTimestamp(value)
  if (Number.isNaN(ms)) return value
  const day = 86_400_000
  const iso = new Date(ms + (dateOnly ? Math.round(shiftMs / day) * day : shiftMs)).toISOString()
  return dateOnly ? iso.slice(0, 10) : iso
}
