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
