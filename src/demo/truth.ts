import { DAY_MS, MONTH_MS } from './time.ts'
import type { CompanyTruth } from './types.ts'

/**
 * True when the company lost a renewal in `(from, from + horizonDays]`, whether that renewal is
 * visible in the fixture (a `closedlost` deal) or still in the hidden future after `asOf`.
 * @example
 * const churned = truth.filter((t) => churnsWithin(t, '2026-05-01T00:00:00.000Z', 180))
 */
export function churnsWithin(truth: CompanyTruth, from: string, horizonDays: number): boolean {
  const start = Date.parse(from)
  const end = start + horizonDays * DAY_MS
  return truth.renewals.some((r) => {
    const t = Date.parse(r.date)
    return r.churned && t > start && t <= end
  })
}

/**
 * The latent health at `at`, interpolated on the monthly grid of `latentByMonth` (whose last point
 * is `asOf`); clamped to the grid's ends.
 */
export function latentOnDate(truth: CompanyTruth, at: string, asOf: string): number {
  const months = truth.latentByMonth
  const x = months.length - 1 - (Date.parse(asOf) - Date.parse(at)) / MONTH_MS
  if (x <= 0) return months[0] ?? truth.latentNow
  if (x >= months.length - 1) return truth.latentNow
  const i = Math.floor(x)
  const a = months[i] as number
  const b = months[i + 1] as number
  return a + (b - a) * (x - i)
}

/** The dates of the monthly grid (`asOf − 12 × 30 days` … `asOf`), matching `latentByMonth`. */
export function monthGrid(asOf: string, months = 13): string[] {
  const end = Date.parse(asOf)
  return Array.from({ length: months }, (_, k) =>
    new Date(end - (months - 1 - k) * MONTH_MS).toISOString(),
  )
}
