/**
 * @module The engine: signals in, a decision out. Normalise each signal, combine them into component
 * scores, weigh the components (spreading the weight of those without data over the rest), then
 * tier, trend, priority, drivers and playbook. Pure: no I/O and no clock.
 */
import type { CompiledComponent, CompiledModel } from './compile-model.ts'
import { explainDrivers } from './explain.ts'
import { isRedFlag, normalizeSignal } from './normalize.ts'
import { selectPlaybook } from './playbooks.ts'
import { isoAt } from './time.ts'
import { computeTrend, tierOf } from './trend.ts'
import type { ComponentResult, HealthResult, Result, SignalSet, TrafficLight } from './types.ts'

const NO_FLAGS: readonly string[] = Object.freeze([])

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
  const totalWeight = model.totalWeightBySegment.get(segment)!
  const count = model.components.length
  const scores: number[] = new Array(count)
  const weakest: number[] = new Array(count)
  const flags: (readonly string[])[] = new Array(count)
  let backedWeight = 0
  let weighted = 0
  let flagCount = 0

  for (let i = 0; i < count; i++) {
    const score = scoreComponent(model.components[i]!, signals.values, weakest, flags, i)
    scores[i] = score
    flagCount += flags[i]!.length
    if (!Number.isNaN(score)) {
      backedWeight += weights[i]!
      weighted += weights[i]! * score
    }
  }

  const coverage = totalWeight > 0 ? Math.round((backedWeight / totalWeight) * 100) : 0
  if (backedWeight === 0 || coverage < model.model.minCoverage)
    return notScorable(signals, model, backedWeight, coverage)

  // Settle float noise first, so that scaling every weight cannot tip a score sitting on .5.
  const score = clampScore(Math.round(Math.round((weighted / backedWeight) * 1e6) / 1e6))
  const components: ComponentResult[] = new Array(count)
  const redFlags: string[] = flagCount ? [] : (NO_FLAGS as string[])
  for (let i = 0; i < count; i++) {
    const component = model.components[i]!
    const componentScore = scores[i]!
    const hasData = !Number.isNaN(componentScore)
    const share = hasData ? weights[i]! / backedWeight : 0
    components[i] = {
      id: component.id,
      label: component.label,
      weight: weights[i]!,
      effectiveWeight: share,
      score: hasData ? round1(componentScore) : null,
      pointsContributed: hasData ? round1(share * componentScore) : 0,
      pointsLost: hasData ? round1(share * (100 - componentScore)) : 0,
      redFlags: flags[i]!,
    }
    if (flagCount) for (const flag of flags[i]!) redFlags.push(flag)
  }

  const tier = tierOf(score, model)
  const trend = computeTrend(signals.scoreHistory, score, signals.asOf, model)
  const decline = trend.change30d !== null && trend.change30d < 0 ? -trend.change30d : 0
  const drivers = explainDrivers(model, components, weakest, signals)

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
      redFlags,
      playbook: selectPlaybook(model, { tier, segmentId: segment, trend }),
      diagnostics: signals.diagnostics,
      modelVersion: model.modelVersion,
      scoredAt: isoAt(signals.asOf),
    },
  }
}

/**
 * Scores one component: its score (NaN when none of its signals has data), its weakest signal into
 * `weakest[index]` and its red flags into `flags[index]`.
 */
function scoreComponent(
  component: CompiledComponent,
  values: SignalSet['values'],
  weakest: number[],
  flags: (readonly string[])[],
  index: number,
): number {
  const signals = component.signals
  let raised: string[] | null = null
  let sum = 0
  let weightSum = 0
  let seen = 0
  let best = -Infinity
  let worst = Infinity
  let worstAt = -1
  for (let j = 0; j < signals.length; j++) {
    const signal = signals[j]!
    const value = values[signal.key]
    if (value === null || value === undefined) continue
    const score = normalizeSignal(signal, value)
    if (isRedFlag(signal, value)) (raised ??= []).push(signal.redFlag!.message)
    sum += signal.weight * score
    weightSum += signal.weight
    seen++
    if (score > best) best = score
    if (score < worst) {
      worst = score
      worstAt = j
    }
  }
  weakest[index] = worstAt
  flags[index] = raised ?? NO_FLAGS
  if (seen === 0) return Number.NaN
  if (component.combine === 'min') return worst
  if (component.combine === 'max') return best
  // Signals weighted 0 still count as data; with no positive weight, they count equally.
  if (weightSum > 0) return sum / weightSum
  let plain = 0
  for (const signal of signals) {
    const value = values[signal.key]
    if (value !== null && value !== undefined) plain += normalizeSignal(signal, value)
  }
  return plain / seen
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

function clampScore(score: number): number {
  return score < 0 ? 0 : score > 100 ? 100 : score
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}
