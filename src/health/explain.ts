import type { CompiledModel } from './compile-model.ts'
import { formatValue } from './normalize.ts'
import type { ComponentResult, Driver } from './types.ts'

/**
 * The components that cost points, most costly first, each as one sentence about its weakest signal,
 * e.g. "Active users are at 42% of the onboarding baseline (−9 pts)".
 */
export function explainDrivers(
  model: CompiledModel,
  components: readonly ComponentResult[],
): Driver[] {
  const drivers: Driver[] = []
  for (let i = 0; i < components.length; i++) {
    const component = components[i]!
    if (component.score === null || component.pointsLost < 0.5) continue
    let weakest = -1
    for (let j = 0; j < component.signals.length; j++) {
      const s = component.signals[j]!.score
      if (s !== null && (weakest < 0 || s < component.signals[weakest]!.score!)) weakest = j
    }
    const signal = model.components[i]!.signals[weakest]!
    const value = component.signals[weakest]!.value!
    const points = Math.round(component.pointsLost)
    drivers.push({
      componentId: component.id,
      signalId: signal.id,
      pointsLost: component.pointsLost,
      sentence: `${signal.describeBefore}${formatValue(value, signal.unit)}${signal.describeAfter} (−${points} pts)`,
    })
  }
  return drivers.sort((a, b) => b.pointsLost - a.pointsLost)
}
