import { Client } from '@hubspot/api-client'
import { beforeAll, expect, it } from 'vitest'

import { emptyFixture } from '../src/index.ts'
import { createTestPortal } from '../src/testing/index.ts'

const portal = createTestPortal({ fixture: emptyFixture(1, '2026-11-01T00:00:00.000Z') })
beforeAll(() => portal.listen())
const client = new Client(portal.clientOptions)

it('updates the options of a property the portal created, and refuses to touch HubSpot’s own', async () => {
  await client.crm.properties.groupsApi.create('companies', {
    name: 'customer_health',
    label: 'Customer health',
  })
  await client.crm.properties.coreApi.create('companies', {
    name: 'health_tier',
    label: 'Health tier',
    type: 'enumeration',
    fieldType: 'select',
    groupName: 'customer_health',
    options: [{ label: 'Healthy', value: 'healthy', hidden: false, displayOrder: 0 }],
  } as Parameters<typeof client.crm.properties.coreApi.create>[1])
  const updated = await client.crm.properties.coreApi.update('companies', 'health_tier', {
    options: [
      { label: 'Healthy', value: 'healthy', hidden: false, displayOrder: 0 },
      { label: 'At risk', value: 'at_risk', hidden: false, displayOrder: 1 },
    ],
  })
  expect(updated.options.map((o) => o.value)).toEqual(['healthy', 'at_risk'])
  expect(
    (await client.crm.properties.coreApi.getByName('companies', 'health_tier')).options,
  ).toHaveLength(2)
  await expect(
    client.crm.properties.coreApi.update('companies', 'name', { label: 'Nom' }),
  ).rejects.toMatchObject({ code: 400 })
  await expect(
    client.crm.properties.coreApi.update('companies', 'nope', { label: 'x' }),
  ).rejects.toMatchObject({ code: 404 })
})
