/**
 * @module The settings preview: the tiers a candidate model would give this portal's companies, on
 * their last scores. It reads the companies' stored `health_<component>_score` properties (what the
 * model in use last measured) through list pages, and recombines them as the engine does: the
 * candidate's weights for each company's segment (matched on its properties by the engine itself),
 * the weight of components without data spread over the rest, the coverage floor, then the tiers.
 * Where the candidate weighs a company exactly as the model in use did (same segment, components
 * and weights: a change of tiers only), the stored `health_score` itself is re-tiered, so the
 * preview is exact; otherwise the stored component scores, whole numbers, make a recombined score
 * that may differ from a rescore by one point, which can move a company sitting on a band's edge.
 *
 * @note Bounded: at most `PREVIEW_MAX_PAGES` list pages of 100, so at most 10 HubSpot calls and
 * 1,000 companies per preview, whatever the portal's size; a larger portal is previewed on its first
 * 1,000 companies by id. What it cannot show: a new component, or a signal's changed
 * normalization, has no stored score yet (it counts as no data until the next rescore).
 */
import type { CompiledModel, TierId } from '../../health/index.ts'
import { extractSignals, TIERS } from '../../health/index.ts'
import type { HubSpotConnection } from '../../hubspot/index.ts'
import { componentScoreProperty, LIMITS } from '../../hubspot/index.ts'
import type { SettingsPreview } from '../../operations/index.ts'

/** The most list pages one preview reads: its cost in HubSpot calls. */
export const PREVIEW_MAX_PAGES = 10

/**
 * The tier distribution `model` gives the portal's scored companies (those with a stored score),
 * who were last scored with `inUse`.
 * @throws HubSpotApiError when a list page fails
 * @example
 * const { companies, tiers } = await previewTiers(connection, compileModel(candidate), inUse)
 */
export async function previewTiers(
  conn: HubSpotConnection,
  model: CompiledModel,
  inUse: CompiledModel,
): Promise<SettingsPreview> {
  const componentProperties = model.components.map((c) => componentScoreProperty(c.id))
  const segmentProperties = [model, inUse].flatMap((m) =>
    m.segments.flatMap((s) => s.match.map((match) => match.property)),
  )
  const properties = [
    ...new Set(['health_scored_at', 'health_score', ...componentProperties, ...segmentProperties]),
  ]
  const tiers = Object.fromEntries(TIERS.map((tier) => [tier, 0])) as Record<TierId, number>
  let companies = 0
  let after: string | undefined
  for (let page = 0; page < PREVIEW_MAX_PAGES; page++) {
    const answer = await conn.call('GET /crm/v3/objects/companies', () =>
      conn.client.crm.companies.basicApi.getPage(LIMITS.listPage, after, properties),
    )
    for (const record of answer.results) {
      const tier = recombine(model, inUse, record.id, record.properties)
      if (tier === null) continue
      tiers[tier] += 1
      companies += 1
    }
    after = answer.paging?.next?.after
    if (!after) break
  }
  return { companies, tiers }
}

/** The tier of one company's stored scores under `model`, or null when it has none. */
function recombine(
  model: CompiledModel,
  inUse: CompiledModel,
  companyId: string,
  properties: Readonly<Record<string, string | null>>,
): TierId | null {
  if (!properties.health_scored_at) return null
  const weights = weightsFor(model, companyId, properties)
  const stored = Number(properties.health_score || NaN)
  if (Number.isFinite(stored) && sameWeighing(model, inUse, weights, companyId, properties))
    return tierOf(model, stored)
  const scores = model.components.map((component) => {
    const value = properties[componentScoreProperty(component.id)]
    const number = value === null || value === undefined || value === '' ? NaN : Number(value)
    return Number.isFinite(number) ? number : null
  })
  const total = weights.reduce((sum, w) => sum + w, 0)
  const backed = weights.reduce((sum, w, i) => sum + (scores[i] === null ? 0 : w), 0)
  const coverage = total > 0 ? Math.round((backed / total) * 100) : 0
  if (backed === 0 || coverage < model.model.minCoverage) return null
  const weighted = weights.reduce((sum, w, i) => sum + w * (scores[i] ?? 0), 0)
  return tierOf(
    model,
    Math.min(100, Math.max(0, Math.round(Math.round((weighted / backed) * 1e6) / 1e6))),
  )
}

/** The component weights `model` gives this company, by its segment (matched by the engine). */
function weightsFor(
  model: CompiledModel,
  companyId: string,
  properties: Readonly<Record<string, string | null>>,
): readonly number[] {
  const { segmentId } = extractSignals(
    { companyId, asOf: Date.now(), properties, tickets: null, engagements: null },
    model,
  )
  return (
    model.weightsBySegment.get(segmentId) ?? model.weightsBySegment.get(model.defaultSegmentId)!
  )
}

/** Whether the candidate scores this company as the model in use did, tiers aside. */
function sameWeighing(
  model: CompiledModel,
  inUse: CompiledModel,
  weights: readonly number[],
  companyId: string,
  properties: Readonly<Record<string, string | null>>,
): boolean {
  if (model.model.minCoverage !== inUse.model.minCoverage) return false
  const ids = (m: CompiledModel) => m.components.map((c) => c.id).join(',')
  if (ids(model) !== ids(inUse)) return false
  const before = weightsFor(inUse, companyId, properties)
  return before.length === weights.length && before.every((w, i) => w === weights[i])
}

function tierOf(model: CompiledModel, score: number): TierId {
  for (const bound of model.tierBounds) if (score >= bound.min) return bound.tier
  return 'critical'
}
