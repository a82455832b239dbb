/** Facts about each CRM object type the emulator serves: ids, scopes, defaults, associations. */
import { FIXTURE_OBJECT_TYPES } from './store/fixture.ts'
import type { ObjectType } from './types.ts'

/** Every object type served, in a fixed order. */
export const OBJECT_TYPES: readonly ObjectType[] = FIXTURE_OBJECT_TYPES

/** Returns the type if `name` is one the emulator serves (HubSpot also accepts `0-2`-style ids). */
export function toObjectType(name: string): ObjectType | undefined {
  if ((OBJECT_TYPES as readonly string[]).includes(name)) return name as ObjectType
  const byId = OBJECT_TYPES.find((type) => OBJECT_TYPE_IDS[type] === name)
  if (byId) return byId
  const singular = OBJECT_TYPES.find((type) => SINGULAR_NAMES[type] === name.toLowerCase())
  return singular
}

/** HubSpot's object type ids. */
export const OBJECT_TYPE_IDS = {
  companies: '0-2',
  tickets: '0-5',
  deals: '0-3',
  calls: '0-48',
  emails: '0-49',
  meetings: '0-47',
  notes: '0-46',
  tasks: '0-27',
} as const satisfies Record<ObjectType, string>

/** The singular name of each type, as HubSpot spells it in association labels and messages. */
export const SINGULAR_NAMES = {
  companies: 'company',
  tickets: 'ticket',
  deals: 'deal',
  calls: 'call',
  emails: 'email',
  meetings: 'meeting',
  notes: 'note',
  tasks: 'task',
} as const satisfies Record<ObjectType, string>

/** The upper-case name HubSpot uses in error messages ("Could not get some COMPANY objects"). */
export function errorTypeName(type: ObjectType): string {
  return SINGULAR_NAMES[type].toUpperCase()
}

/** The v3 association label between two types, e.g. `company_to_ticket`. */
export function associationLabel(from: ObjectType, to: ObjectType): string {
  return `${SINGULAR_NAMES[from]}_to_${SINGULAR_NAMES[to]}`
}

/**
 * Scopes that grant read or write access to each object type (any one of the list suffices), as
 * HubSpot's published v3 specs list them (HubSpot/HubSpot-public-api-spec-collection,
 * `PublicApiSpecs/CRM/<Type>/Rollouts/424/v3`): every emails endpoint, reads and writes alike,
 * accepts `sales-email-read` as well as the contacts scope.
 */
export const OBJECT_SCOPES = {
  companies: { read: ['crm.objects.companies.read'], write: ['crm.objects.companies.write'] },
  tickets: { read: ['tickets'], write: ['tickets'] },
  deals: { read: ['crm.objects.deals.read'], write: ['crm.objects.deals.write'] },
  calls: { read: ['crm.objects.contacts.read'], write: ['crm.objects.contacts.write'] },
  emails: {
    read: ['crm.objects.contacts.read', 'sales-email-read'],
    write: ['crm.objects.contacts.write', 'sales-email-read'],
  },
  meetings: { read: ['crm.objects.contacts.read'], write: ['crm.objects.contacts.write'] },
  notes: { read: ['crm.objects.contacts.read'], write: ['crm.objects.contacts.write'] },
  tasks: { read: ['crm.objects.contacts.read'], write: ['crm.objects.contacts.write'] },
} as const satisfies Record<ObjectType, { read: readonly string[]; write: readonly string[] }>

/** Scopes for reading and changing property definitions of each type. */
export function schemaScopes(type: ObjectType): { read: string[]; write: string[] } {
  if (type === 'tickets') return { read: ['tickets'], write: ['tickets'] }
  const base = type === 'companies' || type === 'deals' ? type : 'contacts'
  return {
    read: [`crm.schemas.${base}.read`, ...OBJECT_SCOPES[type].read],
    write: [`crm.schemas.${base}.write`],
  }
}

/** Every scope the default private-app token holds. */
export const ALL_SCOPES: readonly string[] = [
  'oauth',
  'tickets',
  'sales-email-read',
  'crm.objects.companies.read',
  'crm.objects.companies.write',
  'crm.objects.contacts.read',
  'crm.objects.contacts.write',
  'crm.objects.deals.read',
  'crm.objects.deals.write',
  'crm.schemas.companies.read',
  'crm.schemas.companies.write',
  'crm.schemas.contacts.read',
  'crm.schemas.contacts.write',
  'crm.schemas.deals.read',
  'crm.schemas.deals.write',
]

/** Properties returned when a request names none (HubSpot's per-type defaults). */
export const DEFAULT_PROPERTIES = {
  companies: ['createdate', 'domain', 'hs_lastmodifieddate', 'hs_object_id', 'name'],
  tickets: [
    'content',
    'createdate',
    'hs_lastmodifieddate',
    'hs_object_id',
    'hs_pipeline',
    'hs_pipeline_stage',
    'hs_ticket_category',
    'hs_ticket_priority',
    'subject',
  ],
  deals: [
    'amount',
    'closedate',
    'createdate',
    'dealname',
    'dealstage',
    'hs_lastmodifieddate',
    'hs_object_id',
    'pipeline',
  ],
  calls: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  emails: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  meetings: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  notes: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
  tasks: ['createdate', 'hs_lastmodifieddate', 'hs_object_id'],
} as const satisfies Record<ObjectType, readonly string[]>

/** Properties a search `query` matches against, per type. */
export const SEARCHABLE_PROPERTIES = {
  companies: ['name', 'domain', 'website', 'phone'],
  tickets: ['subject', 'content'],
  deals: ['dealname'],
  calls: ['hs_call_title', 'hs_call_body'],
  emails: ['hs_email_subject', 'hs_email_text'],
  meetings: ['hs_meeting_title', 'hs_meeting_body'],
  notes: ['hs_note_body'],
  tasks: ['hs_task_subject', 'hs_task_body'],
} as const satisfies Record<ObjectType, readonly string[]>

/**
 * HubSpot-defined association type ids: `[from][to]`. Company↔record pairs come from the client's
 * `AssociationTypes` enum, as do ticket↔engagement and deal↔engagement pairs.
 */
export const ASSOCIATION_TYPE_IDS: Partial<
  Record<ObjectType, Partial<Record<ObjectType, number>>>
> = {
  companies: {
    tickets: 340,
    deals: 342,
    calls: 181,
    emails: 185,
    meetings: 187,
    notes: 189,
    tasks: 191,
  },
  tickets: {
    companies: 339,
    deals: 28,
    calls: 219,
    emails: 223,
    meetings: 225,
    notes: 227,
    tasks: 229,
  },
  deals: {
    companies: 341,
    tickets: 27,
    calls: 205,
    emails: 209,
    meetings: 211,
    notes: 213,
    tasks: 215,
  },
  calls: { companies: 182, tickets: 220, deals: 206 },
  emails: { companies: 186, tickets: 224, deals: 210 },
  meetings: { companies: 188, tickets: 226, deals: 212 },
  notes: { companies: 190, tickets: 228, deals: 214 },
  tasks: { companies: 192, tickets: 230, deals: 216 },
}

/** The default association type id from one type to another, if HubSpot defines one. */
export function associationTypeId(from: ObjectType, to: ObjectType): number | undefined {
  return ASSOCIATION_TYPE_IDS[from]?.[to]
}
