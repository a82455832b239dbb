import type { HealthModelInput } from '../../../health/index.ts'

/** The company properties an admin may point the model at, grouped by what they feed. */
export const INPUT_FIELDS = [
  { key: 'activeUsers', feeds: 'Usage', label: 'Active users, last 30 days' },
  { key: 'baselineUsers', feeds: 'Usage', label: 'Active users in the onboarding month' },
  { key: 'logins', feeds: 'Usage', label: 'Logins, last 30 days' },
  { key: 'coreFeatures', feeds: 'Adoption', label: 'Core features used' },
  { key: 'nps', feeds: 'Sentiment', label: 'NPS (0–10)' },
  { key: 'daysOverdue', feeds: 'Contract', label: 'Days payment overdue' },
  { key: 'renewalDate', feeds: 'Contract', label: 'Renewal date' },
] as const satisfies readonly {
  key: keyof HealthModelInput['inputs']
  feeds: string
  label: string
}[]
export type InputKey = (typeof INPUT_FIELDS)[number]['key']

/** The tiers whose lower bound an admin sets; critical starts at 0. */
export const BAND_FIELDS = [
  { key: 'healthy', label: 'Healthy from' },
  { key: 'neutral', label: 'Neutral from' },
  { key: 'at_risk', label: 'At risk from' },
] as const satisfies readonly { key: keyof HealthModelInput['tiers']; label: string }[]
export type BandKey = (typeof BAND_FIELDS)[number]['key']

/** What the settings page edits: weights as whole percentages, the bands, the input properties. */
export interface ModelForm {
  readonly weights: Readonly<Record<string, number>>
  readonly bands: Readonly<Record<BandKey, number>>
  readonly inputs: Readonly<Record<InputKey, string>>
}

/** One problem with the form, at the field it concerns. */
export interface FormIssue {
  /** `weights`, `weights.usage`, `bands.neutral`, `inputs.nps`... */
  readonly field: string
  readonly message: string
}

/**
 * The form for a model: each component's weight as its share of the total, in whole percent.
 * @example
 * toForm(DEFAULT_MODEL_INPUT).weights // { usage: 30, adoption: 20, ... }
 */
export function toForm(model: HealthModelInput): ModelForm {
  const total = model.components.reduce((sum, component) => sum + component.weight, 0)
  const weights = Object.fromEntries(
    model.components.map((c) => [c.id, total > 0 ? Math.round((c.weight / total) * 100) : 0]),
  )
  const inputs = Object.fromEntries(INPUT_FIELDS.map(({ key }) => [key, model.inputs[key]]))
  return {
    weights,
    bands: {
      healthy: model.tiers.healthy,
      neutral: model.tiers.neutral,
      at_risk: model.tiers.at_risk,
    },
    inputs: inputs as Record<InputKey, string>,
  }
}

const PROPERTY_NAME = /^[a-z][a-z0-9_]*$/

/**
 * Everything wrong with the form, in the order the page shows it; empty when it can be saved.
 * @example
 * validateForm({ ...form, weights: { ...form.weights, usage: 25 } })
 * // [{ field: 'weights', message: 'The weights add up to 95%; they must add up to 100%' }]
 */
export function validateForm(form: ModelForm): FormIssue[] {
  const issues: FormIssue[] = []
  for (const [id, weight] of Object.entries(form.weights)) {
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
      issues.push({ field: `weights.${id}`, message: 'Use a whole percentage from 0 to 100' })
    }
  }
  const sum = Object.values(form.weights).reduce((total, weight) => total + weight, 0)
  if (sum !== 100) {
    issues.push({
      field: 'weights',
      message: `The weights add up to ${sum}%; they must add up to 100%`,
    })
  }
  for (const { key } of BAND_FIELDS) {
    const bound = form.bands[key]
    if (!Number.isInteger(bound) || bound < 1 || bound > 100) {
      issues.push({ field: `bands.${key}`, message: 'Use a whole score from 1 to 100' })
    }
  }
  const { healthy, neutral, at_risk } = form.bands
  if (!(healthy > neutral && neutral > at_risk)) {
    issues.push({
      field: 'bands',
      message: 'Each tier must start above the next: Healthy > Neutral > At risk > 0',
    })
  }
  for (const { key } of INPUT_FIELDS) {
    const name = form.inputs[key].trim()
    if (!PROPERTY_NAME.test(name)) {
      issues.push({
        field: `inputs.${key}`,
        message: 'Use a company property’s internal name, like nps_score',
      })
    }
  }
  return issues
}

/**
 * The model with the form applied: weights, bands and input properties replaced, the rest kept.
 * @example
 * const next = applyForm(settings.model, form) // then PUT /api/settings
 */
export function applyForm(model: HealthModelInput, form: ModelForm): HealthModelInput {
  const inputs = { ...model.inputs }
  for (const { key } of INPUT_FIELDS) inputs[key] = form.inputs[key].trim()
  return {
    ...model,
    inputs,
    tiers: { ...form.bands },
    components: model.components.map((component) => ({
      ...component,
      weight: form.weights[component.id] ?? component.weight,
    })),
  }
}
