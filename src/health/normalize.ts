import type { CompiledSignal } from './compile-model.ts'

/**
 * Maps a raw signal value to 0–100 by the signal's normalisation, in the signal's direction.
 * Linear: the value's position between `min` and `max`, clamped. Bands: the score of the last band
 * whose `from` is at or below the value (the first band's score below them all).
 * @example normalizeSignal(npsSignal, 7) // 60
 */
export function normalizeSignal(signal: CompiledSignal, value: number): number {
  const { normalize } = signal
  if (normalize.kind === 'linear') {
    const t = clamp((value - normalize.min) / (normalize.max - normalize.min), 0, 1)
    return (signal.higherIsBetter ? t : 1 - t) * 100
  }
  const band = normalize.bands.findLast((b) => b.from <= value) ?? normalize.bands[0]!
  return band.score
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

/** Whether a raw value trips the signal's red flag. */
export function isRedFlag(signal: CompiledSignal, value: number): boolean {
  const flag = signal.redFlag
  if (!flag) return false
  switch (flag.op) {
    case 'lt':
      return value < flag.value
    case 'lte':
      return value <= flag.value
    case 'gt':
      return value > flag.value
    case 'gte':
      return value >= flag.value
  }
}

/**
 * A value as a person reads it: whole numbers bare, others to one decimal, with the unit in the
 * singular for one.
 * @example formatValue(1, ' days') // '1 day'
 */
export function formatValue(value: number, unit: string): string {
  const rounded = Number.isInteger(value) ? value : Math.round(value * 10) / 10
  const singular = rounded === 1 && unit.startsWith(' ') && unit.endsWith('s')
  return `${rounded}${singular ? unit.slice(0, -1) : unit}`
}
