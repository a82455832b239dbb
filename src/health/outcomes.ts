/**
 * @module Outcomes: which renewals a company won or lost, and when, read from its deals or from a
 * churn property. Pure; the rule is data (zod) so a portal can say how it records renewals.
 *
 * By default a deal counts when its `dealtype` is `existingbusiness` (HubSpot's "Existing
 * Business" option): stage `closedwon` is a renewal and `closedlost` churn, at its `closedate`.
 * These are the internal values of HubSpot's default sales pipeline (`default`).
 */
import { z } from 'zod'

import { readInstant } from './parse-instant.ts'
import type { PropertyValues, SnapshotRecord } from './types.ts'

const ids = z.array(z.string().min(1)).min(1)

/** Renewals and churn from deals. An empty or absent filter matches every deal. */
export const dealOutcomeRuleSchema = z
  .object({
    source: z.literal('deals'),
    /** Pipeline ids to read; absent: every pipeline. */
    pipelines: ids.optional(),
    /** Deal types that are renewals; absent: every type. */
    dealTypes: ids.optional(),
    /** A regular expression the deal name must match (case-insensitive); absent: any name. */
    namePattern: z
      .string()
      .min(1)
      .refine((text) => {
        try {
          new RegExp(text, 'i')
          return true
        } catch {
          return false
        }
      }, 'namePattern must be a valid regular expression')
      .optional(),
    renewedStages: ids.default(['closedwon']),
    churnedStages: ids.default(['closedlost']),
  })
  .strict()
  .refine((rule) => !rule.renewedStages.some((stage) => rule.churnedStages.includes(stage)), {
    message: 'a stage cannot be both renewed and churned',
    path: ['churnedStages'],
  })

/** Churn from a company property (e.g. a "churned" checkbox) and the property dating it. */
export const propertyOutcomeRuleSchema = z
  .object({
    source: z.literal('property'),
    churnProperty: z.string().min(1),
    /** Values of `churnProperty` that mean churned, compared case-insensitively. */
    churnValues: ids.default(['true']),
    dateProperty: z.string().min(1),
  })
  .strict()

export const outcomeRuleSchema = z.discriminatedUnion('source', [
  dealOutcomeRuleSchema,
  propertyOutcomeRuleSchema,
])
export type OutcomeRule = z.output<typeof outcomeRuleSchema>
export type OutcomeRuleInput = z.input<typeof outcomeRuleSchema>

/** The default rule: renewal deals of HubSpot's "Existing Business" type. */
export const DEFAULT_OUTCOME_RULE: OutcomeRule = outcomeRuleSchema.parse({
  source: 'deals',
  dealTypes: ['existingbusiness'],
})

/** The deal properties the deal rule reads. */
export const OUTCOME_DEAL_PROPERTIES = [
  'dealname',
  'dealtype',
  'pipeline',
  'dealstage',
  'closedate',
] as const

export type OutcomeKind = 'renewed' | 'churned'

/** One renewal decision. */
export interface Outcome {
  readonly companyId: string
  readonly kind: OutcomeKind
  /** When it was decided, epoch ms. */
  readonly at: number
  /** The deal it comes from, when it comes from a deal. */
  readonly dealId?: string
}

/**
 * Parses a rule from outside.
 * @throws Error with one line naming the first problem
 * @example parseOutcomeRule({ source: 'deals', pipelines: ['renewals'] })
 */
export function parseOutcomeRule(input: unknown): OutcomeRule {
  const parsed = outcomeRuleSchema.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  const where = issue.path.length ? `${issue.path.join('.')}: ` : ''
  throw new Error(`outcome rule: ${where}${issue.message}`)
}

/**
 * The outcomes of one company's deals, oldest first. A deal counts when it passes every filter,
 * sits in a renewed or churned stage and has a readable `closedate`; others are not outcomes
 * (open, new business, or undatable).
 * @example
 * dealOutcomes('101', deals, DEFAULT_OUTCOME_RULE) // [{ companyId: '101', kind: 'churned', … }]
 */
export function dealOutcomes(
  companyId: string,
  deals: readonly SnapshotRecord[],
  rule: Extract<OutcomeRule, { source: 'deals' }>,
): Outcome[] {
  const pattern = rule.namePattern ? new RegExp(rule.namePattern, 'i') : null
  const out: Outcome[] = []
  for (const deal of deals) {
    const p = deal.properties
    if (rule.pipelines && !rule.pipelines.includes(p.pipeline ?? '')) continue
    if (rule.dealTypes && !rule.dealTypes.includes(p.dealtype ?? '')) continue
    if (pattern && !pattern.test(p.dealname ?? '')) continue
    const stage = p.dealstage ?? ''
    const kind: OutcomeKind | null = rule.renewedStages.includes(stage)
      ? 'renewed'
      : rule.churnedStages.includes(stage)
        ? 'churned'
        : null
    const at = readInstant(p.closedate)
    if (kind === null || at === null) continue
    out.push({ companyId, kind, at, dealId: deal.id })
  }
  return out.sort((a, b) => a.at - b.at)
}

/**
 * The churn a company property records: one `churned` outcome at the date property, or none (not
 * churned, or no readable date). A property rule records no renewals.
 * @example propertyOutcome('7', { churned: 'true', churned_on: '2026-02-01' }, rule)
 */
export function propertyOutcome(
  companyId: string,
  properties: PropertyValues,
  rule: Extract<OutcomeRule, { source: 'property' }>,
): Outcome | null {
  const value = (properties[rule.churnProperty] ?? '').trim().toLowerCase()
  if (!rule.churnValues.some((churned) => churned.toLowerCase() === value)) return null
  const at = readInstant(properties[rule.dateProperty])
  return at === null ? null : { companyId, kind: 'churned', at }
}

/**
 * The outcomes of one company under `rule`, oldest first: from its deals, or from its churn
 * property. Null when the rule reads deals and they could not be read (unknown, not "none").
 * @example companyOutcomes('101', company.properties, deals, DEFAULT_OUTCOME_RULE)
 */
export function companyOutcomes(
  companyId: string,
  properties: PropertyValues,
  deals: readonly SnapshotRecord[] | null,
  rule: OutcomeRule,
): Outcome[] | null {
  if (rule.source === 'property') {
    const outcome = propertyOutcome(companyId, properties, rule)
    return outcome ? [outcome] : []
  }
  return deals === null ? null : dealOutcomes(companyId, deals, rule)
}

/** The company properties `rule` reads (none for a deal rule). */
export function outcomeCompanyProperties(rule: OutcomeRule): string[] {
  return rule.source === 'property' ? [rule.churnProperty, rule.dateProperty] : []
}
