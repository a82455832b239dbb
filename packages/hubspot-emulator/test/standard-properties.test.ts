import { expect, it } from 'vitest'

import type { OBJECT_TYPES } from '../src/index.ts'
import { emptyFixture, parseFixture } from '../src/index.ts'
import { createPortalStore } from '../src/store/portal-store.ts'
import { standardDefinitions } from '../src/store/standard-properties.ts'

const AT = '2026-11-01T00:00:00.000Z'
const APP_INPUTS = [
  'product_active_users_30d',
  'product_active_users_baseline',
  'product_logins_30d',
  'product_core_features_used',
  'nps_score',
  'csat_score',
  'days_payment_overdue',
  'renewal_date',
]

const definition = (type: (typeof OBJECT_TYPES)[number], name: string) =>
  standardDefinitions(type, AT).find((def) => def.name === name)

it('defines HubSpot’s documented defaults with their real types, and none of this app’s inputs', () => {
  expect(definition('companies', 'description')).toMatchObject({
    type: 'string',
    fieldType: 'textarea',
    hubspotDefined: true,
  })
  expect(definition('companies', 'phone')).toMatchObject({
    type: 'string',
    fieldType: 'phonenumber',
  })
  expect(definition('companies', 'annualrevenue')).toMatchObject({ type: 'number' })
  expect(definition('companies', 'is_public')).toMatchObject({ type: 'bool' })
  expect(definition('tickets', 'hs_ticket_category')).toMatchObject({ fieldType: 'checkbox' })
  expect(definition('deals', 'closedate')).toMatchObject({ type: 'datetime' })
  expect(definition('calls', 'hs_call_disposition')).toMatchObject({ type: 'enumeration' })
  expect(definition('meetings', 'hs_meeting_external_url')).toMatchObject({ type: 'string' })
  const companies = standardDefinitions('companies', AT).map((def) => def.name)
  expect(companies).toEqual(
    expect.arrayContaining(['about_us', 'website', 'zip', 'lifecyclestage']),
  )
  for (const name of APP_INPUTS) expect(companies).not.toContain(name)
})

it('marks calculated and system properties read-only', () => {
  expect(definition('companies', 'hs_object_id')?.modificationMetadata.readOnlyValue).toBe(true)
  expect(definition('tickets', 'time_to_close')?.modificationMetadata.readOnlyValue).toBe(true)
  expect(definition('companies', 'name')?.modificationMetadata.readOnlyValue).toBe(false)
})

it('loads the custom properties a fixture declares, and infers the undeclared ones', () => {
  const fixture = parseFixture({
    ...emptyFixture(1, AT),
    companies: [{ id: '1', properties: { nps_score: '9', tier_note: '2026-10-01' } }],
    propertyGroups: { companies: [{ name: 'success', label: 'Success' }] },
    propertyDefinitions: {
      companies: [
        {
          name: 'nps_score',
          label: 'NPS',
          type: 'number',
          fieldType: 'number',
          groupName: 'success',
        },
      ],
    },
  })
  const store = createPortalStore(fixture, { now: () => Date.parse(AT) })
  expect(store.properties.get('companies', 'nps_score')).toMatchObject({
    type: 'number',
    groupName: 'success',
    hubspotDefined: false,
  })
  expect(store.properties.get('companies', 'tier_note')).toMatchObject({ type: 'date' })
  expect(store.properties.getGroup('companies', 'success')).toMatchObject({ label: 'Success' })
})

it('refuses declarations HubSpot would refuse', () => {
  const declare = (definitions: unknown[]) => ({
    ...emptyFixture(1, AT),
    propertyDefinitions: { companies: definitions },
  })
  expect(() =>
    parseFixture(
      declare([{ name: 'x', label: 'X', type: 'number', fieldType: 'select', groupName: 'g' }]),
    ),
  ).toThrow(
    'propertyDefinitions.companies[0]: fieldType select is not valid for a property of type number',
  )
  const unknownGroup = parseFixture(
    declare([{ name: 'x', label: 'X', type: 'number', fieldType: 'number', groupName: 'nowhere' }]),
  )
  expect(() => createPortalStore(unknownGroup)).toThrow("group 'nowhere' does not exist")
  const clash = parseFixture(
    declare([
      {
        name: 'name',
        label: 'N',
        type: 'string',
        fieldType: 'text',
        groupName: 'companyinformation',
      },
    ]),
  )
  expect(() => createPortalStore(clash)).toThrow("'name' is already a HubSpot property")
})
