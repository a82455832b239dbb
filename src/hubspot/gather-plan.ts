/**
 * @module What a gather reads: the company properties a model needs, and the ticket and engagement
 * properties the engine's signals read (src/health/signals-*.ts). Nothing else is requested.
 */
import type { CompiledModel, EngagementType } from '../health/index.ts'

/** HubSpot's object type for each engagement type. */
export const ENGAGEMENT_OBJECTS = {
  call: 'calls',
  email: 'emails',
  meeting: 'meetings',
  note: 'notes',
  task: 'tasks',
} as const satisfies Record<EngagementType, string>
/** The object type of an engagement type, e.g. `calls`. */
export type EngagementObject = (typeof ENGAGEMENT_OBJECTS)[EngagementType]

/** The ticket properties `readTickets` reads. */
export const TICKET_PROPERTIES: readonly string[] = [
  'createdate',
  'closed_date',
  'hs_pipeline_stage',
  'hs_ticket_priority',
  'hs_ticket_category',
  'time_to_close',
]

/** The properties the engagement signals read, per type. */
export const ENGAGEMENT_PROPERTIES = {
  call: ['hs_timestamp', 'hs_call_direction', 'hs_call_status', 'hs_call_duration'],
  email: ['hs_timestamp', 'hs_email_direction', 'hs_email_status'],
  meeting: ['hs_timestamp', 'hs_meeting_outcome'],
  note: ['hs_timestamp'],
  task: ['hs_timestamp'],
} as const satisfies Record<EngagementType, readonly string[]>

/**
 * The engagement types the signals classify. Notes and tasks feed no signal (the engine classifies
 * them as neither outreach nor two-way), so reading them would cost calls for nothing.
 */
export const SIGNAL_ENGAGEMENT_TYPES: readonly EngagementType[] = ['call', 'email', 'meeting']

/** Batch and list limits HubSpot enforces. */
export const LIMITS = {
  batchRead: 100,
  batchReadWithHistory: 50,
  listPage: 100,
  listPageWithHistory: 50,
  associationInputs: 1000,
  searchPage: 200,
  searchResults: 10_000,
} as const

/** The company properties a model reads, plus `name` and `extra` (the app-owned ones), each once. */
export function companyProperties(model: CompiledModel, extra: readonly string[]): string[] {
  const { inputs } = model.model
  const names = [
    // The company's name is no input of the model, but every result is read by a person.
    'name',
    inputs.activeUsers,
    inputs.baselineUsers,
    inputs.logins,
    inputs.coreFeatures,
    inputs.nps,
    inputs.csat,
    inputs.daysOverdue,
    inputs.renewalDate,
    ...inputs.lastContacted,
    ...model.segments.flatMap((segment) => segment.match.map((condition) => condition.property)),
    ...model.customProperties.map((custom) => custom.property),
    ...extra,
  ]
  return [...new Set(names)]
}

/** The company properties whose history the engine reads (the app's past scores). */
export function historyProperties(model: CompiledModel): string[] {
  return [model.model.inputs.scoreHistory]
}
