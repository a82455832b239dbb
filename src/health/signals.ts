/**
 * @module Signal extraction: a company snapshot (properties, tickets, engagements, history) in,
 * raw signal values out. Values typed by humans are read leniently and every fix-up is reported as
 * a diagnostic. Nothing dated after `asOf` is counted, so a snapshot can be scored as of the past.
 */
import type { CompiledModel } from './compile-model.ts'
import { normalizeText } from './compile-model.ts'
import type { BuiltInSignal } from './model.ts'
import { readFiniteNumber } from './parse-finite-number.ts'
import { readInstant } from './parse-instant.ts'
import type { NumberRule } from './parse-value.ts'
import { diag, parseDate, parseNumber } from './parse-value.ts'
import { readEngagements } from './signals-engagements.ts'
import { readTickets } from './signals-tickets.ts'
import { DAY_MS } from './time.ts'
import type { CompanySnapshot, Diagnostic, ScorePoint, SignalSet } from './types.ts'

const COUNT: NumberRule = { min: 0, belowMin: 'ignore' }
const NPS: NumberRule = { min: 0, max: 10, scale: 10 }
const CSAT: NumberRule = { min: 1, max: 5, scale: 5 }
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
  const { inputs } = model.model
  const { asOf } = snapshot
  const props = snapshot.properties

  const users = parseNumber(
    props[inputs.activeUsers],
    ['properties', inputs.activeUsers],
    COUNT,
    sink,
  )
  const baseline = parseNumber(
    props[inputs.baselineUsers],
    ['properties', inputs.baselineUsers],
    COUNT,
    sink,
  )
  const logins = parseNumber(props[inputs.logins], ['properties', inputs.logins], COUNT, sink)
  const usage = users !== null && baseline !== null ? perBaseline(users, baseline) : null
  if (usage === 'incomparable') {
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
  const loginBase = users ?? baseline
  const loginsPerUser = logins !== null && loginBase !== null ? perUser(logins, loginBase) : null

  const touches = readEngagements(snapshot.engagements, asOf, inputs, sink)
  let lastTwoWay = touches?.lastTwoWay ?? null
  if (lastTwoWay === null) lastTwoWay = readLastContacted(snapshot, model, sink)
  let daysSinceTouch: number | null = null
  if (lastTwoWay !== null) daysSinceTouch = Math.max(0, Math.floor((asOf - lastTwoWay) / DAY_MS))
  else if (touches !== null) daysSinceTouch = inputs.lookbackDays * 2 // readable, and no touch on record

  const tickets = readTickets(snapshot.tickets, asOf, inputs, sink)

  const values: BuiltInValues & Record<string, number | null> = {
    usage_vs_baseline: usage === 'incomparable' ? null : usage,
    logins_per_user_30d: loginsPerUser,
    core_features_used: parseNumber(
      props[inputs.coreFeatures],
      ['properties', inputs.coreFeatures],
      COUNT,
      sink,
    ),
    open_tickets: tickets?.open ?? null,
    high_priority_tickets_30d: tickets?.highPriorityRecent ?? null,
    escalated_tickets_30d: tickets?.escalatedRecent ?? null,
    median_hours_to_close: tickets?.medianHoursToClose ?? null,
    complaint_share: tickets?.complaintShare ?? null,
    nps: parseNumber(props[inputs.nps], ['properties', inputs.nps], NPS, sink),
    csat: parseNumber(props[inputs.csat], ['properties', inputs.csat], CSAT, sink),
    days_since_two_way_touch: daysSinceTouch,
    two_way_touches_90d: touches?.twoWayInLookback ?? null,
    unanswered_outreach: touches?.unansweredOutreach ?? null,
    meeting_show_rate: touches?.meetingShowRate ?? null,
    days_payment_overdue: parseNumber(
      props[inputs.daysOverdue],
      ['properties', inputs.daysOverdue],
      OVERDUE,
      sink,
    ),
    renewal_days_untouched: renewalRunway(snapshot, model, lastTwoWay, sink),
  }
  for (const custom of model.customProperties) {
    values[custom.key] = parseNumber(props[custom.property], custom.path, ANY, sink)
  }

  return {
    companyId: snapshot.companyId,
    asOf,
    segmentId: matchSegment(snapshot, model),
    values,
    scoreHistory: readScoreHistory(snapshot, model),
    diagnostics: sink,
  }
}

/** Users as a percentage of the baseline, to one decimal; 'incomparable' when the baseline is 0 or so small the ratio is not finite. */
function perBaseline(users: number, baseline: number): number | 'incomparable' {
  const percent = Math.round((users / baseline) * 1000) / 10
  return baseline > 0 && Number.isFinite(percent) ? percent : 'incomparable'
}

/** Logins per user, to one decimal, or null when there are no users to divide by. */
function perUser(logins: number, users: number): number | null {
  const perHead = Math.round((logins / users) * 10) / 10
  return users > 0 && Number.isFinite(perHead) ? perHead : null
}

/** Days until renewal, counted as the full horizon when the renewal is far off or was touched recently. */
function renewalRunway(
  snapshot: CompanySnapshot,
  model: CompiledModel,
  lastTwoWay: number | null,
  sink: Diagnostic[],
): number | null {
  const { inputs } = model.model
  const raw = snapshot.properties[inputs.renewalDate]
  const path = ['properties', inputs.renewalDate]
  const renewal = parseDate(
    raw,
    path,
    { asOf: snapshot.asOf, future: 'allow', past: 'ignore' },
    sink,
  )
  if (renewal === null) return null
  const daysLeft = Math.max(0, Math.floor((renewal - snapshot.asOf) / DAY_MS))
  if (daysLeft >= inputs.renewalHorizonDays) return inputs.renewalHorizonDays
  const touchedRecently =
    lastTwoWay !== null && lastTwoWay >= snapshot.asOf - inputs.recentDays * DAY_MS
  return touchedRecently ? inputs.renewalHorizonDays : daysLeft
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

/** The app's own past scores, oldest first, up to `asOf`. */
function readScoreHistory(snapshot: CompanySnapshot, model: CompiledModel): ScorePoint[] {
  const history = snapshot.propertyHistory?.[model.model.inputs.scoreHistory]
  if (!history || history.length === 0) return []
  const points: ScorePoint[] = []
  for (const entry of history) {
    const score = readFiniteNumber(entry.value)
    const at = readInstant(entry.timestamp)
    if (score !== null && at !== null && at <= snapshot.asOf) points.push({ at, score })
  }
  // HubSpot lists history newest first.
  return points.sort((a, b) => a.at - b.at)
}
