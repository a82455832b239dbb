/**
 * @module The engine: signals in, a decision out. Normalise each signal, combine them into component
 * scores, weigh the components (spreading the weight of those without data over the rest), then
 * tier, trend, priority, drivers and playbook. Pure: no I/O and no clock.
 */
import type { CompiledComponent, CompiledModel, CompiledSignal } from './compile-model.ts'
import { explainDrivers } from './explain.ts'
import { isRedFlag, normalizeSignal } from './normalize.ts'
import { selectPlaybook } from './playbooks.ts'
import { computeTrend, tierOf } from './trend.ts'
import type { ComponentResult, HealthResult, Result, SignalSet, TrafficLight } from './types.ts'

/** One component's reading: its score (null without data), its weakest signal and its red flags. */
interface ComponentReading {
  readonly score: number | null
  readonly weakest: CompiledSignal | null
  readonly redFlags: readonly string[]
}

/**
 * Scores one company from its signals.
 * @returns the health result, or issues when too little of the model is backed by data to score
 * @example
 * const result = scoreSignals(extractSignals(snapshot, model), model)
 * if (result.success) console.log(result.value.score, result.value.tier)
 */
export function scoreSignals(signals: SignalSet, model: CompiledModel): Result<HealthResult> {
  const segment = model.weightsBySegment.has(signals.segmentId)
    ? signals.segmentId
    : model.defaultSegmentId
  const weights = model.weightsBySegment.get(segment)!
  const readings = model.components.map((component) => readComponent(component, signals.values))

  const totalWeight = sum(weights)
  const backedWeight = sum(weights.filter((_, i) => readings[i]!.score !== null))
  const coverage = totalWeight > 0 ? Math.round((backedWeight / totalWeight) * 100) : 0
  if (backedWeight === 0 || coverage < model.model.minCoverage)
    return notScorable(signals, model, backedWeight, coverage)

  const weighted = sum(readings.map((r, i) => (r.score === null ? 0 : weights[i]! * r.score)))
  // Settle float noise first, so that scaling every weight cannot tip a score sitting on .5.
  const score = clamp(Math.round(Math.round((weighted / backedWeight) * 1e6) / 1e6), 0, 100)
  const components = model.components.map((component, i): ComponentResult => {
    const { score: componentScore, redFlags } = readings[i]!
    const share = componentScore === null ? 0 : weights[i]! / backedWeight
    return {
      id: component.id,
      label: component.label,
      weight: weights[i]!,
      effectiveWeight: share,
      score: componentScore === null ? null : round1(componentScore),
      pointsContributed: componentScore === null ? 0 : round1(share * componentScore),
      pointsLost: componentScore === null ? 0 : round1(share * (100 - componentScore)),
      redFlags,
    }
  })

  const tier = tierOf(score, model)
  const trend = computeTrend(signals.scoreHistory, score, signals.asOf, model)
  const decline = trend.change30d !== null && trend.change30d < 0 ? -trend.change30d : 0
  const weakest = readings.map((r) => r.weakest)
  const drivers = explainDrivers(components, weakest, signals)

  return {
    success: true,
    value: {
      companyId: signals.companyId,
      score,
      tier,
      trafficLight: trafficLightOf(score, model),
      segmentId: segment,
      components,
      coverage,
      trend,
      priority: round1(100 - score + model.model.priority.declineWeight * decline),
      drivers,
      topDriver: drivers[0]?.sentence ?? noDriver(components),
      redFlags: components.flatMap((c) => c.redFlags),
      playbook: selectPlaybook(model, { tier, segmentId: segment, trend }),
      diagnostics: signals.diagnostics,
      modelVersion: model.modelVersion,
      scoredAt: new Date(signals.asOf).toISOString(),
    },
  }
}

/** Combines a component's signals that have data by its rule: weighted mean, min or max. */
function readComponent(
  component: CompiledComponent,
  values: SignalSet['values'],
): ComponentReading {
  const scored = component.signals.flatMap((signal) => {
    const value = values[signal.key]
    if (value === null || value === undefined) return []
    return [{ signal, value, score: normalizeSignal(signal, value) }]
  })
  if (scored.length === 0) return { score: null, weakest: null, redFlags: [] }
  // The first of the lowest-scoring signals explains the component.
  const weakest = scored.reduce((low, s) => (s.score < low.score ? s : low))
  const redFlags = scored
    .filter((s) => isRedFlag(s.signal, s.value))
    .map((s) => s.signal.redFlag!.message)
  const scores = scored.map((s) => s.score)
  let score: number
  if (component.combine === 'min') score = Math.min(...scores)
  else if (component.combine === 'max') score = Math.max(...scores)
  else {
    // Signals weighted 0 still count as data; with no positive weight, they count equally.
    const weightSum = sum(scored.map((s) => s.signal.weight))
    score =
      weightSum > 0
        ? sum(scored.map((s) => s.signal.weight * s.score)) / weightSum
        : sum(scores) / scores.length
  }
  return { score, weakest: weakest.signal, redFlags }
}

function notScorable(
  signals: SignalSet,
  model: CompiledModel,
  backedWeight: number,
  coverage: number,
): Result<HealthResult> {
  const none = backedWeight === 0
  const message = none
    ? 'no component of the model has data for this company'
    : `only ${coverage}% of the model's weight has data, below the ${model.model.minCoverage}% needed to score`
  return {
    success: false,
    issues: [
      {
        code: none ? 'no_data' : 'insufficient_data',
        path: ['companies', signals.companyId],
        message,
      },
    ],
  }
}

/** The top driver when nothing costs as much as half a point, saying exactly that. */
function noDriver(components: readonly ComponentResult[]): string {
  return components.every((c) => c.score === null || c.score === 100)
    ? 'Nothing is costing points: every scored component is at 100'
    : 'No component is costing a whole point'
}

function trafficLightOf(score: number, model: CompiledModel): TrafficLight {
  const { green, yellow } = model.model.trafficLight
  return score >= green ? 'green' : score >= yellow ? 'yellow' : 'red'
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0)
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}
