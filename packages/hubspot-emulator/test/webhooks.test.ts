import { createHmac } from 'node:crypto'

import { Signature } from '@hubspot/api-client'
import { AssociationSpecAssociationCategoryEnum } from '@hubspot/api-client/lib/codegen/crm/objects/models/AssociationSpec.js'
import { afterEach, expect, it, onTestFinished, vi } from 'vitest'

import type { WebhookConfigInput } from '../src/index.ts'
import { createTestPortal, TEST_PORTAL_ID } from '../src/testing/index.ts'
import { createClient, openPortal, TOKEN } from './support.ts'
import { type Answer, startReceiver, type WebhookReceiver } from './webhook-receiver.ts'

const SECRET = 'test-client-secret'
const APP_ID = 777
const receivers: WebhookReceiver[] = []

afterEach(async () => {
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()))
})

async function receiver(answer?: Answer) {
  const started = await startReceiver(answer)
  receivers.push(started)
  return started
}

function settings(
  targetUrl: string,
  subscriptions: WebhookConfigInput['subscriptions'],
  extra: Partial<WebhookConfigInput> = {},
): WebhookConfigInput {
  return { targetUrl, clientSecret: SECRET, appId: APP_ID, subscriptions, ...extra }
}

/** Signature v3 computed here, independently of the emulator's code. */
function expectedV3(uri: string, body: string, timestamp: string): string {
  return createHmac('sha256', SECRET).update(`POST${uri}${body}${timestamp}`).digest('base64')
}

it('delivers a signed ticket.creation and both association events for a ticket created for a company', async () => {
  const hook = await receiver()
  const { emulator, clock } = openPortal(3, {
    webhooks: settings(hook.url, [
      { id: 11, subscriptionType: 'ticket.creation' },
      { id: 12, subscriptionType: 'ticket.associationChange' },
      { id: 13, subscriptionType: 'company.associationChange' },
      { id: 14, subscriptionType: 'company.creation' },
    ]),
  })
  clock.advance(60_000)
  const ticket = await createClient().crm.tickets.basicApi.create({
    properties: { subject: 'Printer on fire', hs_pipeline_stage: '1' },
    associations: [
      {
        to: { id: '101' },
        types: [
          {
            associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined,
            associationTypeId: 339,
          },
        ],
      },
    ],
  })
  await emulator.webhooks.flush()

  expect(hook.received).toHaveLength(1)
  const [delivery] = hook.received
  if (!delivery) throw new Error('no delivery')
  expect(delivery.method).toBe('POST')
  expect(delivery.headers['content-type']).toBe('application/json')
  const timestamp = delivery.headers['x-hubspot-request-timestamp']
  expect(timestamp).toBe(String(clock.now()))
  expect(delivery.headers['x-hubspot-signature-v3']).toBe(
    expectedV3(hook.url, delivery.body, String(timestamp)),
  )
  expect(delivery.headers['x-hubspot-signature-version']).toBe('v1')
  expect(
    Signature.isValid({
      signature: String(delivery.headers['x-hubspot-signature']),
      clientSecret: SECRET,
      requestBody: delivery.body,
    }),
  ).toBe(true)

  const common = {
    portalId: TEST_PORTAL_ID,
    appId: APP_ID,
    occurredAt: clock.now(),
    attemptNumber: 0,
    changeSource: 'INTEGRATION',
    sourceId: '1',
  }
  const ticketId = Number(ticket.id)
  expect(delivery.events).toEqual([
    {
      ...common,
      eventId: 1,
      subscriptionId: 11,
      subscriptionType: 'ticket.creation',
      objectId: ticketId,
      changeFlag: 'CREATED',
    },
    {
      ...common,
      eventId: 2,
      subscriptionId: 12,
      subscriptionType: 'ticket.associationChange',
      associationType: 'TICKET_TO_COMPANY',
      fromObjectId: ticketId,
      toObjectId: 101,
      associationRemoved: false,
      isPrimaryAssociation: false,
    },
    {
      ...common,
      eventId: 3,
      subscriptionId: 13,
      subscriptionType: 'company.associationChange',
      associationType: 'COMPANY_TO_TICKET',
      fromObjectId: 101,
      toObjectId: ticketId,
      associationRemoved: false,
      isPrimaryAssociation: false,
    },
  ])
  expect(emulator.webhooks.stats()).toMatchObject({ delivered: 3, pending: 0, requests: 1 })
})

it('sends the changes of a 150-company update in deliveries of at most 100 events', async () => {
  const hook = await receiver()
  const { emulator } = openPortal(150, {
    rateLimits: false,
    webhooks: settings(hook.url, [
      { id: 1, subscriptionType: 'company.propertyChange', propertyName: 'nps_score' },
    ]),
  })
  const ids = Array.from({ length: 150 }, (_, i) => String(101 + i))
  const { batchApi } = createClient().crm.companies
  for (const chunk of [ids.slice(0, 100), ids.slice(100)]) {
    await batchApi.update({
      inputs: chunk.map((id) => ({
        id,
        properties: { nps_score: String(Number(id) + 1000), name: 'x' },
      })),
    })
  }
  await emulator.webhooks.flush()

  const sizes = hook.received.map((delivery) => delivery.events.length)
  expect(sizes).toEqual([100, 50])
  const events = hook.events()
  expect(events.map((event) => event.objectId)).toEqual(ids.map(Number))
  expect(events.every((e) => e.propertyName === 'nps_score')).toBe(true)
  expect(events.every((e) => e.propertyValue === String(Number(e.objectId) + 1000))).toBe(true)
  expect(new Set(events.map((e) => e.eventId)).size).toBe(150)
})

it('emits nothing for fixture loading, resets, or writes that leave a value as it was', async () => {
  const hook = await receiver()
  const { emulator } = openPortal(3, {
    webhooks: settings(hook.url, [
      { id: 1, subscriptionType: 'company.propertyChange', propertyName: 'nps_score' },
    ]),
  })
  emulator.store.reset()
  const { basicApi } = createClient().crm.companies
  // Company 101 has nps_score 0 in the test fixture.
  await basicApi.update('101', { properties: { nps_score: '0' } })
  await createClient().crm.companies.batchApi.update({
    inputs: [{ id: '101', properties: { nps_score: '0' } }],
  })
  await emulator.webhooks.flush()
  expect(hook.received).toHaveLength(0)

  await basicApi.update('101', { properties: { nps_score: '7' } })
  await basicApi.update('101', { properties: { nps_score: '7' } })
  await emulator.webhooks.flush()
  expect(hook.events().map((e) => [e.objectId, e.propertyValue])).toEqual([[101, '7']])
})

it('sends only active subscriptions, with objectTypeId on generic ones (meetings are MEETING_EVENT)', async () => {
  const hook = await receiver()
  const { emulator, clock } = openPortal(2, {
    webhooks: settings(hook.url, [
      {
        id: 1,
        subscriptionType: 'company.propertyChange',
        propertyName: 'nps_score',
        active: false,
      },
      {
        id: 2,
        subscriptionType: 'object.propertyChange',
        objectTypeId: '0-2',
        propertyName: 'name',
      },
      { id: 3, subscriptionType: 'object.creation', objectType: 'MEETING_EVENT' },
      { id: 4, subscriptionType: 'object.associationChange', objectTypeId: '0-47' },
    ]),
  })
  const client = createClient()
  await client.crm.companies.basicApi.update('101', {
    properties: { nps_score: '9', name: 'Renamed' },
  })
  await client.crm.objects.notes.basicApi.create({
    properties: { hs_timestamp: String(clock.now()), hs_note_body: 'not subscribed' },
    associations: [],
  })
  const meeting = await client.crm.objects.meetings.basicApi.create({
    properties: { hs_timestamp: String(clock.now()), hs_meeting_title: 'QBR' },
    associations: [
      {
        to: { id: '102' },
        types: [
          {
            associationCategory: AssociationSpecAssociationCategoryEnum.HubspotDefined,
            associationTypeId: 188,
          },
        ],
      },
    ],
  })
  await emulator.webhooks.flush()

  const events = hook.events()
  expect(events.map((e) => e.subscriptionId)).toEqual([2, 3, 4])
  expect(events[0]).toMatchObject({
    subscriptionType: 'object.propertyChange',
    objectTypeId: '0-2',
    objectId: 101,
    propertyName: 'name',
    propertyValue: 'Renamed',
  })
  expect(events[1]).toMatchObject({
    subscriptionType: 'object.creation',
    objectTypeId: '0-47',
    objectId: Number(meeting.id),
  })
  expect(events[2]).toMatchObject({
    subscriptionType: 'object.associationChange',
    fromObjectTypeId: '0-47',
    fromObjectId: Number(meeting.id),
    toObjectTypeId: '0-2',
    toObjectId: 102,
    associationTypeId: 188,
    associationCategory: 'HUBSPOT_DEFINED',
    associationRemoved: false,
  })
  expect(events[2]).not.toHaveProperty('objectId')
})

it('reports an association made and removed later, with associationRemoved, on both sides', async () => {
  const hook = await receiver()
  const { emulator } = openPortal(3, {
    webhooks: settings(hook.url, [
      { id: 1, subscriptionType: 'object.associationChange', objectTypeId: '0-48' },
      { id: 2, subscriptionType: 'company.associationChange' },
    ]),
  })
  const { basicApi } = createClient().crm.associations.v4
  // Call 50000 belongs to company 101 in the test fixture.
  await basicApi.createDefault('calls', '50000', 'companies', '102')
  await basicApi.createDefault('calls', '50000', 'companies', '102')
  await basicApi.archive('companies', '101', 'calls', '50000')
  await basicApi.archive('companies', '101', 'calls', '50000')
  await emulator.webhooks.flush()

  expect(
    hook
      .events()
      .map((e) => [e.subscriptionId, e.fromObjectId, e.toObjectId, e.associationRemoved]),
  ).toEqual([
    [1, 50000, 102, false],
    [2, 102, 50000, false],
    [2, 101, 50000, true],
    [1, 50000, 101, true],
  ])
  expect(hook.events()[0]).toMatchObject({ associationTypeId: 182, toObjectTypeId: '0-2' })
  expect(hook.events()[2]).toMatchObject({ associationType: 'COMPANY_TO_CALL' })
})

it('names the OAuth app behind a change as sourceId, so a backend can skip its own writes', async () => {
  const hook = await receiver()
  const app = { clientId: 'marketplace-app', clientSecret: SECRET, appId: APP_ID }
  const { emulator } = openPortal(2, {
    oauthApps: [app],
    webhooks: settings(hook.url, [
      { id: 1, subscriptionType: 'company.propertyChange', propertyName: 'nps_score' },
    ]),
  })
  const redirectUri = 'http://localhost:3000/oauth/callback'
  const code = emulator.issueAuthorizationCode({
    clientId: app.clientId,
    redirectUri,
    scopes: ['crm.objects.companies.write'],
  })
  const token = await createClient().oauth.tokensApi.create(
    'authorization_code',
    code,
    redirectUri,
    app.clientId,
    app.clientSecret,
  )
  await createClient(undefined, token.accessToken).crm.companies.basicApi.update('101', {
    properties: { nps_score: '3' },
  })
  await createClient().crm.companies.basicApi.update('102', { properties: { nps_score: '4' } })
  await emulator.webhooks.flush()
  expect(hook.events().map((e) => [e.objectId, e.changeSource, e.sourceId])).toEqual([
    [101, 'INTEGRATION', String(APP_ID)],
    [102, 'INTEGRATION', '1'],
  ])
})

it('redelivers a failed batch with attemptNumber 0, 1, 2 and the same eventIds', async () => {
  const hook = await receiver((index) => (index < 2 ? 500 : 200))
  const { emulator } = openPortal(3, {
    webhooks: settings(
      hook.url,
      [{ id: 1, subscriptionType: 'company.propertyChange', propertyName: 'name' }],
      { retry: { attempts: 3, baseDelayMs: 10 } },
    ),
  })
  const { batchApi } = createClient().crm.companies
  await batchApi.update({
    inputs: ['101', '102'].map((id) => ({ id, properties: { name: `New ${id}` } })),
  })
  await emulator.webhooks.flush()

  expect(hook.received).toHaveLength(3)
  expect(hook.received.map((d) => d.events.map((e) => e.attemptNumber))).toEqual([
    [0, 0],
    [1, 1],
    [2, 2],
  ])
  const eventIds = hook.received.map((d) => d.events.map((e) => e.eventId))
  expect(eventIds[1]).toEqual(eventIds[0])
  expect(eventIds[2]).toEqual(eventIds[0])
  for (const delivery of hook.received) {
    const timestamp = String(delivery.headers['x-hubspot-request-timestamp'])
    expect(delivery.headers['x-hubspot-signature-v3']).toBe(
      expectedV3(hook.url, delivery.body, timestamp),
    )
  }
  expect(emulator.webhooks.stats()).toEqual({
    delivered: 2,
    failed: 0,
    pending: 0,
    discarded: 0,
    requests: 3,
    retries: 2,
    lastError: 'HTTP 500',
  })
})

it('gives up after the last retry, counts an unanswered delivery as a timeout, and never holds up the API', async () => {
  const hook = await receiver(() => 'hang')
  const { emulator } = openPortal(2, {
    webhooks: settings(
      hook.url,
      [{ id: 1, subscriptionType: 'company.propertyChange', propertyName: 'name' }],
      { timeoutMs: 300, retry: { attempts: 1, baseDelayMs: 10 } },
    ),
  })
  const { basicApi } = createClient().crm.companies
  await basicApi.update('101', { properties: { name: 'Slow' } })
  await expect.poll(() => hook.received.length).toBe(1)
  const started = Date.now()
  await basicApi.update('102', { properties: { name: 'Answered anyway' } })
  expect(Date.now() - started).toBeLessThan(150)
  await emulator.webhooks.flush()
  expect(hook.received.map((d) => [d.events[0]?.objectId, d.events[0]?.attemptNumber])).toEqual([
    [101, 0],
    [102, 0],
    [101, 1],
    [102, 1],
  ])
  expect(emulator.webhooks.stats()).toMatchObject({
    delivered: 0,
    failed: 2,
    pending: 0,
    requests: 4,
    lastError: 'timeout after 300 ms',
  })
})

it('retries a refused connection or a redirect like any other failure', async () => {
  const gone = await startReceiver()
  await gone.close()
  const moved = await receiver(() => ({ status: 302, location: '/webhooks/elsewhere' }))
  const { emulator } = openPortal(2, {
    webhooks: settings(
      gone.url,
      [{ id: 1, subscriptionType: 'company.propertyChange', propertyName: 'name' }],
      { retry: { attempts: 1, baseDelayMs: 5 } },
    ),
  })
  const { basicApi } = createClient().crm.companies
  await basicApi.update('101', { properties: { name: 'Nobody listens' } })
  await emulator.webhooks.flush()
  expect(emulator.webhooks.stats()).toMatchObject({
    failed: 1,
    requests: 2,
    lastError: 'network error ECONNREFUSED',
  })

  emulator.webhooks.configure(
    settings(
      moved.url,
      [{ id: 1, subscriptionType: 'company.propertyChange', propertyName: 'name' }],
      {
        retry: { attempts: 1, baseDelayMs: 5 },
      },
    ),
  )
  await basicApi.update('101', { properties: { name: 'Moved away' } })
  await emulator.webhooks.flush()
  expect(moved.received).toHaveLength(2)
  expect(emulator.webhooks.stats()).toMatchObject({ failed: 2, requests: 4, lastError: 'HTTP 302' })
})

it('close() drops what is pending, cancels retries and leaves no timer running', async () => {
  // Every timer the dispatcher starts here is 60 s long, so none can fire: each must be cleared.
  const started = vi.spyOn(globalThis, 'setTimeout')
  const cleared = vi.spyOn(globalThis, 'clearTimeout')
  onTestFinished(() => {
    vi.restoreAllMocks()
  })
  const long = () =>
    started.mock.calls.flatMap((call, i) =>
      call[1] === 60_000 ? [started.mock.results[i]?.value as unknown] : [],
    )
  const hook = await receiver(() => 500)
  const portal = createTestPortal({
    companies: 3,
    webhooks: settings(
      hook.url,
      [{ id: 1, subscriptionType: 'company.propertyChange', propertyName: 'name' }],
      { flushDelayMs: 10, retry: { attempts: 5, baseDelayMs: 60_000 } },
    ),
  })
  const stop = portal.listen()
  try {
    const { basicApi } = createClient().crm.companies
    await basicApi.update('101', { properties: { name: 'Retried later' } })
    await expect.poll(() => portal.emulator.webhooks.stats()).toMatchObject({ retries: 1 })
    portal.emulator.webhooks.configure(
      settings(
        hook.url,
        [{ id: 1, subscriptionType: 'company.propertyChange', propertyName: 'name' }],
        { flushDelayMs: 60_000 },
      ),
    )
    await basicApi.update('102', { properties: { name: 'Queued' } })
    await basicApi.update('103', { properties: { name: 'Queued too' } })
    expect(portal.emulator.webhooks.stats()).toMatchObject({ pending: 3, requests: 1 })
    expect(long()).toHaveLength(2)
  } finally {
    stop()
  }
  await portal.emulator.webhooks.close()
  const clearedHandles = new Set(cleared.mock.calls.map((call) => call[0] as unknown))
  expect(long().filter((handle) => !clearedHandles.has(handle))).toEqual([])
  expect(portal.emulator.webhooks.stats()).toMatchObject({ pending: 0, discarded: 3, delivered: 0 })
  expect(hook.received).toHaveLength(1)
  portal.emulator.store
    .table('companies')
    .write(0, { name: 'After close' }, { at: 0, sourceType: 'API' })
  expect(portal.emulator.webhooks.stats().pending).toBe(0)
})

it('takes its settings over HTTP and reports deliveries without the client secret', async () => {
  const hook = await receiver()
  const portal = createTestPortal({ companies: 2 })
  const server = await portal.serve()
  try {
    const put = (body: unknown) =>
      fetch(`${server.url}/__emulator/webhooks`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
    const bad = await put(settings(hook.url, [{ id: 1, subscriptionType: 'object.creation' }]))
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { message: string }).message).toBe(
      'Invalid webhook settings: subscriptions.0: object.creation needs an objectTypeId (e.g. "0-2")',
    )
    const ok = await put(settings(hook.url, [{ id: 5, subscriptionType: 'company.creation' }]))
    expect(ok.status).toBe(200)
    expect(JSON.stringify(await ok.json())).not.toContain(SECRET)

    const company = await createClient(server.url, TOKEN).crm.companies.basicApi.create({
      properties: { name: 'Over HTTP' },
      associations: [],
    })
    await portal.emulator.webhooks.flush()
    expect(hook.events()).toMatchObject([
      { subscriptionType: 'company.creation', objectId: Number(company.id) },
    ])
    const report = (await (await fetch(`${server.url}/__emulator/webhooks`)).json()) as {
      settings: { targetUrl: string }
      deliveries: { delivered: number }
    }
    expect(report.settings.targetUrl).toBe(hook.url)
    expect(report.deliveries.delivered).toBe(1)
  } finally {
    await server.close()
  }
})
