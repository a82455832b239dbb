/**
 * @module The company properties the app owns (DESIGN.md, "Properties written"), derived from a
 * model, and the wire values a health result gives them.
 */
import type { CompiledModel, HealthResult, TierId, TrendId } from '../health/index.ts'
import { CSM_SENTIMENT_PROPERTIES, CSM_SENTIMENTS, TIERS, TRENDS } from '../health/index.ts'
import { SCORED_AT_PROPERTY } from './property-diff.ts'
import { TRANSITION_PROPERTIES } from './tier-transition.ts'

export {
  type CurrentValues,
  diffProperties,
  sameValue,
  SCORED_AT_PROPERTY,
} from './property-diff.ts'

/** The property group every owned property lives in. */
export const HEALTH_PROPERTY_GROUP = {
  name: 'customer_health',
  label: 'Customer health',
  displayOrder: -1,
} as const

/** The object type the properties are defined on. */
export const HEALTH_OBJECT_TYPE = 'companies'

/** The type/fieldType pairs the app's properties use. */
export const PROPERTY_KINDS = {
  number: { type: 'number', fieldType: 'number' },
  select: { type: 'enumeration', fieldType: 'select' },
  text: { type: 'string', fieldType: 'text' },
  datetime: { type: 'datetime', fieldType: 'date' },
} as const
export type PropertyKind = keyof typeof PROPERTY_KINDS
export type PropertyDataType = (typeof PROPERTY_KINDS)[PropertyKind]['type']
export type PropertyFieldType = (typeof PROPERTY_KINDS)[PropertyKind]['fieldType']

/** One enumeration option, as the properties API takes it. */
export interface HealthPropertyOption {
  readonly value: string
  readonly label: string
  readonly description: string
  readonly displayOrder: number
  readonly hidden: false
}

/** One property the app owns, as `POST /crm/v3/properties/companies` takes it. */
export interface HealthPropertyDefinition {
  readonly name: string
  readonly label: string
  readonly description: string
  readonly groupName: string
  readonly type: PropertyDataType
  readonly fieldType: PropertyFieldType
  readonly options: readonly HealthPropertyOption[]
  readonly displayOrder: number
}

const TIER_LABELS: Record<TierId, string> = {
  healthy: 'Healthy',
  neutral: 'Neutral',
  at_risk: 'At risk',
  critical: 'Critical',
}

const TREND_LABELS: Record<TrendId, string> = {
  improving: 'Improving',
  stable: 'Stable',
  declining: 'Declining',
}

/** The name of a component's score property, e.g. `health_usage_score`. */
export function componentScoreProperty(componentId: string): string {
  return `health_${componentId}_score`
}

function options(entries: readonly { value: string; label: string; description?: string }[]) {
  return entries.map((entry, displayOrder): HealthPropertyOption => ({
    value: entry.value,
    label: entry.label,
    description: entry.description ?? '',
    displayOrder,
    hidden: false,
  }))
}

function tierBands(model: CompiledModel): Record<TierId, string> {
  const { healthy, neutral, at_risk } = model.model.tiers
  return {
    healthy: `Score ${healthy} or more`,
    neutral: `Score ${neutral} to under ${healthy}`,
    at_risk: `Score ${at_risk} to under ${neutral}`,
    critical: `Score under ${at_risk}`,
  }
}

/**
 * Every property the app owns, in display order: the fixed set plus one score per model component.
 * @example healthPropertyDefinitions(getDefaultModel()).map((p) => p.name)
 */
export function healthPropertyDefinitions(model: CompiledModel): HealthPropertyDefinition[] {
  const bands = tierBands(model)
  const tierOptions = options(
    TIERS.map((tier) => ({ value: tier, label: TIER_LABELS[tier], description: bands[tier] })),
  )
  const specs: [string, string, PropertyKind, string, HealthPropertyOption[]?][] = [
    ['health_score', 'Health score', 'number', 'Customer health, 0–100.'],
    ['health_tier', 'Health tier', 'select', 'The health band the score falls in.', tierOptions],
    [
      'health_trend',
      'Health trend',
      'select',
      'Where the score has been heading over the last 30 days.',
      options(TRENDS.map((trend) => ({ value: trend, label: TREND_LABELS[trend] }))),
    ],
    [
      'health_score_change_30d',
      'Health score change (30 days)',
      'number',
      'The score now minus the score 30 days ago.',
    ],
    ['health_top_driver', 'Health top driver', 'text', 'The reason that costs the most points.'],
    [
      'health_playbook',
      'Health playbook',
      'select',
      'The recommended playbook.',
      options(model.model.playbooks.map(({ id, label }) => ({ value: id, label }))),
    ],
    [
      'health_data_coverage',
      'Health data coverage',
      'number',
      'The percentage of model weight backed by data.',
    ],
    [
      'health_model_version',
      'Health model version',
      'text',
      'The model id and version that produced the score.',
    ],
    [SCORED_AT_PROPERTY, 'Health scored at', 'datetime', 'When the score was computed.'],
    ...model.model.components.map((component): [string, string, PropertyKind, string] => [
      componentScoreProperty(component.id),
      `Health: ${component.label} score`,
      'number',
      `The ${component.label.toLowerCase()} component's score, 0–100; empty without data.`,
    ]),
    [
      TRANSITION_PROPERTIES.previousTier,
      'Health previous tier',
      'select',
      'The tier before the last tier change; empty until the tier first changes.',
      tierOptions,
    ],
    [
      TRANSITION_PROPERTIES.changedAt,
      'Health tier changed at',
      'datetime',
      'When the tier last changed (or, before any change, since when it has held).',
    ],
    [
      TRANSITION_PROPERTIES.valueTrack,
      'Health value track',
      'select',
      'The segment whose weights and playbooks applied.',
      options([
        ...model.model.segments.map(({ id, label }) => ({ value: id, label })),
        {
          value: model.model.defaultSegment.id,
          label: model.model.defaultSegment.label,
          description: 'No segment matched: the default track.',
        },
      ]),
    ],
    // Written only by set_csm_sentiment, never by a rescore (toPropertyValues has none of them).
    [
      CSM_SENTIMENT_PROPERTIES.sentiment,
      'Health: CSM sentiment',
      'select',
      "The CSM's own read of the account, set from the health card.",
      options(
        Object.keys(CSM_SENTIMENTS).map((value) => ({
          value,
          label: value[0]!.toUpperCase() + value.slice(1),
        })),
      ),
    ],
    [
      CSM_SENTIMENT_PROPERTIES.reason,
      'Health: CSM sentiment reason',
      'text',
      "Why the CSM chose the sentiment, in the CSM's words.",
    ],
    [
      CSM_SENTIMENT_PROPERTIES.at,
      'Health: CSM sentiment set at',
      'datetime',
      'When the CSM last set the sentiment.',
    ],
  ]
  return specs.map(([name, label, kind, description, opts], displayOrder) => ({
    name,
    label,
    description,
    groupName: HEALTH_PROPERTY_GROUP.name,
    ...PROPERTY_KINDS[kind],
    options: opts ?? [],
    displayOrder,
  }))
}

/**
 * The names of every property the app owns (and may write or read back) for `model`.
 * @example client.crm.companies.batchApi.read({ inputs, properties: ownedPropertyNames(model), propertiesWithHistory: [] })
 */
export function ownedPropertyNames(model: CompiledModel): string[] {
  return healthPropertyDefinitions(model).map((definition) => definition.name)
}

const integer = (value: number | null | undefined): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '' : String(Math.round(value))

/**
 * The wire values of a result (the tier transition, which needs the current values, is
 * `tierTransition`'s): integers for numbers, ISO-8601 UTC for the date-time, and an empty
 * string (which clears the value) for a component without data or no playbook.
 * @example toPropertyValues(result, model).health_tier // 'at_risk'
 */
export function toPropertyValues(
  result: HealthResult,
  model: CompiledModel,
): Record<string, string> {
  const scoredAt = Date.parse(result.scoredAt)
  const values: Record<string, string> = {
    health_score: integer(result.score),
    health_tier: result.tier,
    health_trend: result.trend.direction,
    health_score_change_30d: integer(result.trend.change30d),
    health_top_driver: result.topDriver,
    health_playbook: result.playbook?.id ?? '',
    health_data_coverage: integer(result.coverage),
    health_model_version: result.modelVersion,
    [SCORED_AT_PROPERTY]: Number.isNaN(scoredAt) ? '' : new Date(scoredAt).toISOString(),
    [TRANSITION_PROPERTIES.valueTrack]: result.segmentId,
  }
  const scores = new Map(result.components.map((component) => [component.id, component.score]))
  for (const component of model.model.components)
    values[componentScoreProperty(component.id)] = integer(scores.get(component.id))
  return values
}
