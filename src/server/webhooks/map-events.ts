/**
 * @module Which companies a webhook event concerns, decided without I/O. A company's own change
 * names it; a ticket's or an activity's names a record whose companies must be looked up (one batch
 * association read per object type and delivered batch); an association change between a company
 * and a ticket or an activity names the company outright.
 *
 * @note Only the company properties the model reads count, and never the app's own `health_*`
 * properties: the rescore writes those, and a change to them leading to a rescore would loop.
 */
import type { CompiledModel } from '../../health/index.ts'
import { companyProperties, TICKET_PROPERTIES } from '../../hubspot/index.ts'
import type { WebhookEvent } from './webhook-event.ts'

/** The record types whose events can move a company's score, by HubSpot object type id. */
export const OBJECT_TYPES = {
  '0-2': 'companies',
  '0-5': 'tickets',
  '0-48': 'calls',
  '0-49': 'emails',
  '0-47': 'meetings',
  '0-46': 'notes',
} as const
export type LookupType = 'tickets' | 'calls' | 'emails' | 'meetings' | 'notes'
type ObjectType = (typeof OBJECT_TYPES)[keyof typeof OBJECT_TYPES]

/** Legacy subscription types' object names. */
const LEGACY: Readonly<Record<string, ObjectType>> = { company: 'companies', ticket: 'tickets' }
/** Legacy association types' object names (`TICKET_TO_COMPANY`). */
const LEGACY_ASSOCIATION: Readonly<Record<string, ObjectType>> = {
  COMPANY: 'companies',
  TICKET: 'tickets',
  CALL: 'calls',
  EMAIL: 'emails',
  MEETING: 'meetings',
  MEETING_EVENT: 'meetings',
  NOTE: 'notes',
}

/** The prefix of the properties the app writes itself. */
export const OWN_PROPERTY_PREFIX = 'health_'

/** What one event asks for. */
export type EventTarget =
  | { readonly kind: 'company'; readonly companyId: string }
  | { readonly kind: 'lookup'; readonly objectType: LookupType; readonly objectId: string }
  | { readonly kind: 'ignored'; readonly reason: string }

/** What the mapping needs to know: the company and ticket properties the model reads. */
export interface EventFilter {
  readonly companyProperties: ReadonlySet<string>
  readonly ticketProperties: ReadonlySet<string>
}

/**
 * The company properties whose change can move this model's scores: its inputs, segment and custom
 * properties, never `name` (read for people) nor any `health_*` property.
 * @example eventFilter(getDefaultModel()).companyProperties.has('nps_score') // true
 */
export function eventFilter(model: CompiledModel): EventFilter {
  const own = (name: string) => name.startsWith(OWN_PROPERTY_PREFIX)
  return {
    companyProperties: new Set(
      companyProperties(model, []).filter((name) => name !== 'name' && !own(name)),
    ),
    ticketProperties: new Set(TICKET_PROPERTIES.filter((name) => !own(name))),
  }
}

/**
 * Maps one event to the company it concerns, the record to look up, or why it is ignored.
 * @example
 * mapEvent({ subscriptionType: 'ticket.creation', objectId: 9001, … }, filter)
 * // { kind: 'lookup', objectType: 'tickets', objectId: '9001' }
 */
export function mapEvent(event: WebhookEvent, filter: EventFilter): EventTarget {
  const [prefix = '', change = ''] = event.subscriptionType.split('.')
  const type: ObjectType | undefined =
    prefix === 'object' ? objectType(event.objectTypeId) : LEGACY[prefix]
  if (change === 'associationChange') return mapAssociation(event)
  if (!type) return ignored(`no score reads ${event.subscriptionType} events`)
  if (change !== 'creation' && change !== 'propertyChange')
    return ignored(`no score reads ${event.subscriptionType} events`)
  if (event.objectId === undefined) return ignored('the event names no object')
  const objectId = String(event.objectId)
  if (change === 'propertyChange') {
    const name = event.propertyName ?? ''
    if (name.startsWith(OWN_PROPERTY_PREFIX)) return ignored('the app’s own property')
    if (type === 'companies')
      return filter.companyProperties.has(name)
        ? { kind: 'company', companyId: objectId }
        : ignored('the model does not read this company property')
    if (type === 'tickets' && filter.ticketProperties.has(name))
      return { kind: 'lookup', objectType: 'tickets', objectId }
    return ignored(`the model does not read this ${type} property`)
  }
  if (type === 'companies') return { kind: 'company', companyId: objectId }
  return { kind: 'lookup', objectType: type, objectId }
}

/**
 * Groups a batch's targets: the companies named outright, and the records to look up by type.
 * @example
 * const { companies, lookups } = mapEvents(events, filter)
 */
export function mapEvents(
  events: readonly WebhookEvent[],
  filter: EventFilter,
): {
  /** Each event's target, in order. */
  readonly targets: EventTarget[]
  readonly companies: Set<string>
  readonly lookups: Map<LookupType, Set<string>>
} {
  const targets = events.map((event) => mapEvent(event, filter))
  const companies = new Set<string>()
  const lookups = new Map<LookupType, Set<string>>()
  for (const target of targets) {
    if (target.kind === 'company') companies.add(target.companyId)
    else if (target.kind === 'lookup') {
      const ids = lookups.get(target.objectType) ?? new Set<string>()
      ids.add(target.objectId)
      lookups.set(target.objectType, ids)
    }
  }
  return { targets, companies, lookups }
}

function mapAssociation(event: WebhookEvent): EventTarget {
  let from: ObjectType | undefined
  let to: ObjectType | undefined
  if (event.fromObjectTypeId !== undefined || event.toObjectTypeId !== undefined) {
    from = objectType(event.fromObjectTypeId)
    to = objectType(event.toObjectTypeId)
  } else {
    const [left = '', right = ''] = (event.associationType ?? '').split('_TO_')
    from = LEGACY_ASSOCIATION[left]
    to = LEGACY_ASSOCIATION[right]
  }
  if (event.fromObjectId === undefined || event.toObjectId === undefined)
    return ignored('the association event names no records')
  if (from === 'companies' && to && to !== 'companies')
    return { kind: 'company', companyId: String(event.fromObjectId) }
  if (to === 'companies' && from && from !== 'companies')
    return { kind: 'company', companyId: String(event.toObjectId) }
  return ignored('not an association between a company and a ticket or an activity')
}

function objectType(typeId: string | undefined): ObjectType | undefined {
  return typeId !== undefined && Object.hasOwn(OBJECT_TYPES, typeId)
    ? OBJECT_TYPES[typeId as keyof typeof OBJECT_TYPES]
    : undefined
}

function ignored(reason: string): EventTarget {
  return { kind: 'ignored', reason }
}
