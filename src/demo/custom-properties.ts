/**
 * The demo portal's own company properties: this app's default inputs (DESIGN.md, "Default input
 * properties"). They are the customer's data, not HubSpot's, so the demo fixture declares them as
 * custom properties in the Properties API's shape.
 */
import type { PropertyCreate, PropertyDeclarations } from '@health-score/hubspot-emulator'

/** The group the demo's inputs live in. */
export const DEMO_PROPERTY_GROUP = { name: 'customer_success', label: 'Customer success' } as const

const number = (name: string, label: string): PropertyCreate => ({
  name,
  label,
  type: 'number',
  fieldType: 'number',
  groupName: DEMO_PROPERTY_GROUP.name,
})

/** The demo's custom company properties. */
export const DEMO_COMPANY_PROPERTIES: readonly PropertyCreate[] = [
  number('product_active_users_30d', 'Active users (30 days)'),
  number('product_active_users_baseline', 'Active users (onboarding baseline)'),
  number('product_logins_30d', 'Logins (30 days)'),
  number('product_core_features_used', 'Core features used'),
  number('nps_score', 'NPS score'),
  number('csat_score', 'CSAT score'),
  number('days_payment_overdue', 'Days payment overdue'),
  {
    name: 'renewal_date',
    label: 'Renewal date',
    type: 'date',
    fieldType: 'date',
    groupName: DEMO_PROPERTY_GROUP.name,
  },
]

/**
 * What a demo fixture declares beyond HubSpot's standard properties.
 * @example const fixture = { ...emptyFixture(12345, asOf), ...demoPropertyDeclarations() }
 */
export function demoPropertyDeclarations(): Required<PropertyDeclarations> {
  return {
    propertyDefinitions: { companies: DEMO_COMPANY_PROPERTIES.map((def) => ({ ...def })) },
    propertyGroups: { companies: [{ ...DEMO_PROPERTY_GROUP, displayOrder: -1 }] },
  }
}
