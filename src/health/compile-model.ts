/**
 * @module Compiling a validated model into the form the engine reads: source keys resolved,
 * segment weights listed in component order, tier bounds and playbook choices laid out.
 */
import type { BuiltInSignal, HealthModel, ModelPlaybook, ModelSignal } from './model.ts'
import type { IssuePath, PlaybookChoice, SignalBasis, TierId } from './types.ts'

export interface CompiledSignal {
  readonly id: string
  readonly label: string
  /** The key in `SignalSet.values`: a built-in signal name or `property:<name>`. */
  readonly key: string
  readonly higherIsBetter: boolean
  readonly normalize: ModelSignal['normalize']
  readonly weight: number
  /** The sentence template of a plain reading, and of values that are not (see `SignalBasis`). */
  readonly describe: string
  readonly describeAs: Readonly<Partial<Record<SignalBasis, string>>>
  readonly valueLabels: Readonly<Record<string, string>>
  readonly unit: string
  readonly redFlag: {
    readonly op: 'lt' | 'lte' | 'gt' | 'gte'
    readonly value: number
    readonly message: string
  } | null
}

export interface CompiledComponent {
  readonly id: string
  readonly label: string
  readonly combine: 'mean' | 'min' | 'max'
  readonly signals: readonly CompiledSignal[]
}

export interface CompiledSegment {
  readonly id: string
  readonly match: readonly {
    property: string
    gte?: number
    lt?: number
    in?: ReadonlySet<string>
  }[]
}

/** A model ready for the engine. Build it once per run with `compileModel`. */
export interface CompiledModel {
  readonly model: HealthModel
  readonly modelVersion: string
  readonly components: readonly CompiledComponent[]
  /** Component weights by segment id, in component order. */
  readonly weightsBySegment: ReadonlyMap<string, readonly number[]>
  readonly segments: readonly CompiledSegment[]
  readonly defaultSegmentId: string
  /** Company properties read as custom numeric signals. */
  readonly customProperties: readonly { key: string; property: string; path: IssuePath }[]
  readonly tierBounds: readonly { tier: TierId; min: number }[]
  readonly playbooks: readonly {
    readonly when: ModelPlaybook['when']
    readonly choice: PlaybookChoice
  }[]
}

/** The key a signal's value is stored under in a `SignalSet`. */
export function sourceKey(source: BuiltInSignal | { property: string }): string {
  return typeof source === 'string' ? source : `property:${source.property}`
}

/** Compiles a model that `parseModel` accepted. */
export function compileModel(model: HealthModel): CompiledModel {
  const components = model.components.map((component) => ({
    id: component.id,
    label: component.label,
    combine: component.combine,
    signals: component.signals.map((signal): CompiledSignal => ({
      id: signal.id,
      label: signal.label,
      key: sourceKey(signal.source),
      higherIsBetter: signal.direction === 'higher_is_better',
      normalize: signal.normalize,
      weight: signal.weight,
      describe: signal.describe,
      describeAs: signal.describeAs,
      valueLabels: signal.valueLabels ?? {},
      unit: signal.unit,
      redFlag: signal.redFlag ?? null,
    })),
  }))

  const weightsBySegment = new Map<string, readonly number[]>([
    [model.defaultSegment.id, model.components.map((c) => c.weight)],
  ])
  for (const segment of model.segments) {
    weightsBySegment.set(
      segment.id,
      model.components.map((c) => segment.weights[c.id] ?? c.weight),
    )
  }

  const customProperties = new Map<string, { key: string; property: string; path: IssuePath }>()
  for (const component of model.components) {
    for (const signal of component.signals) {
      if (typeof signal.source === 'string') continue
      const { property } = signal.source
      customProperties.set(property, {
        key: sourceKey(signal.source),
        property,
        path: ['properties', property],
      })
    }
  }

  return {
    model,
    modelVersion: `${model.id}@${model.version}`,
    components,
    weightsBySegment,
    segments: model.segments.map((segment) => ({
      id: segment.id,
      match: segment.match.map((m) => ({
        ...m,
        in: m.in ? new Set(m.in.map(normalizeText)) : undefined,
      })),
    })),
    defaultSegmentId: model.defaultSegment.id,
    customProperties: [...customProperties.values()],
    tierBounds: [
      { tier: 'healthy', min: model.tiers.healthy },
      { tier: 'neutral', min: model.tiers.neutral },
      { tier: 'at_risk', min: model.tiers.at_risk },
      { tier: 'critical', min: 0 },
    ],
    playbooks: model.playbooks.map(({ when, id, label, urgent, actions }) => ({
      when,
      choice: { id, label, urgent, actions },
    })),
  }
}

/** How enumeration-like values are compared: trimmed, lower case. */
export function normalizeText(value: string): string {
  return value.trim().toLowerCase()
}
