import type { CompiledModel, CompiledSignal } from './compile-model.ts'
import { formatValue, isRedFlag, normalizeSignal } from './normalize.ts'
import type { ComponentResult, ComponentSignals, Driver, SignalSet } from './types.ts'

/** How many drivers a result names. */
export const MAX_DRIVERS = 3

/**
 * The (at most three) components that cost the most points, most costly first, each as one sentence
 * about its weakest signal, e.g. "Active users are at 42% of the onboarding baseline (−9 pts)".
 */
export function explainDrivers(
  model: CompiledModel,
  components: readonly ComponentResult[],
  weakest: readonly number[],
  values: SignalSet['values'],
): Driver[] {
  // Pick the three most costly by selection: no sort, no scratch array (ties keep model order).
  const drivers: Driver[] = []
  let taken = 0
  while (drivers.length < MAX_DRIVERS) {
    let pick = -1
    for (let i = 0; i < components.length; i++) {
      const lost = components[i]!.pointsLost
      if ((taken >> i) & 1 || components[i]!.score === null || lost < 0.5) continue
      if (pick < 0 || lost > components[pick]!.pointsLost) pick = i
    }
    if (pick < 0) break
    taken |= 1 << pick
    const component = components[pick]!
    const signal = model.components[pick]!.signals[weakest[pick]!]!
    drivers.push({
      componentId: component.id,
      signalId: signal.id,
      pointsLost: component.pointsLost,
      sentence: driverSentence(signal, values[signal.key]!, Math.round(component.pointsLost)),
    })
  }
  return drivers
}

/**
 * Every signal of every component: its raw value, its 0–100 score and any red flag. The detail
 * behind a result, for "test a record" views; the portal run does not need it.
 */
export function describeSignals(signals: SignalSet, model: CompiledModel): ComponentSignals[] {
  return model.components.map((component) => ({
    componentId: component.id,
    signals: component.signals.map((signal) => {
      const value = signals.values[signal.key] ?? null
      if (value === null)
        return { id: signal.id, label: signal.label, value: null, score: null, redFlag: null }
      return {
        id: signal.id,
        label: signal.label,
        value,
        score: Math.round(normalizeSignal(signal, value) * 10) / 10,
        redFlag: isRedFlag(signal, value) ? signal.redFlag!.message : null,
      }
    }),
  }))
}

/**
 * "Active users are at 42% of the onboarding baseline (−9 pts)". The sentence depends only on the
 * value to one decimal and the whole points lost, and a portal repeats those pairs endlessly, so
 * each signal remembers the sentences it has made (a few thousand at most).
 */
function driverSentence(signal: CompiledSignal, value: number, points: number): string {
  const key = Math.round(value * 10) * 128 + points
  let sentence = signal.sentences.get(key)
  if (sentence === undefined) {
    if (signal.sentences.size >= 4096) signal.sentences.clear()
    const text = `${signal.describeBefore}${formatValue(value, signal.unit)}${signal.describeAfter}`
    sentence = `${text.replaceAll('{s}', value === 1 ? '' : 's')} (−${points} pts)`
    signal.sentences.set(key, sentence)
  }
  return sentence
}
