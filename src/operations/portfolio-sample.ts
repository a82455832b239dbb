/**
 * @module The portfolio's past from a sample of accounts' property history: the tier distribution
 * 30 days ago, the share per tier by week, and the save rate. The sample is drawn in proportion to
 * the tiers now (`allocateSample`), so each sampled account stands for the same number of accounts
 * and the counts scale back to the portal by one factor. Pure.
 */
import type { CompiledModel, HistoryPoint, TierId } from '../health/index.ts'
import { DEFAULT_SAVE_WINDOW_DAYS, saveRate, TIERS, valueAsOf } from '../health/index.ts'
import type { PortfolioSaveRate, PortfolioWeek, TierCounts } from './portfolio-types.ts'

const DAY_MS = 86_400_000
const WEEK_MS = 7 * DAY_MS
/** Weeks the history chart covers, the current one included: the save rate's 90 days and a bit. */
export const HISTORY_WEEKS = 13

const COUNT_KEYS = {
  healthy: 'healthy',
  neutral: 'neutral',
  at_risk: 'atRisk',
  critical: 'critical',
} as const satisfies Record<TierId, keyof TierCounts>

/** One sampled account's history, as a batch read with history answers it. */
export interface SampledAccount {
  readonly scoreHistory: readonly HistoryPoint[]
  readonly tierHistory: readonly HistoryPoint[]
}

/** What the sample says about the past. */
export interface SampleSummary {
  readonly tiers30dAgo: TierCounts | null
  readonly weeks: readonly PortfolioWeek[]
  readonly saveRate: Omit<PortfolioSaveRate, 'sampleSize'>
}

/**
 * Counts keyed the `score --json` way.
 * @example toTierCounts({ healthy: 5, neutral: 3, at_risk: 1, critical: 0 }).atRisk // 1
 */
export function toTierCounts(byTier: Readonly<Record<TierId, number>>): TierCounts {
  return {
    healthy: byTier.healthy,
    neutral: byTier.neutral,
    atRisk: byTier.at_risk,
    critical: byTier.critical,
  }
}

/**
 * How many accounts to sample from each tier: `size` shared in proportion to the tiers' counts
 * (largest remainder), never more than a tier holds. A tier with accounts gets at least one while
 * `size` allows, so a small red tier is not left out of the history.
 * @example allocateSample({ healthy: 900, neutral: 80, at_risk: 15, critical: 5 }, 100)
 * // { healthy: 89, neutral: 8, at_risk: 2, critical: 1 }
 */
export function allocateSample(
  counts: Readonly<Record<TierId, number>>,
  size: number,
): Record<TierId, number> {
  const total = TIERS.reduce((sum, tier) => sum + counts[tier], 0)
  if (total <= size) return { ...counts }
  const share = (tier: TierId) => (counts[tier] * size) / total
  const out = { healthy: 0, neutral: 0, at_risk: 0, critical: 0 }
  let left = size
  for (const tier of TIERS) {
    out[tier] = Math.floor(share(tier))
    left -= out[tier]
  }
  // Largest remainder first; then each tier with accounts and no place takes one from the largest.
  for (; left > 0; left--) {
    const best = TIERS.reduce((a, b) => (share(b) - out[b] > share(a) - out[a] ? b : a))
    out[best]++
  }
  for (const tier of TIERS) {
    if (counts[tier] === 0 || out[tier] > 0) continue
    const largest = TIERS.reduce((a, b) => (out[b] > out[a] ? b : a))
    if (out[largest] <= 1) break
    out[largest]--
    out[tier] = 1
  }
  return out
}

/** The UTC Monday of the week holding `ms`, as epoch ms. */
function weekStartOf(ms: number): number {
  const day = Math.floor(ms / DAY_MS)
  // 1970-01-01 was a Thursday: day 0 is 3 days after a Monday.
  return (day - ((day + 3) % 7)) * DAY_MS
}

function tierAt(history: readonly HistoryPoint[], at: number): TierId | null {
  const value = valueAsOf(history, at)
  return TIERS.includes(value as TierId) ? (value as TierId) : null
}

/**
 * Reads the sample's past: each account's tier 30 days ago (scaled to the `scored` accounts now),
 * its tier at the end of each of the last `HISTORY_WEEKS` weeks, and the save rate over its score
 * history. Weeks before the first with any sampled tier are left out.
 * @example
 * const past = summariseSample(accounts, { asOf: Date.now(), model, scored: 20_000 })
 * past.weeks.at(-1)?.shares.critical // e.g. 0.04
 */
export function summariseSample(
  accounts: readonly SampledAccount[],
  options: { readonly asOf: number; readonly model: CompiledModel; readonly scored: number },
): SampleSummary {
  const { asOf, model, scored } = options
  const then = asOf - 30 * DAY_MS
  const past = { healthy: 0, neutral: 0, at_risk: 0, critical: 0 }
  let known = 0
  for (const account of accounts) {
    const tier = tierAt(account.tierHistory, then)
    if (tier === null) continue
    past[tier]++
    known++
  }
  const scale = accounts.length ? scored / accounts.length : 0
  const tiers30dAgo =
    known === 0
      ? null
      : toTierCounts({
          healthy: Math.round(past.healthy * scale),
          neutral: Math.round(past.neutral * scale),
          at_risk: Math.round(past.at_risk * scale),
          critical: Math.round(past.critical * scale),
        })

  const weeks: PortfolioWeek[] = []
  const current = weekStartOf(asOf)
  for (let k = HISTORY_WEEKS - 1; k >= 0; k--) {
    const start = current - k * WEEK_MS
    const at = Math.min(start + WEEK_MS - 1, asOf)
    const byTier = { healthy: 0, neutral: 0, at_risk: 0, critical: 0 }
    let counted = 0
    for (const account of accounts) {
      const tier = tierAt(account.tierHistory, at)
      if (tier === null) continue
      byTier[tier]++
      counted++
    }
    if (counted === 0 && weeks.length === 0) continue
    const shares = { healthy: 0, neutral: 0, atRisk: 0, critical: 0 }
    for (const tier of TIERS) shares[COUNT_KEYS[tier]] = counted ? byTier[tier] / counted : 0
    weeks.push({ weekStart: new Date(start).toISOString().slice(0, 10), accounts: counted, shares })
  }

  const rate = saveRate(
    accounts.map((account) => account.scoreHistory),
    model,
    { asOf, windowDays: DEFAULT_SAVE_WINDOW_DAYS },
  )
  return {
    tiers30dAgo,
    weeks,
    saveRate: {
      value: rate.rate,
      red: rate.red,
      saved: rate.saved,
      pending: rate.pending,
      windowDays: rate.windowDays,
    },
  }
}
