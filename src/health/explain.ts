import type { CompiledModel, CompiledSignal } from './compile-model.ts'
import { formatValue, isRedFlag, normalizeSignal } from './normalize.ts'
import type { ComponentResult, ComponentSignals, Driver, SignalBasis, SignalSet } from './types.ts'

/** How many drivers a result names. */
export const MAX_DRIVERS = 3

/**
 * The (at most three) components that cost the most points, most costly first (ties in model
 * order), each as one sentence about its weakest signal, e.g. "Active users are at 42% of the
 * onboarding baseline (−9 pts)". A component losing less than half a point is no driver.
 */
export function explainDrivers(
  components: readonly ComponentResult[],
  weakest: readonly (CompiledSignal | null)[],
  signals: Pick<SignalSet, 'values' | 'notes'>,
): Driver[] {
  return components
    .flatMap((component, i) => {
      const signal = weakest[i]
      return signal && component.pointsLost >= 0.5 ? [{ component, signal }] : []
    })
    .sort((a, b) => b.component.pointsLost - a.component.pointsLost)
    .slice(0, MAX_DRIVERS)
    .map(({ component, signal }) => ({
      componentId: component.id,
      signalId: signal.id,
      pointsLost: component.pointsLost,
      sentence: driverSentence(signal, signals, Math.round(component.pointsLost)),
    }))
}

/**
 * Every signal of every component: its raw value, its 0–100 score, any red flag and its sentence.
 * The detail behind a result, for "test a record" views; the portal run does not need it.
 * @example
 * describeSignals(extractSignals(snapshot, model), model)[0]!.signals[0]!.sentence
 * // 'Active users are at 42% of the onboarding baseline'
 */
export function describeSignals(signals: SignalSet, model: CompiledModel): ComponentSignals[] {
  return model.components.map((component) => ({
    componentId: component.id,
    signals: component.signals.map((signal) => {
      const value = signals.values[signal.key] ?? null
      if (value === null) {
        return {
          id: signal.id,
          label: signal.label,
          value: null,
          score: null,
          redFlag: null,
          sentence: null,
        }
      }
      return {
        id: signal.id,
        label: signal.label,
        value,
        score: Math.round(normalizeSignal(signal, value) * 10) / 10,
        redFlag: isRedFlag(signal, value) ? signal.redFlag!.message : null,
        sentence: signalSentence(signal, signals),
      }
    }),
  }))
}

/**
 * A signal's value in a sentence, saying what is known and no more: a value that is a limit or a
 * fallback gets the signal's sentence for that basis, and a person's reason is quoted after it.
 * @example signalSentence(nps, { values: { nps: 6 } }) // 'NPS is 6/10'
 */
export function signalSentence(
  signal: CompiledSignal,
  signals: Pick<SignalSet, 'values' | 'notes'>,
): string {
  const value = signals.values[signal.key]!
  const note = signals.notes?.[signal.key]
  const template = note?.basis
    ? (signal.describeAs[note.basis] ?? GENERIC_DESCRIPTIONS[note.basis](signal.label))
    : signal.describe
  const shown = signal.valueLabels[String(value)] ?? formatValue(value, signal.unit)
  const sentence = template.replace('{value}', shown).replaceAll('{s}', value === 1 ? '' : 's')
  return note?.reason ? `${sentence}: ${note.reason}` : sentence
}

const GENERIC_DESCRIPTIONS = {
  more_than: (label: string) => `${label}: more than {value}`,
  fallback: (label: string) => `${label}: {value} (estimated)`,
} as const satisfies Record<SignalBasis, (label: string) => string>

/** "Active users are at 42% of the onboarding baseline (−9 pts)". */
function driverSentence(
  signal: CompiledSignal,
  signals: Pick<SignalSet, 'values' | 'notes'>,
  points: number,
): string {
  return `${signalSentence(signal, signals)} (−${points} pt${points === 1 ? '' : 's'})`
}
