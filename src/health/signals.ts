/**
 * @module Signal extraction: a company snapshot (properties, tickets, engagements, history) in,
 * raw signal values out. Values typed by humans are read leniently and every fix-up is reported as
 * a diagnostic. Nothing dated after `asOf` is counted, so a snapshot can be scored as of the past.
 */
import type { CompiledModel } from './compile-model.ts'
import { normalizeText } from './compile-model.ts'
import { readCsmSentiment } from './csm-sentiment.ts'
import type { BuiltInSignal } from './model.ts'
import { readFiniteNumber } from './parse-finite-number.ts'
import { readInstant } from './parse-instant.ts'
import type { NumberRule } from './parse-value.ts'
import { diag, parseDate, parseNumber } from './parse-value.ts'
import type { EngagementSignals } from './signals-engagements.ts'
import { readEngagements } from './signals-engagements.ts'
import { readTickets } from './signals-tickets.ts'
import { DAY_MS } from './time.ts'
import type {
  CompanySnapshot,
  Diagnostic,
  ScorePoint,
  SignalBasis,
  SignalNote,
  SignalSet,
} from './types.ts'

const COUNT: NumberRule = { min: 0, belowMin: 'ignore' }
// A score off its scale is a typo, not a reading: clamping it would put words in the customer's mouth.
const NPS: NumberRule = { min: 0, max: 10, scale: 10, belowMin: 'ignore', aboveMax: 'ignore' }
const CSAT: NumberRule = { min: 1, max: 5, scale: 5, belowMin: 'ignore', aboveMax: 'ignore' }
const OVERDUE: NumberRule = { min: 0, belowMin: 'clamp' }
const ANY: NumberRule = {}

type BuiltInValues = Record<BuiltInSignal, number | null>

/**
 * Extracts the raw signals the model reads from one snapshot.
 * @example
 * const signals = extractSignals(snapshot, compileModel(DEFAULT_MODEL))
 * signals.values.usage_vs_baseline // 42 (percent of the onboarding baseline)
 */
export function extractSignals(snapshot: CompanySnapshot, model: CompiledModel): SignalSet {
  const sink: Diagnostic[] = []
  const notes: Record<string, SignalNote> = {}
  const { inputs } = model.model
  const { asOf } = snapshot
  const props = snapshot.properties
  const readProperty = (name: string, rule: NumberRule) =>
    parseNumber(props[name], ['properties', name], rule, sink)

  const usage = readUsage(snapshot, model, sink)
  if (usage.loginsBasis) notes.logins_per_user_30d = { basis: usage.loginsBasis }

  const touches = readEngagements(snapshot.engagements, asOf, inputs, sink)
  const touch = lastTouch(snapshot, model, touches, sink)
  if (touch.basis) notes.days_since_two_way_touch = { basis: touch.basis }

  const tickets = readTickets(snapshot.tickets, asOf, inputs, sink)
  const coreFeatures = readProperty(inputs.coreFeatures, COUNT)
  const nps = readProperty(inputs.nps, NPS)
  const csat = readProperty(inputs.csat, CSAT)
  const daysOverdue = readProperty(inputs.daysOverdue, OVERDUE)
  const renewal = renewalRunway(snapshot, model, touch.at, sink)
  if (renewal.basis) notes.renewal_days_untouched = { basis: renewal.basis }
  const csm = readCsmSentiment(props, asOf, inputs.csmSentiment, sink)
  if (csm.reason) notes.csm_sentiment = { reason: csm.reason }

  const values: BuiltInValues & Record<string, number | null> = {
    usage_vs_baseline: usage.vsBaseline,
    logins_per_user_30d: usage.loginsPerUser,
    core_features_used: coreFeatures,
    open_tickets: tickets?.open ?? null,
    high_priority_tickets_30d: tickets?.highPriorityRecent ?? null,
    escalated_tickets_30d: tickets?.escalatedRecent ?? null,
    median_hours_to_close: tickets?.medianHoursToClose ?? null,
    complaint_share: tickets?.complaintShare ?? null,
    nps,
    csat,
    days_since_two_way_touch: touch.days,
    two_way_touches_90d: touches?.twoWayInLookback ?? null,
    unanswered_outreach: touches?.unansweredOutreach ?? null,
    meeting_show_rate: touches?.meetingShowRate ?? null,
    days_payment_overdue: daysOverdue,
    renewal_days_untouched: renewal.days,
    csm_sentiment: csm.value,
  }
  for (const custom of model.customProperties) {
    values[custom.key] = parseNumber(props[custom.property], custom.path, ANY, sink)
  }

  return {
    companyId: snapshot.companyId,
    asOf,
    segmentId: matchSegment(snapshot, model),
    values,
    notes,
    scoreHistory: readScoreHistory(snapshot, model),
    diagnostics: sink,
  }
}

/**
 * Active users as a percentage of the onboarding baseline, and logins per active user (per
 * baseline user, a fallback, when the active users are unknown).
 */
function readUsage(snapshot: CompanySnapshot, model: CompiledModel, sink: Diagnostic[]) {
  const { inputs } = model.model
  const props = snapshot.properties
  const read = (name: string) => parseNumber(props[name], ['properties', name], COUNT, sink)
  const users = read(inputs.activeUsers)
  const baseline = read(inputs.baselineUsers)
  const logins = read(inputs.logins)

  const vsBaseline = users !== null && baseline !== null ? ratio(users, baseline, 100) : null
  if (vsBaseline === 'incomparable') {
    sink.push(
      diag(
        'zero_baseline',
        ['properties', inputs.baselineUsers],
        `the onboarding baseline is ${baseline === 0 ? '0' : 'too small'}; usage cannot be compared with it`,
        props[inputs.baselineUsers],
        'ignored',
      ),
    )
  }
  const perHead = users ?? baseline
  const loginsPerUser = logins !== null && perHead !== null ? ratio(logins, perHead, 1) : null
  return {
    vsBaseline: vsBaseline === 'incomparable' ? null : vsBaseline,
    loginsPerUser: loginsPerUser === 'incomparable' ? null : loginsPerUser,
    loginsBasis:
      users === null && typeof loginsPerUser === 'number' ? ('fallback' as const) : undefined,
  }
}

/** `part / whole × scale` to one decimal; 'incomparable' when `whole` is 0 or the ratio is not finite. */
function ratio(part: number, whole: number, scale: number): number | 'incomparable' {
  const value = Math.round((part / whole) * scale * 10) / 10
  return whole > 0 && Number.isFinite(value) ? value : 'incomparable'
}

/**
 * Days since the last two-way touch. With none on record, the value is twice the lookback and
 * means "more than that"; a last-contacted property stands in when no activity says more.
 */
function lastTouch(
  snapshot: CompanySnapshot,
  model: CompiledModel,
  touches: EngagementSignals | null,
  sink: Diagnostic[],
): { at: number | null; days: number | null; basis?: SignalBasis } {
  const { asOf } = snapshot
  const daysSince = (at: number) => Math.max(0, Math.floor((asOf - at) / DAY_MS))
  if (touches?.lastTwoWay != null) {
    return { at: touches.lastTwoWay, days: daysSince(touches.lastTwoWay) }
  }
  const contacted = readLastContacted(snapshot, model, sink)
  if (contacted !== null) return { at: contacted, days: daysSince(contacted), basis: 'fallback' }
  if (touches === null) return { at: null, days: null }
  return { at: null, days: model.model.inputs.lookbackDays * 2, basis: 'more_than' }
}

/**
 * Days until an untouched renewal. A renewal beyond the horizon, or one touched recently, counts
 * as the full horizon and means "no untouched renewal within it".
 */
function renewalRunway(
  snapshot: CompanySnapshot,
  model: CompiledModel,
  lastTouchAt: number | null,
  sink: Diagnostic[],
): { days: number | null; basis?: SignalBasis } {
  const { inputs } = model.model
  const { asOf } = snapshot
  const renewal = parseDate(
    snapshot.properties[inputs.renewalDate],
    ['properties', inputs.renewalDate],
    { asOf, future: 'allow', past: 'ignore' },
    sink,
  )
  if (renewal === null) return { days: null }
  const daysLeft = Math.max(0, Math.floor((renewal - asOf) / DAY_MS))
  const touchedRecently = lastTouchAt !== null && lastTouchAt >= asOf - inputs.recentDays * DAY_MS
  if (daysLeft >= inputs.renewalHorizonDays || touchedRecently) {
    return { days: inputs.renewalHorizonDays, basis: 'more_than' }
  }
  return { days: daysLeft }
}

function readLastContacted(
  snapshot: CompanySnapshot,
  model: CompiledModel,
  sink: Diagnostic[],
): number | null {
  let latest: number | null = null
  for (const name of model.model.inputs.lastContacted) {
    const at = parseDate(
      snapshot.properties[name],
      ['properties', name],
      { asOf: snapshot.asOf, future: 'ignore' },
      sink,
    )
    if (at !== null && (latest === null || at > latest)) latest = at
  }
  return latest
}

function matchSegment(snapshot: CompanySnapshot, model: CompiledModel): string {
  for (const segment of model.segments) {
    const matches = segment.match.every((condition) => {
      const raw = snapshot.properties[condition.property]
      if (raw === null || raw === undefined) return false
      if (condition.in && !condition.in.has(normalizeText(raw))) return false
      if (condition.gte === undefined && condition.lt === undefined) return true
      // Segment inputs are read quietly: a messy revenue only means the default segment applies.
      const value = parseNumber(raw, [], ANY, [])
      if (value === null) return false
      return (
        (condition.gte === undefined || value >= condition.gte) &&
        (condition.lt === undefined || value < condition.lt)
      )
    })
    if (matches) return segment.id
  }
  return model.defaultSegmentId
}

/** The app's own past scores (0–100), oldest first, up to `asOf`. */
function readScoreHistory(snapshot: CompanySnapshot, model: CompiledModel): ScorePoint[] {
  const history = snapshot.propertyHistory?.[model.model.inputs.scoreHistory]
  if (!history || history.length === 0) return []
  const points: ScorePoint[] = []
  for (const entry of history) {
    const score = readFiniteNumber(entry.value)
    const at = readInstant(entry.timestamp)
    // A past score outside 0–100 is not one of ours: it would only skew the trend.
    const valid = score !== null && score >= 0 && score <= 100
    if (valid && at !== null && at <= snapshot.asOf) points.push({ at, score })
  }
  // HubSpot lists history newest first.
  return points.sort((a, b) => a.at - b.at)
}
