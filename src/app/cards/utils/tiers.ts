import type { TierId, TrendId } from '../../../health/index.ts'

/** How each tier reads on the card: its label and its StatusTag colour. */
export const TIER_DISPLAY = {
  healthy: { label: 'Healthy', variant: 'success' },
  neutral: { label: 'Neutral', variant: 'warning' },
  at_risk: { label: 'At risk', variant: 'danger' },
  critical: { label: 'Critical', variant: 'danger' },
} as const satisfies Record<TierId, { label: string; variant: 'success' | 'warning' | 'danger' }>

export const TREND_LABELS = {
  improving: 'Improving',
  stable: 'Stable',
  declining: 'Declining',
} as const satisfies Record<TrendId, string>

/**
 * Since when the company has stood in `tier`, as the app stored it (`health_tier_changed_at`), or
 * null when the stored tier is another one or the moment is missing or unreadable.
 * @example tierSince({ health_tier: 'healthy', health_tier_changed_at: '2026-08-01T00:00:00Z' }, 'healthy') // Date.parse('2026-08-01T00:00:00Z')
 */
export function tierSince(
  current: Readonly<Record<string, string | null>>,
  tier: TierId,
): number | null {
  const stored = current.health_tier_changed_at?.trim()
  if (current.health_tier !== tier || !stored) return null
  const at = /^\d+$/.test(stored) ? Number(stored) : Date.parse(stored)
  return Number.isFinite(at) ? at : null
}
