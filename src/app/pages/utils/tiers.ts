import type { ChartColor } from '@hubspot/ui-extensions'

import type { TierId } from '../../../health/index.ts'
import type { TierCounts } from '../../../operations/portfolio-types.ts'
import { TIER_DISPLAY } from '../../cards/utils/tiers.ts'

/** The portfolio's tier keys (the `score --json` spelling), best first, with the engine's ids. */
export const TIER_KEYS = {
  healthy: 'healthy',
  neutral: 'neutral',
  atRisk: 'at_risk',
  critical: 'critical',
} as const satisfies Record<keyof TierCounts, TierId>

export type TierKey = keyof typeof TIER_KEYS

/** The tiers in the order every chart and list shows them. */
export const TIER_ORDER = Object.keys(TIER_KEYS) as readonly TierKey[]

/**
 * Each tier's chart colour: the card's band colours (green, yellow, orange), and the darkest
 * orange for Critical, since HubSpot's charts have no red.
 */
export const TIER_CHART_COLORS = {
  healthy: 'green',
  neutral: 'yellow',
  atRisk: 'orange',
  critical: 'darkOrange',
} as const satisfies Record<TierKey, ChartColor>

/** `At risk`: a portfolio tier key as the card labels it. */
export function tierLabel(tier: TierKey): string {
  return TIER_DISPLAY[TIER_KEYS[tier]].label
}

/** `42%`: a share 0–1 as a whole percentage. */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`
}
