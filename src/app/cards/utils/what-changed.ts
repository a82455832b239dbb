import type { ScorePoint } from '../../../health/index.ts'
import type { CompanyHealth } from '../../../operations/company-health.ts'

/** One component's move between the previous score and the latest. */
export interface ComponentChange {
  readonly componentId: string
  readonly label: string
  readonly from: number
  readonly to: number
  readonly delta: number
}

/** What changed since the previous score, biggest move first. */
export interface WhatChanged {
  /** When the previous score was written (epoch ms), or null when there is no previous score. */
  readonly since: number | null
  readonly changes: readonly ComponentChange[]
}

/** Writes of one scoring land within moments of each other. */
const SAME_WRITE_MS = 60_000

function valueAt(points: readonly ScorePoint[], at: number): number | null {
  let value: number | null = null
  for (const point of points) if (point.at <= at + SAME_WRITE_MS) value = point.score
  return value
}

/**
 * Which components moved between the previous score and the latest, from the
 * `health_<component>_score` histories. Only changed values are written, so a component's value
 * at a moment is its last write up to then.
 * @example
 * whatChanged(health).changes[0] // { componentId: 'support', from: 80, to: 45, delta: -35, ... }
 */
export function whatChanged(health: CompanyHealth, limit = 3): WhatChanged {
  const scores = [...health.history].sort((a, b) => a.at - b.at)
  const latest = scores.at(-1)
  const previous = scores.at(-2)
  if (!latest || !previous) return { since: null, changes: [] }
  const labels = new Map(health.result?.components.map((c) => [c.id, c.label]))
  const changes: ComponentChange[] = []
  for (const [componentId, history] of Object.entries(health.componentHistory)) {
    const points = [...history].sort((a, b) => a.at - b.at)
    const from = valueAt(points, previous.at)
    const to = valueAt(points, latest.at)
    if (from === null || to === null || from === to) continue
    const label = labels.get(componentId) ?? componentId
    changes.push({ componentId, label, from, to, delta: to - from })
  }
  changes.sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta))
  return { since: previous.at, changes: changes.slice(0, limit) }
}
