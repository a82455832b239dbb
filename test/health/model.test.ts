import { describe, expect, it } from 'vitest'

import { DEFAULT_MODEL_INPUT, formatIssues, parseModel } from '../../src/health/index.ts'

const clone = () =>
  structuredClone(DEFAULT_MODEL_INPUT) as unknown as Record<string, unknown> & {
    components: {
      weight: number
      id: string
      signals: { normalize: unknown; direction: string }[]
    }[]
    tiers: Record<string, number>
    segments: { weights: Record<string, number> }[]
    playbooks: { id: string; when: Record<string, unknown> }[]
  }

function errorsOf(input: unknown): string {
  const parsed = parseModel(input)
  if (parsed.success) throw new Error('expected the model to be rejected')
  return formatIssues(parsed.issues)
}

describe(parseModel, () => {
  it('accepts the default model with six components weighted 30/20/15/15/10/10', () => {
    const parsed = parseModel(DEFAULT_MODEL_INPUT)
    expect(parsed.success).toBe(true)
    if (!parsed.success) return
    expect(parsed.value.components.map((c) => [c.id, c.weight])).toEqual([
      ['usage', 30],
      ['adoption', 20],
      ['support', 15],
      ['sentiment', 15],
      ['engagement', 10],
      ['contract', 10],
    ])
  })

  it('names the path and the problem of a negative weight', () => {
    const model = clone()
    model.components[2]!.weight = -1
    expect(errorsOf(model)).toBe('components[2].weight: must be ≥ 0')
  })

  it('rejects bands that contradict the signal direction', () => {
    const model = clone()
    model.components[1]!.signals[0]!.direction = 'lower_is_better'
    expect(errorsOf(model)).toContain(
      'components[1].signals[0].normalize.bands[1].score: scores must fall',
    )
  })

  it('rejects tiers out of order, duplicate ids and weights for unknown components', () => {
    const model = clone()
    model.tiers.neutral = 80
    model.components[1]!.id = 'usage'
    model.segments[0]!.weights.loyalty = 10
    const errors = errorsOf(model)
    expect(errors).toContain('tiers: bands must satisfy healthy > neutral > at_risk > 0')
    expect(errors).toContain("components[1].id: duplicate component id 'usage'")
    expect(errors).toContain("segments[0].weights.loyalty: no component 'loyalty'")
  })

  it('rejects an unknown signal source', () => {
    const model = clone()
    ;(model.components[0]!.signals[0] as unknown as { source: unknown }).source = 'vibes'
    expect(errorsOf(model)).toMatch(/^components\[0\]\.signals\[0\]\.source: /m)
  })

  it('rejects a playbook that names an unknown segment', () => {
    const model = clone()
    model.playbooks[0]!.when = { segments: ['galactic'] }
    expect(errorsOf(model)).toBe("playbooks[0].when.segments: no segment 'galactic'")
  })

  it('keeps how calibrate fitted a model, and rejects fit figures out of range', () => {
    const calibration = {
      fittedAt: '2026-11-01T00:00:00.000Z',
      basedOn: '1.0.0',
      horizonDays: 90,
      outcomes: 400,
      churned: 40,
      auc: 0.91,
      aucLow: 0.88,
      aucHigh: 0.94,
      redPrecision: 0.7,
      redRecall: null,
      lift: 7,
    }
    const parsed = parseModel({ ...clone(), calibration })
    expect(parsed.success && parsed.value.calibration).toEqual(calibration)
    expect(errorsOf({ ...clone(), calibration: { ...calibration, auc: 1.2 } })).toMatch(
      /^calibration\.auc: /,
    )
    expect(errorsOf({ ...clone(), calibration: { ...calibration, fittedAt: 'yesterday' } })).toBe(
      'calibration.fittedAt: must be an ISO-8601 date-time',
    )
  })

  it('rejects a model whose weights are all zero', () => {
    const model = clone()
    for (const component of model.components) component.weight = 0
    expect(errorsOf(model)).toContain('components: at least one component must have a weight > 0')
  })

  it('reports every problem of a model that is not an object at all', () => {
    expect(errorsOf('nope')).toMatch(/^\(root\): /)
  })
})
