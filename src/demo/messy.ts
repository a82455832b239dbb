import type { FixtureCompany } from '@health-score/hubspot-emulator'

import type { Rng } from './prng.ts'
import { DAY_MS, iso } from './time.ts'

type Mess = (rng: Rng, value: string, asOf: number) => string

/** Grouped thousands, as spreadsheets and humans write them ("1,200"). */
function withCommas(value: string): string {
  return value.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
}

const padded: Mess = (_rng, v) => ` ${v} `
const decimal: Mess = (_rng, v) => `${v}.0`
const literal =
  (text: string): Mess =>
  () =>
    text
const negative: Mess = (_rng, v) => `-${v === '0' ? '3' : v}`
const grouped: Mess = (_rng, v) => (v.length > 3 ? withCommas(v) : `${v}.0`)

/** Ways a human spoils each property, as seen in real portals. */
const MESSES: Record<string, readonly Mess[]> = {
  nps_score: [(_rng, v) => `${v}/10`, literal('11'), literal('N/A'), padded, decimal, literal('')],
  csat_score: [decimal, literal('N/A'), literal('unknown'), (_rng, v) => `${v}/5`],
  product_active_users_30d: [grouped, literal('unknown'), negative, padded],
  product_active_users_baseline: [grouped, literal('N/A')],
  product_logins_30d: [grouped, literal('N/A'), padded],
  product_core_features_used: [decimal, literal('unknown'), literal('-1')],
  days_payment_overdue: [(rng) => `-${rng.int(1, 15)}`, literal('N/A'), padded, literal('')],
  notes_last_contacted: [(rng, _v, asOf) => iso(asOf + rng.int(30, 400) * DAY_MS)],
  renewal_date: [literal('N/A'), literal('TBD'), literal('')],
}

const MESSY_PROPERTIES = Object.keys(MESSES)

/**
 * Replaces one to three of the company's present input values with human-typed variants ("N/A",
 * " 7 ", "8/10", "1,200", negatives, NPS 11, a future last-contacted date). The newest history entry
 * follows, so the current value and its history agree. Returns the properties it changed.
 */
export function applyMess(rng: Rng, company: FixtureCompany, asOf: number): string[] {
  const changed: string[] = []
  const wanted = rng.int(1, 3)
  for (let attempt = 0; attempt < 8 && changed.length < wanted; attempt++) {
    const property = rng.pick(MESSY_PROPERTIES)
    const value = company.properties[property]
    const messes = MESSES[property]
    if (!messes || value === null || value === undefined || changed.includes(property)) continue
    const messy = rng.pick(messes)(rng, value, asOf)
    company.properties[property] = messy
    const newest = company.propertyHistory?.[property]?.[0]
    if (newest) newest.value = messy
    changed.push(property)
  }
  return changed.sort()
}
