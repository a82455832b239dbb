/**
 * @module The health model: a versioned, validated description of how a score is made. Components
 * weigh signals; segments override weights; tiers, trend thresholds and playbooks turn a score into
 * a decision.
 */
import { z } from 'zod'

import { formatIssuePath } from './issues.ts'
import type { Issue, Result } from './types.ts'
import { ACTION_KINDS, ACTION_PRIORITIES, TIERS, TRENDS } from './types.ts'

/** Signals the engine knows how to extract from a snapshot (see `signals.ts`). */
export const BUILT_IN_SIGNALS = [
  'usage_vs_baseline',
  'logins_per_user_30d',
  'core_features_used',
  'open_tickets',
  'high_priority_tickets_30d',
  'escalated_tickets_30d',
  'median_hours_to_close',
  'complaint_share',
  'nps',
  'csat',
  'days_since_two_way_touch',
  'two_way_touches_90d',
  'unanswered_outreach',
  'meeting_show_rate',
  'days_payment_overdue',
  'renewal_days_untouched',
  'csm_sentiment',
] as const
export type BuiltInSignal = (typeof BUILT_IN_SIGNALS)[number]

const nonNegative = z.number().finite().min(0, 'must be ≥ 0')
const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be lower_snake_case, starting with a letter')
  .max(40, 'must be at most 40 characters')

const sourceSchema = z.union([
  z.enum(BUILT_IN_SIGNALS, { message: `must be one of ${BUILT_IN_SIGNALS.join(', ')}` }),
  z.object({ property: z.string().min(1, 'must name a company property') }),
])

const normalizeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear'), min: z.number().finite(), max: z.number().finite() }),
  z.object({
    kind: z.literal('bands'),
    bands: z
      .array(z.object({ from: z.number().finite(), score: z.number().min(0).max(100) }))
      .min(1, 'must have at least one band'),
  }),
])

const redFlagSchema = z.object({
  op: z.enum(['lt', 'lte', 'gt', 'gte']),
  value: z.number().finite(),
  message: z.string().min(1),
})

const signalSchema = z.object({
  id: identifier,
  label: z.string().min(1),
  source: sourceSchema,
  direction: z.enum(['higher_is_better', 'lower_is_better']),
  normalize: normalizeSchema,
  /** Weight inside its component when it combines by mean. */
  weight: nonNegative.default(1),
  /** A one-line description: `{value}` becomes the formatted value, `{s}` an `s` unless it is 1. */
  describe: z.string().min(1),
  /**
   * Descriptions of values that are not plain readings, by how they came about (`SignalBasis`),
   * e.g. `{ more_than: 'No two-way touch in the last {value}' }`. Without one, the sentence says
   * "more than" or "estimated" after the label.
   */
  describeAs: z
    .object({ more_than: z.string().min(1).optional(), fallback: z.string().min(1).optional() })
    .default({}),
  /** Words for values that stand for a choice, e.g. `{ "-1": "negative" }`; `{value}` becomes the word. */
  valueLabels: z.record(z.string(), z.string().min(1)).optional(),
  unit: z.enum(['', '%', ' days', ' hours', '/10', '/5']).default(''),
  redFlag: redFlagSchema.optional(),
})

const componentSchema = z.object({
  id: identifier,
  label: z.string().min(1),
  weight: nonNegative,
  combine: z.enum(['mean', 'min', 'max']).default('mean'),
  signals: z.array(signalSchema).min(1, 'must have at least one signal'),
})

const segmentSchema = z.object({
  id: identifier,
  label: z.string().min(1),
  /** Every condition must hold. A numeric condition reads the property as a number. */
  match: z
    .array(
      z.object({
        property: z.string().min(1),
        gte: z.number().finite().optional(),
        lt: z.number().finite().optional(),
        in: z.array(z.string()).optional(),
      }),
    )
    .min(1, 'must have at least one condition'),
  weights: z.record(z.string(), nonNegative),
})

const actionSchema = z.object({
  id: identifier,
  title: z.string().min(1),
  why: z.string().min(1),
  kind: z.enum(ACTION_KINDS),
  dueInHours: z.number().int().positive().nullable().default(null),
  priority: z.enum(ACTION_PRIORITIES).default('MEDIUM'),
})

const playbookSchema = z.object({
  id: identifier,
  label: z.string().min(1),
  urgent: z.boolean().default(false),
  /** Every stated condition must hold; an empty `when` matches every company. */
  when: z
    .object({
      tiers: z.array(z.enum(TIERS)).optional(),
      trends: z.array(z.enum(TRENDS)).optional(),
      segments: z.array(z.string()).optional(),
      previousTiers: z.array(z.enum(TIERS)).optional(),
      minDaysInTier: nonNegative.optional(),
      maxChange30d: z.number().finite().optional(),
    })
    .default({}),
  actions: z.array(actionSchema).min(1, 'must have at least one action'),
})

const inputsSchema = z.object({
  activeUsers: z.string().min(1),
  baselineUsers: z.string().min(1),
  logins: z.string().min(1),
  coreFeatures: z.string().min(1),
  nps: z.string().min(1),
  csat: z.string().min(1),
  daysOverdue: z.string().min(1),
  renewalDate: z.string().min(1),
  /** Read in order when activities are not readable. */
  lastContacted: z.array(z.string().min(1)),
  scoreHistory: z.string().min(1),
  tickets: z.object({
    closedStages: z.array(z.string()),
    highPriorities: z.array(z.string()),
    escalatedPriorities: z.array(z.string()),
    howToCategories: z.array(z.string()),
    complaintCategories: z.array(z.string()),
  }),
  /** The CSM's own read (see `csm-sentiment.ts`); models written before it get the app's properties. */
  csmSentiment: z
    .object({
      property: z.string().min(1),
      atProperty: z.string().min(1),
      reasonProperty: z.string().min(1),
      maxAgeDays: z.number().int().positive(),
    })
    .default({
      property: 'health_csm_sentiment',
      atProperty: 'health_csm_sentiment_at',
      reasonProperty: 'health_csm_sentiment_reason',
      maxAgeDays: 90,
    }),
  recentDays: z.number().int().positive(),
  lookbackDays: z.number().int().positive(),
  renewalHorizonDays: z.number().int().positive(),
})

const share = z.number().min(0).max(1)

/**
 * How a model's weights were fitted to renewal outcomes (`calibrate`), when they were: the figures
 * its held-out backtest reached, so every model iteration carries its version, weights and accuracy.
 */
const calibrationSchema = z.strictObject({
  /** ISO-8601: when the weights were fitted. */
  fittedAt: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' }),
  /** The version of the model the fit started from. */
  basedOn: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version like 1.0.0'),
  /** Days before each outcome the companies were scored. */
  horizonDays: z.number().int().positive(),
  /** Outcomes the fit rests on, and how many of them churned. */
  outcomes: z.number().int().min(0),
  churned: z.number().int().min(0),
  /** Held-out AUC with its 95 % bootstrap interval, and the red band's figures. */
  auc: share,
  aucLow: share.nullable(),
  aucHigh: share.nullable(),
  redPrecision: share.nullable(),
  redRecall: share.nullable(),
  lift: z.number().min(0).nullable(),
})
export type ModelCalibration = z.output<typeof calibrationSchema>

const modelObjectSchema = z.object({
  id: identifier,
  version: z.string().regex(/^\d+\.\d+\.\d+$/, 'must be a semantic version like 1.0.0'),
  label: z.string().min(1),
  inputs: inputsSchema,
  components: z.array(componentSchema).min(1, 'must have at least one component'),
  /** Lower bounds of each tier; critical starts at 0. */
  tiers: z.object({
    healthy: nonNegative.max(100),
    neutral: nonNegative.max(100),
    at_risk: nonNegative.max(100),
  }),
  trafficLight: z.object({ green: nonNegative.max(100), yellow: nonNegative.max(100) }),
  trend: z.object({
    improvingAt: z.number().positive('must be > 0'),
    decliningAt: z.number().negative('must be < 0'),
  }),
  priority: z.object({ declineWeight: nonNegative }),
  /** Below this coverage (percent) a company is reported as not scorable rather than scored. */
  minCoverage: nonNegative.max(100),
  segments: z.array(segmentSchema).default([]),
  defaultSegment: z.object({ id: identifier, label: z.string().min(1) }),
  playbooks: z.array(playbookSchema).min(1, 'must have at least one playbook'),
  /** Present on a model whose weights `calibrate` fitted. */
  calibration: calibrationSchema.optional(),
})

export type HealthModel = z.output<typeof modelObjectSchema>
/** A model as written by hand: defaults may be left out. */
export type HealthModelInput = z.input<typeof modelObjectSchema>

/** The model schema, with the checks that span fields (unique ids, band order, tier order). */
export const healthModelSchema = modelObjectSchema.superRefine(checkConsistency)
export type ModelComponent = HealthModel['components'][number]
export type ModelSignal = ModelComponent['signals'][number]
export type ModelPlaybook = HealthModel['playbooks'][number]
export type ModelSegment = HealthModel['segments'][number]

/**
 * Validates a model. Every problem names its path, e.g. `components[2].weight: must be ≥ 0`.
 * @example
 * const parsed = parseModel(JSON.parse(text))
 * if (!parsed.success) console.error(formatIssues(parsed.issues))
 */
export function parseModel(input: unknown): Result<HealthModel> {
  const result = healthModelSchema.safeParse(input)
  if (result.success) return { success: true, value: result.data }
  const issues: Issue[] = result.error.issues.map((issue) => ({
    code: issue.code,
    path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
    message: issue.message,
  }))
  return { success: false, issues }
}

/** One line per issue: `path: message`. */
export function formatIssues(issues: readonly Issue[]): string {
  return issues.map((issue) => `${formatIssuePath(issue.path)}: ${issue.message}`).join('\n')
}

type Refinement = z.core.$RefinementCtx<HealthModel>

function checkConsistency(m: HealthModel, ctx: Refinement): void {
  const componentIds = new Set<string>()
  m.components.forEach((component, ci) => {
    if (componentIds.has(component.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['components', ci, 'id'],
        message: `duplicate component id '${component.id}'`,
      })
    }
    componentIds.add(component.id)
    component.signals.forEach((signal, si) =>
      checkSignal(signal, ['components', ci, 'signals', si], ctx),
    )
  })
  if (m.components.every((c) => c.weight === 0)) {
    ctx.addIssue({
      code: 'custom',
      path: ['components'],
      message: 'at least one component must have a weight > 0',
    })
  }
  if (!(
    m.tiers.healthy > m.tiers.neutral &&
    m.tiers.neutral > m.tiers.at_risk &&
    m.tiers.at_risk > 0
  )) {
    ctx.addIssue({
      code: 'custom',
      path: ['tiers'],
      message: 'bands must satisfy healthy > neutral > at_risk > 0',
    })
  }
  if (!(m.trafficLight.green > m.trafficLight.yellow)) {
    ctx.addIssue({ code: 'custom', path: ['trafficLight'], message: 'green must be above yellow' })
  }
  m.segments.forEach((segment, si) => {
    for (const id of Object.keys(segment.weights)) {
      if (!componentIds.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['segments', si, 'weights', id],
          message: `no component '${id}'`,
        })
      }
    }
  })
  const segmentIds = new Set([m.defaultSegment.id, ...m.segments.map((s) => s.id)])
  const playbookIds = new Set<string>()
  m.playbooks.forEach((playbook, pi) => {
    if (playbookIds.has(playbook.id)) {
      ctx.addIssue({
        code: 'custom',
        path: ['playbooks', pi, 'id'],
        message: `duplicate playbook id '${playbook.id}'`,
      })
    }
    playbookIds.add(playbook.id)
    for (const id of playbook.when.segments ?? []) {
      if (!segmentIds.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['playbooks', pi, 'when', 'segments'],
          message: `no segment '${id}'`,
        })
      }
    }
  })
}

function checkSignal(signal: ModelSignal, path: (string | number)[], ctx: Refinement): void {
  const { normalize, direction } = signal
  if (normalize.kind === 'linear' && !(normalize.max > normalize.min)) {
    ctx.addIssue({ code: 'custom', path: [...path, 'normalize'], message: 'max must be above min' })
  }
  if (normalize.kind !== 'bands') return
  const { bands } = normalize
  for (let i = 1; i < bands.length; i++) {
    const prev = bands[i - 1]!
    const band = bands[i]!
    if (!(band.from > prev.from)) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'normalize', 'bands', i, 'from'],
        message: 'bands must be in ascending order of `from`',
      })
    }
    const wrongWay =
      direction === 'higher_is_better' ? band.score < prev.score : band.score > prev.score
    if (wrongWay) {
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'normalize', 'bands', i, 'score'],
        message: `scores must ${direction === 'higher_is_better' ? 'rise' : 'fall'} as the value rises (direction ${direction})`,
      })
    }
  }
}
