import type { TierId } from '../health/index.ts'
import type { CompanyExplanation } from '../operations/index.ts'
import { toTerminalText } from './terminal-text.ts'

const TIER_LABELS = {
  healthy: 'Healthy',
  neutral: 'Neutral',
  at_risk: 'At risk',
  critical: 'Critical',
} as const satisfies Record<TierId, string>

/** `Healthy since 2026-08-01 (before: Neutral)`, from what HubSpot holds, when it holds this tier. */
function tierSince(current: CompanyExplanation['current'], tier: TierId): string | null {
  const stored = current.health_tier_changed_at?.trim()
  if (current.health_tier !== tier || !stored) return null
  const at = /^\d+$/.test(stored) ? Number(stored) : Date.parse(stored)
  if (!Number.isFinite(at)) return null
  const before = current.health_previous_tier as TierId | null | undefined
  const previous =
    before && Object.hasOwn(TIER_LABELS, before) ? ` (before: ${TIER_LABELS[before]})` : ''
  return `${TIER_LABELS[tier]} since ${new Date(at).toISOString().slice(0, 10)}${previous}`
}

/** One company's breakdown: score, components with their points, each signal, drivers, playbook. */
export function renderExplanation(e: CompanyExplanation): string {
  const lines: string[] = [`${e.name ?? 'Company'} (${e.companyId})`]
  const r = e.result
  if (!r) {
    lines.push(`  not scored: ${e.issues.map((i) => i.message).join('; ')}`)
  } else {
    const change =
      r.trend.change30d === null
        ? 'no 30-day history'
        : `${r.trend.change30d > 0 ? '+' : ''}${r.trend.change30d} in 30 days`
    lines.push(
      `  score ${r.score} · ${TIER_LABELS[r.tier]} · ${r.trend.direction} (${change}) · coverage ${r.coverage}% · segment ${r.segmentId} · ${r.modelVersion}`,
    )
    const since = tierSince(e.current, r.tier)
    if (since) lines.push(`  ${since}`)
    lines.push('')
    for (const component of r.components) {
      const head =
        component.score === null
          ? 'no data (weight spread over the rest)'
          : `${component.score.toFixed(1)}/100  +${component.pointsContributed} pts, −${component.pointsLost} pts`
      lines.push(
        `  ${component.label.padEnd(11)} weight ${String(component.weight).padStart(3)}  ${head}`,
      )
      const detail = e.signals.find((s) => s.componentId === component.id)
      for (const signal of detail?.signals ?? []) {
        const value = signal.value === null ? 'no data' : `${signal.value} → ${signal.score}`
        lines.push(
          `      ${signal.label.padEnd(46)} ${value}${signal.redFlag ? `   ⚑ ${signal.redFlag}` : ''}`,
        )
      }
    }
    lines.push('', '  Drivers:')
    for (const driver of r.drivers) lines.push(`    ${driver.sentence}`)
    if (r.drivers.length === 0) lines.push(`    ${r.topDriver}`)
    if (r.playbook) {
      lines.push('', `  Playbook: ${r.playbook.label}${r.playbook.urgent ? ' (urgent)' : ''}`)
      for (const action of r.playbook.actions) {
        const due = action.dueInHours ? ` within ${action.dueInHours} h` : ''
        lines.push(`    [${action.kind}] ${action.title}${due}: ${action.why}`)
      }
    }
  }
  lines.push(
    '',
    `  Records read: ${e.records.tickets ?? 'no access to'} tickets, ${e.records.engagements ?? 'no access to'} engagements`,
  )
  for (const d of e.diagnostics) lines.push(`  note: ${String(d.path.at(-1))}: ${d.message}`)
  // Every line can hold CRM text (the name, values, sentences built from them): all of it is made safe.
  return `${lines.map(toTerminalText).join('\n')}\n\n`
}
