/**
 * HubSpot's default activity properties (calls, emails, meetings, notes, tasks), as the activity
 * API guides list them, plus the record fields every object has.
 */
import type { StandardSpec } from './spec.ts'

/** Properties every activity type has. */
export const ACTIVITY_PROPERTIES: readonly StandardSpec[] = [
  ['hs_object_id!', 'Record ID', 'number/number'],
  ['createdate!', 'Create Date', 'datetime/date'],
  ['hs_createdate!', 'Object create date/time', 'datetime/date'],
  ['hs_lastmodifieddate!', 'Last Modified Date', 'datetime/date'],
  ['hs_timestamp', 'Activity date', 'datetime/date'],
  ['hubspot_owner_id', 'Activity assigned to', 'enumeration/select'],
  ['hubspot_team_id', 'HubSpot Team', 'enumeration/select'],
  ['hs_attachment_ids', 'Attached file IDs', 'enumeration/checkbox'],
  ['hs_activity_type', 'Activity type', 'enumeration/select'],
  ['hs_body_preview!', 'Body preview', 'string/textarea'],
  ['hs_created_by_user_id!', 'Created by user ID', 'number/number'],
  ['hs_modified_by!', 'Modified by', 'number/number'],
  ['hs_all_owner_ids!', 'All owner IDs', 'enumeration/select'],
  ['hs_all_team_ids!', 'All team IDs', 'enumeration/select'],
  ['hs_merged_object_ids!', 'Merged record IDs', 'enumeration/checkbox'],
  ['hs_object_source!', 'Record creation source', 'string/text'],
  ['hs_object_source_id!', 'Record creation source ID', 'string/text'],
  ['hs_was_imported!', 'Performed in an import', 'bool/booleancheckbox'],
  ['hs_unique_creation_key!', 'Unique creation key', 'string/text'],
]

export const CALL_PROPERTIES: readonly StandardSpec[] = [
  ['hs_call_title', 'Call Title', 'string/text'],
  ['hs_call_body', 'Call notes', 'string/html'],
  ['hs_call_callee_object_id', 'Callee object id', 'number/number'],
  [
    'hs_call_callee_object_type',
    'Callee object type',
    'enumeration/select',
    ['CONTACT', 'COMPANY'],
  ],
  ['hs_call_direction', 'Call direction', 'enumeration/select', ['INBOUND', 'OUTBOUND']],
  ['hs_call_disposition', 'Call outcome', 'enumeration/select'],
  ['hs_call_duration', 'Call duration', 'number/number'],
  ['hs_call_from_number', 'From number', 'string/text'],
  ['hs_call_to_number', 'To number', 'string/text'],
  ['hs_call_recording_url', 'Recording URL', 'string/text'],
  ['hs_call_source', 'Call source', 'enumeration/select'],
  [
    'hs_call_status',
    'Call status',
    'enumeration/select',
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
]

export const EMAIL_PROPERTIES: readonly StandardSpec[] = [
  [
    'hs_email_direction',
    'Email direction',
    'enumeration/select',
    ['EMAIL', 'INCOMING_EMAIL', 'FORWARDED_EMAIL'],
  ],
  [
    'hs_email_status',
    'Email send status',
    'enumeration/select',
    ['BOUNCED', 'FAILED', 'SCHEDULED', 'SENDING', 'SENT'],
  ],
  ['hs_email_subject', 'Email subject', 'string/text'],
  ['hs_email_text', 'Email body', 'string/textarea'],
  ['hs_email_html', 'Email HTML body', 'string/html'],
  ['hs_email_headers', 'Email headers', 'string/textarea'],
]

export const MEETING_PROPERTIES: readonly StandardSpec[] = [
  ['hs_meeting_title', 'Meeting name', 'string/text'],
  ['hs_meeting_body', 'Meeting description', 'string/html'],
  ['hs_internal_meeting_notes', 'Internal meeting notes', 'string/html'],
  ['hs_meeting_external_url', 'External URL', 'string/text'],
  ['hs_meeting_location', 'Location', 'string/text'],
  ['hs_meeting_start_time', 'Meeting start time', 'datetime/date'],
  ['hs_meeting_end_time', 'Meeting end time', 'datetime/date'],
  [
    'hs_meeting_outcome',
    'Meeting outcome',
    'enumeration/select',
    ['SCHEDULED', 'COMPLETED', 'RESCHEDULED', 'NO_SHOW', 'CANCELED'],
  ],
]

export const NOTE_PROPERTIES: readonly StandardSpec[] = [
  ['hs_note_body', 'Note body', 'string/html'],
]

export const TASK_PROPERTIES: readonly StandardSpec[] = [
  ['hs_task_subject', 'Task Title', 'string/text'],
  ['hs_task_body', 'Notes', 'string/html'],
  [
    'hs_task_status',
    'Task Status',
    'enumeration/select',
    ['NOT_STARTED', 'IN_PROGRESS', 'WAITING', 'COMPLETED', 'DEFERRED'],
  ],
  ['hs_task_priority', 'Priority', 'enumeration/select', ['NONE', 'LOW', 'MEDIUM', 'HIGH']],
  [
    'hs_task_type',
    'Task Type',
    'enumeration/select',
    ['TODO', 'CALL', 'EMAIL', 'LINKED_IN', 'MEETING'],
  ],
  ['hs_task_reminders', 'Reminder', 'enumeration/checkbox'],
  ['hs_task_completion_date!', 'Task completion date', 'datetime/date'],
  ['hs_task_is_completed!', 'Completed', 'number/calculation_equation'],
  ['hs_queue_membership_ids', 'Queues', 'enumeration/checkbox'],
]
