/**
 * @fileoverview A portal the app has been scoring for a while, built straight as an emulator
 * fixture (fast, any size): each account's `health_score` and `health_tier` with their history,
 * `health_score_change_30d`, and the transition properties `health_tier_changed_at` and
 * `health_previous_tier`, all as a rescore would have written them.
 */
import type { Fixture, FixtureCompany } from '@health-score/hubspot-emulator'
import { buildTestFixture, TEST_AS_OF } from '@health-score/hubspot-emulator/testing'

import type { TierId } from '../../src/health/index.ts'
import { HEALTH_PROPERTY_GROUP, healthPropertyDefinitions } from '../../src/hubspot/index.ts'
import { model } from './portal.ts'

export const DAY_MS = 86_400_000
export const PORTFOLIO_AS_OF = Date.parse(TEST_AS_OF)

/** One account: its name and its scores, each written `daysAgo` days before the portal's moment. */
export interface ScoredAccount {
  readonly name: string
  /** Oldest first; the last is the score now. */
  readonly scores: readonly { readonly daysAgo: number; readonly score: number }[]
}

/** The default model's tier of a score (75 / 50 / 25). */
export function tierOfScore(score: number): TierId {
  const { healthy, neutral, at_risk } = model.model.tiers
  if (score >= healthy) return 'healthy'
  if (score >= neutral) return 'neutral'
  if (score >= at_risk) return 'at_risk'
  return 'critical'
}


const iso = (daysAgo: number) => new Date(PORTFOLIO_AS_OF - daysAgo * DAY_MS).toISOString()

/** What a rescore would have left on the company after writing `scores`. */
function scoredCompany(id: string, account: ScoredAccount): FixtureCompany {
  const scores = account.scores
  const last = scores.at(-1)!
  const then = [...scores].reverse().find((point) => point.daysAgo >= 30)
  const tierHistory: { value: string; timestamp: string }[] = []
  let previous: TierId | null = null
  let changedAt: number | null = null
  let tier: TierId | null = null
  for (const point of scores) {
    const next = tierOfScore(point.score)
    if (next === tier) continue
    previous = tier
    tier = next
    changedAt = point.daysAgo
    tierHistory.unshift({ value: next, timestamp: iso(point.daysAgo) })
  }
  return {
    id,
    properties: {
      name: account.name,
      health_score: String(last.score),
      health_tier: tier,
      health_score_change_30d: then ? String(last.score - then.score) : '',
      health_previous_tier: previous,
      health_tier_changed_at: changedAt === null ? null : iso(changedAt),
    },
    propertyHistory: {
      health_score: [...scores]
        .reverse()
        .map((point) => ({ value: String(point.score), timestamp: iso(point.daysAgo) })),
      health_tier: tierHistory,
    },
  }
}

/**
 * A fixture of `accounts` (ids 101, 102, … in order), with the app's property schema in place.
 * @example createTestPortal({ fixture: scoredPortalFixture([{ name: 'Acme', scores: [{ daysAgo: 0, score: 80 }] }]) })
 */
export function scoredPortalFixture(accounts: readonly ScoredAccount[]): Fixture {
  const base = buildTestFixture(0)
  return {
    ...base,
    propertyGroups: { companies: [{ ...HEALTH_PROPERTY_GROUP }] },
    propertyDefinitions: {
      companies: [
        ...healthPropertyDefinitions(model).map((definition) => ({
          ...definition,
          options: definition.options.map((option) => ({ ...option })),
        })),
      ],
    },
    companies: accounts.map((account, i) => scoredCompany(String(101 + i), account)),
  }
}

/**
 * `count` accounts with weekly scores over the last 13 weeks, drawn from a seeded walk: a portal of
 * any size whose answers nobody needs to know in advance.
 */
export function generatedAccounts(count: number, seed = 1): ScoredAccount[] {
  let state = seed >>> 0 || 1
  const random = () => {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0
    return state / 2 ** 32
  }
  return Array.from({ length: count }, (_, i) => {
    let score = Math.round(20 + random() * 75)
    const scores = []
    for (let week = 12; week >= 0; week--) {
      score = Math.max(0, Math.min(100, score + Math.round((random() - 0.5) * 16)))
      scores.push({ daysAgo: week * 7, score })
    }
    return { name: `Account ${String(i).padStart(5, '0')}`, scores }
  })
}
