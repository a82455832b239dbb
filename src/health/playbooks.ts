import type { CompiledModel } from './compile-model.ts'
import type { PlaybookChoice, TierId, Trend } from './types.ts'

export interface PlaybookContext {
  readonly tier: TierId
  readonly segmentId: string
  readonly trend: Trend
}

/**
 * The first playbook whose every condition holds, in model order; null when none does.
 * @example selectPlaybook(model, { tier: 'critical', segmentId: 'smb', trend })?.id // 'executive_escalation'
 */
export function selectPlaybook(
  model: CompiledModel,
  context: PlaybookContext,
): PlaybookChoice | null {
  const { tier, segmentId, trend } = context
  for (const { when, choice } of model.playbooks) {
    if (when.tiers && !when.tiers.includes(tier)) continue
    if (when.trends && !when.trends.includes(trend.direction)) continue
    if (when.segments && !when.segments.includes(segmentId)) continue
    if (
      when.previousTiers &&
      (trend.previousTier === null || !when.previousTiers.includes(trend.previousTier))
    )
      continue
    if (when.minDaysInTier !== undefined && trend.daysInTier < when.minDaysInTier) continue
    if (
      when.maxChange30d !== undefined &&
      (trend.change30d === null || trend.change30d > when.maxChange30d)
    )
      continue
    return choice
  }
  return null
}
