/**
 * @module What one rescore writes to a company: the result's values plus its tier transition,
 * minus what HubSpot already holds. Every write path (the portal rescore, the card's and the
 * webhook's single-company rescore, the nightly jobs) takes its changes from here.
 */
import type { CompiledModel, HealthResult } from '../health/index.ts'
import { toPropertyValues } from './health-properties.ts'
import { type CurrentValues, diffProperties } from './property-diff.ts'
import { tierTransition } from './tier-transition.ts'

/**
 * The properties to write for `result` against the company's `current` values, or null when
 * nothing changed (so an unchanged rerun writes nothing and no workflow re-enrols).
 * @example
 * const changes = companyChanges(result, model, company.properties)
 * if (changes) updates.push({ id: result.companyId, properties: changes })
 */
export function companyChanges(
  result: HealthResult,
  model: CompiledModel,
  current: CurrentValues,
): Record<string, string> | null {
  return diffProperties(
    { ...toPropertyValues(result, model), ...tierTransition(result, current) },
    current,
  )
}
