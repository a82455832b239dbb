/**
 * @module Scoring one gathered page: pure. Each company is scored and compared with what HubSpot
 * holds, giving the updates to write and the page's counts; nothing is read, written or logged.
 */
import type { CompanySnapshot, CompiledModel, HealthResult, Issue } from '../health/index.ts'
import { scoreCompany } from '../health/index.ts'
import type { CompanyUpdate, GatherPage } from '../hubspot/index.ts'
import { companyChanges } from '../hubspot/index.ts'
import type { RunFailure, RunTotals } from './run-journal.ts'
import { emptyTotals } from './run-journal.ts'

/** One page, scored. */
export interface ScoredPage {
  /** The changed properties of each company that has any. */
  readonly updates: CompanyUpdate[]
  /** This page's counts; `written` stays 0 until the updates land. */
  readonly totals: RunTotals
  /** Companies the gather could not read. */
  readonly failures: RunFailure[]
  readonly results: { readonly result: HealthResult; readonly snapshot: CompanySnapshot }[]
  /** Companies with too little data to score, and why. */
  readonly skipped: { readonly companyId: string; readonly issues: readonly Issue[] }[]
}

const TIER_KEYS = {
  healthy: 'healthy',
  neutral: 'neutral',
  at_risk: 'atRisk',
  critical: 'critical',
} as const satisfies Record<HealthResult['tier'], keyof RunTotals['tiers']>

/**
 * Scores every company of a gathered page and keeps the properties whose value changed.
 * @example
 * const { updates, totals } = scorePage(page, getDefaultModel())
 * // updates: [{ id: '101', properties: { health_score: '64', … } }], totals.unchanged: 49
 */
export function scorePage(
  page: Pick<GatherPage, 'companies' | 'failures'>,
  model: CompiledModel,
): ScoredPage {
  const totals = emptyTotals()
  const scored: ScoredPage = {
    updates: [],
    totals,
    failures: page.failures.map(({ companyId, reason }) => ({ companyId, reason, kind: 'read' })),
    results: [],
    skipped: [],
  }
  totals.companies = page.companies.length + page.failures.length
  totals.failed = page.failures.length
  for (const { snapshot, current } of page.companies) {
    const result = scoreCompany(snapshot, model)
    if (!result.success) {
      totals.skipped++
      scored.skipped.push({ companyId: snapshot.companyId, issues: result.issues })
      continue
    }
    totals.scored++
    totals.tiers[TIER_KEYS[result.value.tier]]++
    scored.results.push({ result: result.value, snapshot })
    const changes = companyChanges(result.value, model, current)
    if (changes) scored.updates.push({ id: snapshot.companyId, properties: changes })
    else totals.unchanged++
  }
  return scored
}
