import { expect, it } from 'vitest'

import { createEmulator, parseWebhookConfig } from '../src/index.ts'
import { buildTestFixture } from '../src/testing/index.ts'

const base = { targetUrl: 'http://127.0.0.1:3000/webhooks/hubspot', clientSecret: 's', appId: 9 }

it('fills in HubSpot-like defaults and maps MEETING_EVENT to meetings (0-47)', () => {
  const config = parseWebhookConfig({
    ...base,
    subscriptions: [
      { id: 1, subscriptionType: 'object.creation', objectType: 'MEETING_EVENT' },
      { id: 2, subscriptionType: 'ticket.propertyChange', propertyName: 'hs_pipeline_stage' },
    ],
  })
  expect(config).toMatchObject({
    maxBatchSize: 100,
    flushDelayMs: 100,
    timeoutMs: 5000,
    maxConcurrentRequests: 10,
    retry: { attempts: 3, baseDelayMs: 250 },
    subscriptions: [
      { id: 1, kind: 'creation', objectType: 'meetings', generic: true, active: true },
      { id: 2, kind: 'propertyChange', objectType: 'tickets', generic: false },
    ],
  })
})

it.each([
  [
    { subscriptions: [{ id: 1, subscriptionType: 'company.propertyChange' }] },
    'subscriptions.0: company.propertyChange needs a propertyName',
  ],
  [
    { subscriptions: [{ id: 1, subscriptionType: 'company.creation', objectTypeId: '0-2' }] },
    'subscriptions.0: company.creation names its object type; drop objectTypeId',
  ],
  [
    { subscriptions: [{ id: 1, subscriptionType: 'object.creation', objectTypeId: '0-99' }] },
    'subscriptions.0.objectTypeId: objectTypeId must be one of 0-2, 0-5, 0-3, 0-48, 0-49, 0-47, 0-46, 0-27',
  ],
  [
    {
      subscriptions: [
        {
          id: 1,
          subscriptionType: 'object.propertyChange',
          objectTypeId: '0-49',
          propertyName: 'hs_email_subject',
        },
      ],
    },
    'subscriptions.0: HubSpot does not support subscriptions on hs_email_subject',
  ],
  [
    {
      subscriptions: [
        { id: 1, subscriptionType: 'ticket.creation' },
        { id: 1, subscriptionType: 'company.creation' },
      ],
    },
    'subscriptions.1: duplicate subscription id 1',
  ],
  [{ subscriptions: [], maxBatchSize: 101 }, 'maxBatchSize: Too big: expected number to be <=100'],
  [{ subscriptions: [], targetUrl: 'ftp://example.com' }, 'targetUrl: Invalid URL'],
  [
    { subscriptions: [{ id: 1, subscriptionType: 'contact.creation' }] },
    'subscriptions.0.subscriptionType:',
  ],
])('rejects bad settings with a one-line message (%#)', (override, message) => {
  const attempt = () => parseWebhookConfig({ ...base, ...override })
  expect(attempt).toThrow(`Invalid webhook settings: ${message}`)
  expect(() => attempt()).toThrow(/^[^\n]+$/)
})

it('refuses an emulator with invalid webhook settings', () => {
  expect(() =>
    createEmulator({
      fixture: buildTestFixture(1),
      webhooks: { ...base, subscriptions: [{ id: 0, subscriptionType: 'ticket.creation' }] },
    }),
  ).toThrow('Invalid webhook settings: subscriptions.0.id:')
})
