import type { RescoreSummary } from '../operations/index.ts'
import { toTerminalText } from './terminal-text.ts'

/** The summary of a run as a person reads it. */
export function renderSummary(summary: RescoreSummary): string {
  const { tiers } = summary
  const scored = Math.max(1, summary.scored)
  const pct = (n: number) => `${Math.round((n / scored) * 100)}%`.padStart(4)
  const lines = [
    `${summary.kind === 'full' ? 'Full' : 'Incremental'} run${summary.resumed ? ' (resumed)' : ''}${summary.dryRun ? ' (dry run: nothing written)' : ''}: ${summary.companies} companies in ${(summary.durationMs / 1000).toFixed(1)} s`,
    `  scored ${summary.scored}, written ${summary.written}, unchanged ${summary.unchanged}, not enough data ${summary.skipped}, failed ${summary.failed}${summary.dryRun ? `, would write ${summary.pending}` : ''}`,
    '',
    `  Healthy   ${String(tiers.healthy).padStart(6)} ${pct(tiers.healthy)}`,
    `  Neutral   ${String(tiers.neutral).padStart(6)} ${pct(tiers.neutral)}`,
    `  At risk   ${String(tiers.atRisk).padStart(6)} ${pct(tiers.atRisk)}`,
    `  Critical  ${String(tiers.critical).padStart(6)} ${pct(tiers.critical)}`,
    '',
    `  API calls ${summary.apiCalls.total} (${(summary.apiCalls.total / Math.max(1, summary.companies / 100)).toFixed(1)} per 100 companies), rate-limited ${summary.rateLimited}`,
  ]
  for (const failure of summary.failures.slice(0, 10))
    lines.push(toTerminalText(`  failed: company ${failure.companyId}: ${failure.reason}`))
  if (summary.failures.length > 10)
    lines.push(`  … and ${summary.failures.length - 10} more failures`)
  return `${lines.join('\n')}\n`
}
