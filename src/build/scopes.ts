/**
 * The OAuth scopes the app requests, each with the calls that need it: the one list the project
 * config, the build and the scope test read. Exactly what the code uses, no more.
 */
export const REQUIRED_SCOPES = {
  oauth: 'required of every app on the developer platform',
  'crm.objects.companies.read': 'list, search and batch-read companies, with property history',
  'crm.objects.companies.write': 'write the health properties and the CSM read (batch update)',
  'crm.schemas.companies.read': 'read the health property definitions before creating them',
  'crm.schemas.companies.write': 'create the customer_health group and its properties',
  tickets: 'read the tickets associated to each company',
  'crm.objects.contacts.read': 'read calls, meetings, notes and tasks (and their associations)',
  'crm.objects.contacts.write': 'create the playbook tasks and notes, associated to the company',
  'sales-email-read': 'read the emails associated to each company',
} as const

export type Scope = keyof typeof REQUIRED_SCOPES

/** The scopes in the order the app's config lists them. */
export const SCOPES = Object.keys(REQUIRED_SCOPES) as Scope[]
