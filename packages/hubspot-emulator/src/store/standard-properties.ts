/**
 * The property definitions a fresh portal has: HubSpot's default properties of each object type
 * (tables in `standard/`), with the options of the enumerations HubSpot fixes.
 */
import type { ObjectType, PropertyDefinition, PropertyType } from '../types.ts'
import { COMPANY_PROPERTIES } from './standard/companies.ts'
import { DEAL_PROPERTIES } from './standard/deals.ts'
import {
  ACTIVITY_PROPERTIES,
  CALL_PROPERTIES,
  EMAIL_PROPERTIES,
  MEETING_PROPERTIES,
  NOTE_PROPERTIES,
  TASK_PROPERTIES,
} from './standard/engagements.ts'
import type { StandardSpec } from './standard/spec.ts'
import { TICKET_PROPERTIES } from './standard/tickets.ts'

/** A spec name ending in `!` is read-only (set or calculated by HubSpot). */
const READ_ONLY = '!'

const STANDARD: Record<ObjectType, readonly StandardSpec[]> = {
  companies: COMPANY_PROPERTIES,
  tickets: TICKET_PROPERTIES,
  deals: DEAL_PROPERTIES,
  calls: [...ACTIVITY_PROPERTIES, ...CALL_PROPERTIES],
  emails: [...ACTIVITY_PROPERTIES, ...EMAIL_PROPERTIES],
  meetings: [...ACTIVITY_PROPERTIES, ...MEETING_PROPERTIES],
  notes: [...ACTIVITY_PROPERTIES, ...NOTE_PROPERTIES],
  tasks: [...ACTIVITY_PROPERTIES, ...TASK_PROPERTIES],
}

/**
 * Options of the enumerations whose values HubSpot defines (a portal's default pipelines and
 * stages included). @note Other enumerations (`industry`, owners, teams) hold portal-specific
 * options and are served without any, so the emulator accepts any value for them.
 */
const FIXED_OPTIONS: Partial<Record<ObjectType, Record<string, readonly string[]>>> = {
  companies: {
    lifecyclestage: [
      'subscriber',
      'lead',
      'marketingqualifiedlead',
      'salesqualifiedlead',
      'opportunity',
      'customer',
      'evangelist',
      'other',
    ],
    hs_lead_status: [
      'NEW',
      'OPEN',
      'IN_PROGRESS',
      'OPEN_DEAL',
      'UNQUALIFIED',
      'ATTEMPTED_TO_CONTACT',
      'CONNECTED',
      'BAD_TIMING',
    ],
    type: ['PROSPECT', 'PARTNER', 'RESELLER', 'VENDOR', 'OTHER'],
  },
  tickets: {
    hs_pipeline: ['0'],
    hs_pipeline_stage: ['1', '2', '3', '4'],
    hs_ticket_priority: ['LOW', 'MEDIUM', 'HIGH', 'URGENT'],
    hs_ticket_category: ['PRODUCT_ISSUE', 'BILLING_ISSUE', 'FEATURE_REQUEST', 'GENERAL_INQUIRY'],
    source_type: ['CHAT', 'EMAIL', 'FORM', 'PHONE'],
  },
  deals: {
    dealstage: [
      'appointmentscheduled',
      'qualifiedtobuy',
      'presentationscheduled',
      'decisionmakerboughtin',
      'contractsent',
      'closedwon',
      'closedlost',
    ],
    pipeline: ['default'],
    dealtype: ['newbusiness', 'existingbusiness'],
    hs_priority: ['low', 'medium', 'high'],
  },
}

/** The standard group each type's HubSpot-defined properties live in. */
export const STANDARD_GROUPS: Record<ObjectType, { name: string; label: string }> = {
  companies: { name: 'companyinformation', label: 'Company information' },
  tickets: { name: 'ticketinformation', label: 'Ticket information' },
  deals: { name: 'dealinformation', label: 'Deal information' },
  calls: { name: 'call', label: 'Call information' },
  emails: { name: 'email', label: 'Email information' },
  meetings: { name: 'meeting', label: 'Meeting information' },
  notes: { name: 'note', label: 'Note information' },
  tasks: { name: 'task', label: 'Task information' },
}

/**
 * Builds one definition with HubSpot's defaults for every flag not given.
 * @example makeDefinition({ name: 'nps_score', label: 'NPS', type: 'number', fieldType: 'number', groupName: 'companyinformation' }, at)
 */
export function makeDefinition(
  fields: Pick<PropertyDefinition, 'name' | 'label' | 'type' | 'fieldType' | 'groupName'> &
    Partial<PropertyDefinition>,
  at: string,
): PropertyDefinition {
  return {
    description: '',
    options: [],
    displayOrder: -1,
    calculated: false,
    externalOptions: false,
    hasUniqueValue: false,
    hidden: false,
    hubspotDefined: false,
    formField: false,
    archived: false,
    createdAt: at,
    updatedAt: at,
    modificationMetadata: { archivable: true, readOnlyDefinition: false, readOnlyValue: false },
    dataSensitivity: 'non_sensitive',
    ...fields,
  }
}

function fromSpec(
  spec: StandardSpec,
  type: ObjectType,
  groupName: string,
  at: string,
): PropertyDefinition {
  const [rawName, label, kind, specOptions] = spec
  const name = rawName.endsWith(READ_ONLY) ? rawName.slice(0, -1) : rawName
  const [propertyType, fieldType] = kind.split('/') as [
    PropertyType,
    PropertyDefinition['fieldType'],
  ]
  const calculated = fieldType.startsWith('calculation_')
  const readOnly = rawName.endsWith(READ_ONLY) || calculated
  const options = specOptions ?? FIXED_OPTIONS[type]?.[name] ?? []
  return makeDefinition(
    {
      name,
      label,
      type: propertyType,
      fieldType,
      groupName,
      hubspotDefined: true,
      calculated,
      options: options.map((value, i) => ({ label: value, value, displayOrder: i, hidden: false })),
      modificationMetadata: {
        archivable: false,
        readOnlyDefinition: true,
        readOnlyValue: readOnly,
      },
    },
    at,
  )
}

/** The definitions a fresh portal has for `type`; `at` is their ISO createdAt. */
export function standardDefinitions(type: ObjectType, at: string): PropertyDefinition[] {
  const group = STANDARD_GROUPS[type].name
  const byName = new Map<string, PropertyDefinition>()
  for (const spec of STANDARD[type]) {
    const def = fromSpec(spec, type, group, at)
    if (!byName.has(def.name)) byName.set(def.name, def)
  }
  return [...byName.values()]
}
