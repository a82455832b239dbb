/**
 * The property definitions a fresh portal has: HubSpot's standard ones this app reads, plus the
 * demo portal's custom company inputs (DESIGN.md, "Default input properties").
 */
import type { ObjectType, PropertyDefinition, PropertyType } from '../types.ts'

type Spec = [name: string, label: string, kind: Kind, options?: readonly string[]]
type Kind =
  | 'text'
  | 'textarea'
  | 'html'
  | 'number'
  | 'select'
  | 'radio'
  | 'checkbox'
  | 'datetime'
  | 'date'
  | 'bool'
/** A spec name ending in `!` is read-only (calculated by HubSpot). */
const READ_ONLY = '!'

const KIND_TYPES: Record<Kind, { type: PropertyType; fieldType: PropertyDefinition['fieldType'] }> =
  {
    text: { type: 'string', fieldType: 'text' },
    textarea: { type: 'string', fieldType: 'textarea' },
    html: { type: 'string', fieldType: 'html' },
    number: { type: 'number', fieldType: 'number' },
    select: { type: 'enumeration', fieldType: 'select' },
    radio: { type: 'enumeration', fieldType: 'radio' },
    checkbox: { type: 'enumeration', fieldType: 'checkbox' },
    datetime: { type: 'datetime', fieldType: 'date' },
    date: { type: 'date', fieldType: 'date' },
    bool: { type: 'bool', fieldType: 'booleancheckbox' },
  }

const COMMON: Spec[] = [
  ['hs_object_id!', 'Record ID', 'number'],
  ['createdate!', 'Create Date', 'datetime'],
  ['hs_lastmodifieddate!', 'Last Modified Date', 'datetime'],
  ['hubspot_owner_id', 'Owner', 'select'],
]

const ENGAGEMENT: Spec[] = [['hs_timestamp', 'Activity date', 'datetime']]

const STANDARD: Record<ObjectType, Spec[]> = {
  companies: [
    ['name', 'Company name', 'text'],
    ['domain', 'Company Domain Name', 'text'],
    ['website', 'Website URL', 'text'],
    ['phone', 'Phone Number', 'text'],
    ['city', 'City', 'text'],
    ['country', 'Country/Region', 'text'],
    ['industry', 'Industry', 'select'],
    ['annualrevenue', 'Annual Revenue', 'number'],
    ['numberofemployees', 'Number of Employees', 'number'],
    [
      'lifecyclestage',
      'Lifecycle Stage',
      'radio',
      [
        'subscriber',
        'lead',
        'marketingqualifiedlead',
        'salesqualifiedlead',
        'opportunity',
        'customer',
        'evangelist',
        'other',
      ],
    ],
    ['notes_last_contacted!', 'Last Contacted', 'datetime'],
    ['notes_last_updated!', 'Last Activity Date', 'datetime'],
    ['hs_last_sales_activity_timestamp!', 'Last Engagement Date', 'datetime'],
    ['hs_last_logged_call_date!', 'Last Logged Call Date', 'datetime'],
    ['num_contacted_notes!', 'Number of times contacted', 'number'],
    ['num_associated_contacts!', 'Number of Associated Contacts', 'number'],
    ['num_associated_deals!', 'Number of Associated Deals', 'number'],
  ],
  tickets: [
    ['subject', 'Ticket name', 'text'],
    ['content', 'Ticket description', 'textarea'],
    ['hs_pipeline', 'Pipeline', 'select', ['0']],
    ['hs_pipeline_stage', 'Ticket status', 'select', ['1', '2', '3', '4']],
    ['hs_ticket_priority', 'Priority', 'select', ['LOW', 'MEDIUM', 'HIGH', 'URGENT']],
    [
      'hs_ticket_category',
      'Category',
      'checkbox',
      ['PRODUCT_ISSUE', 'BILLING_ISSUE', 'FEATURE_REQUEST', 'GENERAL_INQUIRY'],
    ],
    ['source_type', 'Source', 'select', ['CHAT', 'EMAIL', 'FORM', 'PHONE']],
    ['closed_date', 'Close date', 'datetime'],
    ['time_to_close!', 'Time to close', 'number'],
  ],
  deals: [
    ['dealname', 'Deal Name', 'text'],
    [
      'dealstage',
      'Deal Stage',
      'radio',
      [
        'appointmentscheduled',
        'qualifiedtobuy',
        'presentationscheduled',
        'decisionmakerboughtin',
        'contractsent',
        'closedwon',
        'closedlost',
      ],
    ],
    ['pipeline', 'Pipeline', 'select', ['default']],
    ['amount', 'Amount', 'number'],
    ['closedate', 'Close Date', 'datetime'],
    ['dealtype', 'Deal Type', 'radio', ['newbusiness', 'existingbusiness']],
  ],
  calls: [
    ...ENGAGEMENT,
    ['hs_call_title', 'Call Title', 'text'],
    ['hs_call_body', 'Call notes', 'html'],
    ['hs_call_direction', 'Call direction', 'select', ['INBOUND', 'OUTBOUND']],
    ['hs_call_duration', 'Call duration', 'number'],
    [
      'hs_call_status',
      'Call status',
      'select',
      [
        'BUSY',
        'CALLING_CRM_USER',
        'CANCELED',
        'COMPLETED',
        'CONNECTING',
        'FAILED',
        'IN_PROGRESS',
        'MISSED',
        'NO_ANSWER',
        'QUEUED',
        'RINGING',
      ],
    ],
    ['hs_call_disposition', 'Call outcome', 'text'],
  ],
  emails: [
    ...ENGAGEMENT,
    [
      'hs_email_direction',
      'Email direction',
      'select',
      ['EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL'],
    ],
    [
      'hs_email_status',
      'Email send status',
      'select',
      ['BOUNCED', 'FAILED', 'SCHEDULED', 'SENDING', 'SENT'],
    ],
    ['hs_email_subject', 'Email subject', 'text'],
    ['hs_email_text', 'Email body', 'textarea'],
    ['hs_email_html', 'Email HTML body', 'html'],
  ],
  meetings: [
    ...ENGAGEMENT,
    ['hs_meeting_title', 'Meeting name', 'text'],
    ['hs_meeting_body', 'Meeting description', 'html'],
    ['hs_internal_meeting_notes', 'Internal meeting notes', 'html'],
    ['hs_meeting_location', 'Location', 'text'],
    ['hs_meeting_start_time', 'Meeting start time', 'datetime'],
    ['hs_meeting_end_time', 'Meeting end time', 'datetime'],
    [
      'hs_meeting_outcome',
      'Meeting outcome',
      'select',
      ['SCHEDULED', 'COMPLETED', 'RESCHEDULED', 'NO_SHOW', 'CANCELED'],
    ],
  ],
  notes: [...ENGAGEMENT, ['hs_note_body', 'Note body', 'html']],
  tasks: [
    ...ENGAGEMENT,
    ['hs_task_subject', 'Task Title', 'text'],
    ['hs_task_body', 'Notes', 'html'],
    [
      'hs_task_status',
      'Task Status',
      'select',
      ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'],
    ],
    ['hs_task_priority', 'Priority', 'select', ['NONE', 'LOW', 'MEDIUM', 'HIGH']],
    ['hs_task_type', 'Task Type', 'select', ['TODO', 'CALL', 'EMAIL', 'LINKED_IN', 'MEETING']],
    ['hs_task_completion_date!', 'Task completion date', 'datetime'],
  ],
}

/** The demo's custom company inputs: the customer's own properties, not HubSpot's. */
const CUSTOM_COMPANY_INPUTS: Spec[] = [
  ['product_active_users_30d', 'Active users (30 days)', 'number'],
  ['product_active_users_baseline', 'Active users (onboarding baseline)', 'number'],
  ['product_logins_30d', 'Logins (30 days)', 'number'],
  ['product_core_features_used', 'Core features used', 'number'],
  ['nps_score', 'NPS score', 'number'],
  ['csat_score', 'CSAT score', 'number'],
  ['days_payment_overdue', 'Days payment overdue', 'number'],
  ['renewal_date', 'Renewal date', 'date'],
]

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

/** The group of the demo's custom company inputs. */
export const CUSTOM_INPUT_GROUP = { name: 'customer_success', label: 'Customer success' }

/** Builds one definition with HubSpot's defaults for every flag not given. */
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
  spec: Spec,
  groupName: string,
  hubspotDefined: boolean,
  at: string,
): PropertyDefinition {
  const [rawName, label, kind, options = []] = spec
  const readOnly = rawName.endsWith(READ_ONLY)
  const name = readOnly ? rawName.slice(0, -1) : rawName
  return makeDefinition(
    {
      name,
      label,
      ...KIND_TYPES[kind],
      groupName,
      hubspotDefined,
      calculated: readOnly && name !== 'hs_object_id',
      options: options.map((value, i) => ({ label: value, value, displayOrder: i, hidden: false })),
      modificationMetadata: {
        archivable: !hubspotDefined,
        readOnlyDefinition: hubspotDefined,
        readOnlyValue: readOnly,
      },
    },
    at,
  )
}

/** The definitions a fresh portal has for `type`; `at` is their ISO createdAt. */
export function standardDefinitions(type: ObjectType, at: string): PropertyDefinition[] {
  const group = STANDARD_GROUPS[type].name
  const defs = [...COMMON, ...STANDARD[type]].map((spec) => fromSpec(spec, group, true, at))
  if (type === 'companies') {
    defs.push(
      ...CUSTOM_COMPANY_INPUTS.map((spec) => fromSpec(spec, CUSTOM_INPUT_GROUP.name, false, at)),
    )
  }
  return defs
}
