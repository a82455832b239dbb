/**
 * The OAuth scopes the app requests, each with the calls that need it: the one list the project
 * config, the build and the scope test read. Exactly what the code uses, no more
 * (test/build/scopes.test.ts proves it against the emulator's scope table, which follows HubSpot's
 * specs): `crm.schemas.companies.read` and `sales-email-read` are not requested because
 * `crm.objects.companies.read` already opens the company property definitions, and
 * `crm.objects.contacts.read` the emails endpoints.
 */
export const REQUIRED_SCOPES = {
  oauth: 'required of every app on the developer platform',
  'crm.objects.companies.read':
    'list, search and batch-read companies, with property history, and read their property definitions',
  'crm.objects.companies.write': 'write the health properties and the CSM read (batch update)',
  'crm.schemas.companies.write': 'create the customer_health group and its properties',
  tickets: 'read the tickets associated to each company',
  'crm.objects.contacts.read':
    'read the calls, emails and meetings associated to each company (email content, which needs sales-email-read, is never read)',
  'crm.objects.contacts.write': 'create the playbook tasks and notes, associated to the company',
  'crm.objects.deals.read':
    "read the renewal deals associated to each company: the outcomes the settings page's backtest judges a model by",
} as const

export type Scope = keyof typeof REQUIRED_SCOPES

/** The scopes in the order the app's config lists them. */
export const SCOPES = Object.keys(REQUIRED_SCOPES) as Scope[]
