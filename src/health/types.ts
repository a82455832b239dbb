/**
 * @module The engine's shared types: what goes in (a company snapshot), what comes out (a health
 * result), and the issues and diagnostics that carry every failure as data.
 */

/** The four health tiers, best first. The `health_tier` property's options. */
export const TIERS = ['healthy', 'neutral', 'at_risk', 'critical'] as const
export type TierId = (typeof TIERS)[number]

/** The `health_trend` property's options. */
export const TRENDS = ['improving', 'stable', 'declining'] as const
export type TrendId = (typeof TRENDS)[number]

export const TRAFFIC_LIGHTS = ['green', 'yellow', 'red'] as const
export type TrafficLight = (typeof TRAFFIC_LIGHTS)[number]

export const ENGAGEMENT_TYPES = ['call', 'email', 'meeting', 'note', 'task'] as const
export type EngagementType = (typeof ENGAGEMENT_TYPES)[number]

/** Where in an input a problem sits, e.g. `['components', 2, 'weight']`. */
export type IssuePath = readonly (string | number)[]

/** A problem that stops something being used: an invalid model, a company that cannot be scored. */
export interface Issue {
  readonly code: string
  readonly path: IssuePath
  readonly message: string
  readonly input?: unknown
}

/**
 * A problem with one input value that the engine worked around: the value was read as something
 * sensible, clamped, or treated as missing. It never stops a score.
 */
export interface Diagnostic extends Issue {
  readonly code: DiagnosticCode
  /** What the engine did with the value. */
  readonly action: 'ignored' | 'clamped' | 'interpreted'
}

export const DIAGNOSTIC_CODES = [
  'empty_value',
  'placeholder_value',
  'unparseable_number',
  'negative_value',
  'out_of_range',
  'interpreted_value',
  'invalid_date',
  'future_date',
  'past_date',
  'zero_baseline',
] as const
export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number]

export type Result<T> =
  | { readonly success: true; readonly value: T }
  | { readonly success: false; readonly issues: readonly Issue[] }

/** Property values as they are on the wire: strings typed by humans, or null. */
export type PropertyValues = Readonly<Record<string, string | null | undefined>>

export interface SnapshotRecord {
  readonly id: string
  readonly properties: PropertyValues
}

export interface SnapshotEngagement extends SnapshotRecord {
  readonly type: EngagementType
}

export interface HistoryPoint {
  readonly value: string | null
  /** ISO-8601, or epoch milliseconds as a string. */
  readonly timestamp: string
}

/** Everything the engine knows about one company, as of one moment. */
export interface CompanySnapshot {
  readonly companyId: string
  /** The moment the score describes, in epoch milliseconds. Nothing after it is counted. */
  readonly asOf: number
  readonly properties: PropertyValues
  /** Property history, newest or oldest first; at least `health_score` for the trend. */
  readonly propertyHistory?: Readonly<Record<string, readonly HistoryPoint[]>>
  /** The company's tickets, or null when the portal does not let us read them. */
  readonly tickets: readonly SnapshotRecord[] | null
  /** Calls, emails, meetings, notes and tasks, or null when they are not readable. */
  readonly engagements: readonly SnapshotEngagement[] | null
}

/** A past score, parsed. */
export interface ScorePoint {
  readonly at: number
  readonly score: number
}

/**
 * How a signal's value came about when it is not a plain reading, so that its sentence claims only
 * what is known:
 * - `more_than`: the value is a limit and the real figure lies beyond it (with no two-way touch on
 *   record, "no two-way touch in the last 180 days");
 * - `fallback`: the value comes from a stand-in source (a last-contacted date, which may have been
 *   one-way, standing in for the last two-way touch).
 */
export const SIGNAL_BASES = ['more_than', 'fallback'] as const
export type SignalBasis = (typeof SIGNAL_BASES)[number]

/** What a signal's sentence must say besides its value. */
export interface SignalNote {
  readonly basis?: SignalBasis
  /** Words a person wrote with the value, quoted after its sentence: the CSM's reason. */
  readonly reason?: string
}

/** The raw signal values of one company, ready for the engine. */
export interface SignalSet {
  readonly companyId: string
  readonly asOf: number
  /** The segment whose weights apply. */
  readonly segmentId: string
  /** Signal values by source key; null where there is no data. */
  readonly values: Readonly<Record<string, number | null>>
  /** Notes on values that are not plain readings, by source key. */
  readonly notes?: Readonly<Record<string, SignalNote>>
  /** Past scores, oldest first. */
  readonly scoreHistory: readonly ScorePoint[]
  readonly diagnostics: readonly Diagnostic[]
}

export interface SignalResult {
  readonly id: string
  readonly label: string
  /** The raw value, or null when there was no data. */
  readonly value: number | null
  /** The value normalised to 0–100, or null. */
  readonly score: number | null
  readonly redFlag: string | null
  /** The value in a sentence, e.g. "NPS is 6/10", or null when there was no data. */
  readonly sentence: string | null
}

export interface ComponentResult {
  readonly id: string
  readonly label: string
  /** The weight the model (or the segment) gives this component. */
  readonly weight: number
  /** The share of the score this component carries after missing components drop out, 0–1. */
  readonly effectiveWeight: number
  /** 0–100, or null when none of its signals had data. */
  readonly score: number | null
  readonly pointsContributed: number
  readonly pointsLost: number
  readonly redFlags: readonly string[]
}

/** One component's signals in detail, from `describeSignals`: the "test a record" view. */
export interface ComponentSignals {
  readonly componentId: string
  readonly signals: readonly SignalResult[]
}

export interface Driver {
  readonly componentId: string
  readonly signalId: string
  readonly pointsLost: number
  /** One line, e.g. "Active users are at 42% of the onboarding baseline (−9 pts)". */
  readonly sentence: string
}

export interface Trend {
  readonly direction: TrendId
  readonly change30d: number | null
  readonly change90d: number | null
  /** The tier the company was in 30 days ago, when known. */
  readonly previousTier: TierId | null
  /** How long the company has been in its current tier, by its score history. */
  readonly daysInTier: number
}

export const ACTION_KINDS = ['task', 'note', 'email', 'link'] as const
export type ActionKind = (typeof ACTION_KINDS)[number]

export const ACTION_PRIORITIES = ['LOW', 'MEDIUM', 'HIGH'] as const
export type ActionPriority = (typeof ACTION_PRIORITIES)[number]

export interface PlaybookAction {
  readonly id: string
  readonly title: string
  readonly why: string
  readonly kind: ActionKind
  readonly dueInHours: number | null
  readonly priority: ActionPriority
}

export interface PlaybookChoice {
  readonly id: string
  readonly label: string
  readonly urgent: boolean
  readonly actions: readonly PlaybookAction[]
}

/** Everything the engine decides about one company. */
export interface HealthResult {
  readonly companyId: string
  /** 0–100, an integer. */
  readonly score: number
  readonly tier: TierId
  readonly trafficLight: TrafficLight
  readonly segmentId: string
  readonly components: readonly ComponentResult[]
  /** The percentage of model weight backed by data, 0–100. */
  readonly coverage: number
  readonly trend: Trend
  /** A ranking key: higher is more urgent. A falling account outranks a steady one at the same score. */
  readonly priority: number
  /** The components costing points, most costly first. */
  readonly drivers: readonly Driver[]
  readonly topDriver: string
  readonly redFlags: readonly string[]
  readonly playbook: PlaybookChoice | null
  readonly diagnostics: readonly Diagnostic[]
  /** `<model id>@<version>`. */
  readonly modelVersion: string
  /** ISO-8601: the `asOf` the score describes. */
  readonly scoredAt: string
}
