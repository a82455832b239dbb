/**
 * @module The engine: signals in, a decision out. Normalise each signal, combine them into component
 * scores, weigh the components (spreading the weight of those without data over the rest), then
 * tier, trend, priority, drivers and playbook. Pure: no I/O and no clock.
 */
import type { CompiledComponent, CompiledModel } from './compile-model.ts'
import { explainDrivers } from './explain.ts'
import { isRedFlag, normalizeSignal } from './normalize.ts'
import { selectPlaybook } from './playbooks.ts'
import { computeTrend, tierOf } from './trend.ts'
import type {
  ComponentResult,
  HealthResult,
  Result,
  SignalResult,
  SignalSet,
  TrafficLight,
} from './types.ts'

/**
 * Scores one company from its signals.
 * @returns the health result, or issues when too little of the model is backed by data to score
 * @example
 * const result = scoreSignals(extractSignals(snapshot, model), model)
 * if (result.success) console.log(result.value.score, result.value.tier)
 */
export function scoreSignals(signals: SignalSet, model: CompiledModel): Result<HealthResult> {
  const weights =
    model.weightsBySegment.get(signals.segmentId) ??
    model.weightsBySegment.get(model.defaultSegmentId)!
  const totalWeight =
    model.totalWeightBySegment.get(signals.segmentId) ??
    model.totalWeightBySegment.get(model.defaultSegmentId)!
  const count = model.components.length
  const scores = new Float64Array(count)
  const partials: PartialComponent[] = new Array(count)
  let backedWeight = 0
  let weighted = 0

  for (let i = 0; i < count; i++) {
    const partial = scoreComponent(model.components[i]!, signals.values)
    partials[i] = partial
    scores[i] = partial.score ?? Number.NaN
    if (partial.score !== null) {
      backedWeight += weights[i]!
      weighted += weights[i]! * partial.score
    }
  }

  const coverage = totalWeight > 0 ? Math.round((backedWeight / totalWeight) * 100) : 0
  if (backedWeight === 0 || coverage < model.model.minCoverage) {
    const message =
      backedWeight === 0
        ? 'no component of the model has data for this company'
        : `only ${coverage}% of the model's weight has data, below the ${model.model.minCoverage}% needed to score`
    return {
      success: false,
      issues: [
        {
          code: backedWeight === 0 ? 'no_data' : 'insufficient_data',
          path: ['companies', signals.companyId],
          message,
        },
      ],
    }
  }

  const score = clampScore(Math.round(weighted / backedWeight))
  const components: ComponentResult[] = new Array(count)
  const redFlags: string[] = []
  for (let i = 0; i < count; i++) {
    const component = model.components[i]!
    const partial = partials[i]!
    const share = partial.score === null ? 0 : weights[i]! / backedWeight
    components[i] = {
      id: component.id,
      label: component.label,
      weight: weights[i]!,
      effectiveWeight: share,
      score: partial.score === null ? null : round1(partial.score),
      pointsContributed: partial.score === null ? 0 : round1(share * partial.score),
      pointsLost: partial.score === null ? 0 : round1(share * (100 - partial.score)),
      signals: partial.signals,
      redFlags: partial.redFlags,
    }
    for (const flag of partial.redFlags) redFlags.push(flag)
  }

  const tier = tierOf(score, model)
  const trend = computeTrend(signals.scoreHistory, score, signals.asOf, model)
  const decline = trend.change30d !== null && trend.change30d < 0 ? -trend.change30d : 0
  const drivers = explainDrivers(model, components)
  const playbook = selectPlaybook(model, { tier, segmentId: signals.segmentId, trend })

  return {
    success: true,
    value: {
      companyId: signals.companyId,
      score,
      tier,
      trafficLight: trafficLightOf(score, model),
      segmentId: signals.segmentId,
      components,
      coverage,
      trend,
      priority: round1(100 - score + model.model.priority.declineWeight * decline),
      drivers,
      topDriver:
        drivers[0]?.sentence ?? 'Nothing is costing points: every scored component is at 100',
      redFlags,
      playbook: playbook && {
        id: playbook.id,
        label: playbook.label,
        urgent: playbook.urgent,
        actions: playbook.actions,
      },
      diagnostics: signals.diagnostics,
      modelVersion: model.modelVersion,
      scoredAt: new Date(signals.asOf).toISOString(),
    },
  }
}

interface PartialComponent {
  readonly score: number | null
  readonly signals: SignalResult[]
  readonly redFlags: string[]
}

function scoreComponent(
  component: CompiledComponent,
  values: SignalSet['values'],
): PartialComponent {
  const results: SignalResult[] = new Array(component.signals.length)
  const redFlags: string[] = []
  let sum = 0
  let weightSum = 0
  let best = -Infinity
  let worst = Infinity
  for (let j = 0; j < component.signals.length; j++) {
    const signal = component.signals[j]!
    const value = values[signal.key] ?? null
    if (value === null) {
      results[j] = { id: signal.id, label: signal.label, value: null, score: null, redFlag: null }
      continue
    }
    const score = normalizeSignal(signal, value)
    const flagged = isRedFlag(signal, value)
    if (flagged) redFlags.push(signal.redFlag!.message)
    results[j] = {
      id: signal.id,
      label: signal.label,
      value,
      score: round1(score),
      redFlag: flagged ? signal.redFlag!.message : null,
    }
    sum += signal.weight * score
    weightSum += signal.weight
    if (score > best) best = score
    if (score < worst) worst = score
  }
  let score: number | null = null
  if (worst !== Infinity) {
    if (component.combine === 'min') score = worst
    else if (component.combine === 'max') score = best
    // Signals weighted 0 still count as data; with no positive weight, they count equally.
    else score = weightSum > 0 ? sum / weightSum : meanOf(results)
  }
  return { score, signals: results, redFlags }
}

function meanOf(results: SignalResult[]): number {
  let sum = 0
  let n = 0
  for (const r of results) {
    if (r.score === null) continue
    sum += r.score
    n++
  }
  return sum / n
}

function trafficLightOf(score: number, model: CompiledModel): TrafficLight {
  const { green, yellow } = model.model.trafficLight
  return score >= green ? 'green' : score >= yellow ? 'yellow' : 'red'
}

function clampScore(score: number): number {
  return score < 0 ? 0 : score > 100 ? 100 : score
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}
