/**
 * The webhook receiver end to end over real HTTP on loopback: the emulator, served on 127.0.0.1,
 * delivers signed batches to the backend's `POST /webhooks/hubspot`, which rescores through the
 * real client against the same emulator.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { WebhookConfigInput } from '@health-score/hubspot-emulator'
import {
  createTestPortal,
  TEST_PORTAL_ID,
  type TestPortal,
} from '@health-score/hubspot-emulator/testing'
import { Client } from '@hubspot/api-client'
import { afterEach, expect, it } from 'vitest'

import { createWebhooksMeta } from '../../../src/build/index.ts'
import { getDefaultModel } from '../../../src/health/index.ts'
import type { Logger } from '../../../src/log.ts'
import { ensureSchema } from '../../../src/operations/index.ts'
import {
  type CompanyHealth,
  createApp,
  loadServerConfig,
  type PortalConnections,
  PortalModels,
  runCatchUp,
  type ServerStore,
  signV3,
  SqliteServerStore,
  WEBHOOK_PATH,
  WebhookProcessor,
  type WebhookProcessorOptions,
} from '../../../src/server/index.ts'
import { EmulatorConnections } from '../../support/emulator-connections.ts'
import { createTicketFor, historyOf, valueOf } from '../../support/portal.ts'
import { sealedTokens } from '../store/server-store-contract.ts'

const SECRET = 'webhook-test-client-secret'
const closers: (() => Promise<void>)[] = []

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close()
})

interface LogLine {
  readonly level: string
  readonly facts: object
  readonly message: string
}

function memoryLogger(lines: LogLine[]): Logger {
  const at = (level: string) => (facts: object, message: string) => {
    lines.push({ level, facts, message })
  }
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') }
}

interface BackendOptions {
  readonly companies?: number
  readonly subscriptions: WebhookConfigInput['subscriptions']
  readonly processor?: Partial<WebhookProcessorOptions>
  /** Wraps the processor's connections (the test's own set-up calls go around it). */
  readonly wrap?: (connections: PortalConnections) => PortalConnections
  /** False lifts the emulator's own rate limits. */
  readonly emulatorLimits?: false
  /** The connection's calls per 10 s; default the OAuth budget. */
  readonly rateLimit?: number
}

/** An emulated portal with the app installed, and the backend receiving its webhooks. */
async function startBackend(options: BackendOptions) {
  const portal: TestPortal = createTestPortal({
    companies: options.companies ?? 3,
    // The emulator's rolling window runs on the test portal's manual clock, which stands still; the
    // backend's own limiter keeps to the OAuth budget in real time.
    ...(options.emulatorLimits === false ? { rateLimits: false } : {}),
  })
  const hubspot = await portal.serve()
  closers.push(() => hubspot.close())
  const store: ServerStore = new SqliteServerStore(':memory:')
  closers.push(() => store.close())
  await store.saveInstallation(
    { portalId: TEST_PORTAL_ID, scopes: ['oauth'], tokens: sealedTokens(TEST_PORTAL_ID, 'a') },
    portal.clock.now(),
  )
  const connections = new EmulatorConnections({
    basePath: hubspot.url,
    installed: store,
    ...(options.rateLimit === undefined ? {} : { rateLimit: options.rateLimit }),
  })
  closers.push(() => connections.close())
  const connection = await connections.forPortal(TEST_PORTAL_ID)
  await ensureSchema({ connection, model: getDefaultModel() })

  const server: Server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const config = loadServerConfig({
    HUBSPOT_CLIENT_ID: 'client-id',
    HUBSPOT_CLIENT_SECRET: SECRET,
    HEALTH_SCORE_PUBLIC_URL: publicUrl,
  })
  const logs: LogLine[] = []
  const logger = memoryLogger(logs)
  const rescored: CompanyHealth[] = []
  const processor = new WebhookProcessor({
    store,
    connections: options.wrap ? options.wrap(connections) : connections,
    modelFor: new PortalModels(store).modelFor,
    logger,
    now: portal.clock.now,
    onRescored: (_portalId, health) => rescored.push(health),
    ...options.processor,
  })
  closers.push(() => processor.close())
  server.on(
    'request',
    createApp({
      config,
      store,
      logger,
      connections,
      webhooks: { processor, now: portal.clock.now },
    }),
  )
  const targetUrl = publicUrl + WEBHOOK_PATH
  portal.emulator.webhooks.configure({
    targetUrl,
    clientSecret: SECRET,
    appId: 1,
    subscriptions: options.subscriptions,
  })
  const client = new Client({ accessToken: portal.token, basePath: hubspot.url })
  const baseline = connection.calls.total
  const schemaCalls = connection.calls.snapshot().byEndpoint
  return {
    portal,
    store,
    connections,
    connection,
    processor,
    logs,
    rescored,
    targetUrl,
    client,
    baseline,
    schemaCalls,
  }
}

/** Prints a measured figure for the report (the suite's lint forbids `console`). */
function report(line: string): void {
  process.stdout.write(`${line}\n`)
}

/** Waits until `done()` holds, checking every 10 ms, for at most `ms`. */
async function until(done: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** POSTs `body` to the receiver signed as HubSpot signs it, at the emulator's clock. */
async function post(targetUrl: string, body: string, timestamp: number, secret = SECRET) {
  const signature = signV3({
    method: 'POST',
    uri: targetUrl,
    body,
    clientSecret: secret,
    timestamp: String(timestamp),
  })
  const response = await fetch(targetUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': String(timestamp),
    },
    body,
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** The marketplace build's webhooks component, as HubSpot would register its subscriptions. */
function marketplaceSubscriptions(): WebhookConfigInput['subscriptions'] {
  return createWebhooksMeta().config.subscriptions.crmObjects.map((subscription, i) => ({
    id: i + 1,
    ...subscription,
  }))
}

it('rescores a company within seconds of a ticket created for it, in at most 5 HubSpot calls', async () => {
  const backend = await startBackend({ subscriptions: marketplaceSubscriptions() })
  const { portal, client, connection, processor, rescored } = backend
  expect(historyOf(portal.emulator, '101', 'health_score').filter(Boolean)).toEqual([])

  const started = performance.now()
  await createTicketFor(client, '101', {
    subject: 'Printer on fire',
    hs_pipeline_stage: '1',
    hs_ticket_priority: 'URGENT',
  })
  await until(() => valueOf(portal.emulator, '101', 'health_scored_at') !== null)
  const elapsed = performance.now() - started
  await processor.idle()
  report(`webhook: ticket created → company 101's score written in ${Math.round(elapsed)} ms`)
  const calls = connection.calls.snapshot()
  const made = calls.total - backend.baseline
  const byEndpoint = Object.entries(calls.byEndpoint)
    .map(([endpoint, count]) => [endpoint, count - (backend.schemaCalls[endpoint] ?? 0)] as const)
    .filter(([, count]) => count > 0)
  report(
    `webhook: HubSpot calls for the rescore: ${made} ${JSON.stringify(Object.fromEntries(byEndpoint))}`,
  )

  expect(elapsed).toBeLessThan(10_000)
  // ticket creation, its association, and a change for each ticket property the model reads
  expect(processor.stats).toMatchObject({ rescores: 1, failed: 0 })
  expect(processor.stats.events).toBeGreaterThanOrEqual(2)
  expect(rescored).toHaveLength(1)
  expect(rescored[0]!.result).not.toBeNull()
  expect(valueOf(portal.emulator, '101', 'health_score')).toBe(String(rescored[0]!.result!.score))
  expect(made).toBeLessThanOrEqual(5)
  expect(await backend.store.eventsProcessedUntil(TEST_PORTAL_ID)).toBeGreaterThan(0)
  // The rescore is kept in the portfolio history.
  const { tier, scoredAt } = rescored[0]!.result!
  const kept = await backend.store.portfolio().distribution(TEST_PORTAL_ID, Date.parse(scoredAt))
  expect(kept.scored).toBe(1)
  const spelled = {
    healthy: 'healthy',
    neutral: 'neutral',
    at_risk: 'atRisk',
    critical: 'critical',
  }
  expect(kept.tiers[spelled[tier] as keyof typeof kept.tiers]).toBe(1)
}, 30_000)

it('turns 1,000 events for 50 companies into exactly 50 rescores, losing none, and its own writes into none', async () => {
  const backend = await startBackend({
    companies: 50,
    emulatorLimits: false,

    subscriptions: [
      { id: 1, subscriptionType: 'company.propertyChange', propertyName: 'nps_score' },
      // The rescore's own writes come back as events: they must not lead to another rescore.
      { id: 2, subscriptionType: 'company.propertyChange', propertyName: 'health_score' },
      { id: 3, subscriptionType: 'company.propertyChange', propertyName: 'health_tier' },
    ],
  })
  const { portal, client, processor, rescored, connection } = backend
  const started = performance.now()
  const ids = Array.from({ length: 50 }, (_, i) => String(101 + i))
  for (let round = 0; round < 20; round++)
    await client.crm.companies.batchApi.update({
      inputs: ids.map((id) => ({ id, properties: { nps_score: String(100 + round) } })),
    })
  await portal.emulator.webhooks.flush()
  await processor.idle()
  expect(processor.stats).toMatchObject({ rescores: 50, failed: 0, retries: 0 })
  expect(new Set(rescored.map((health) => health.companyId))).toEqual(new Set(ids))
  const calls = connection.calls.total - backend.baseline
  report(
    `webhook: 1,000 events → ${processor.stats.rescores} rescores, ${calls} calls, ` +
      `${connection.calls.rateLimited} 429s, ${Math.round(performance.now() - started)} ms within the OAuth budget`,
  )
  expect(connection.calls.rateLimited).toBe(0)

  // The rescores' writes were delivered back as events, and were ignored.
  await portal.emulator.webhooks.flush()
  await processor.idle()
  await new Promise((resolve) => setTimeout(resolve, 2_500)) // longer than the window
  const hooks = portal.emulator.webhooks.stats()
  expect(hooks.failed).toBe(0)
  expect(hooks.delivered).toBeGreaterThanOrEqual(1_100)
  expect(processor.stats.events).toBe(hooks.delivered)
  expect(processor.stats.ignored).toBe(hooks.delivered - 1_000)
  expect(processor.stats.rescores).toBe(50)
  for (const id of ids)
    expect(historyOf(portal.emulator, id, 'health_score').filter(Boolean)).toHaveLength(1)
}, 60_000)

it('ignores a duplicate delivery, refuses a forged one and skips a malformed event', async () => {
  const backend = await startBackend({
    subscriptions: [{ id: 1, subscriptionType: 'company.creation' }],
  })
  const { portal, processor, targetUrl } = backend
  const event = {
    eventId: 77, subscriptionId: 1, portalId: TEST_PORTAL_ID, appId: 1, occurredAt: portal.clock.now(),
    subscriptionType: 'company.creation', attemptNumber: 0, objectId: 102, changeFlag: 'CREATED',
    changeSource: 'CRM_UI',
  } // prettier-ignore
  const body = JSON.stringify([event, { ...event, eventId: 'bad' }])
  const first = await post(targetUrl, body, portal.clock.now())
  expect(first).toEqual({
    status: 200,
    body: { status: 'ok', received: 2, accepted: 1, duplicates: 0, skipped: 1 },
  })
  const again = await post(
    targetUrl,
    JSON.stringify([{ ...event, attemptNumber: 1 }]),
    portal.clock.now(),
  )
  expect(again.body).toMatchObject({ accepted: 0, duplicates: 1 })
  const forged = await post(targetUrl, body, portal.clock.now(), 'not-the-secret')
  expect(forged.status).toBe(401)
  expect(forged.body).toMatchObject({ status: 'error' })
  const stale = await post(targetUrl, body, portal.clock.now() - 6 * 60_000)
  expect(stale.status).toBe(401)
  const notArray = await post(targetUrl, '{"eventId":1}', portal.clock.now())
  expect(notArray).toEqual({
    status: 400,
    body: { status: 'error', message: 'the body must be a JSON array of events' },
  })

  await until(() => processor.stats.rescores === 1)
  await processor.idle()
  await new Promise((resolve) => setTimeout(resolve, 2_300))
  expect(processor.stats).toMatchObject({ events: 1, rescores: 1 })
  expect(backend.logs.some((line) => line.message === 'skipped malformed webhook events')).toBe(
    true,
  )
}, 30_000)

it('acknowledges a batch in well under a second, before any HubSpot call', async () => {
  const backend = await startBackend({
    subscriptions: [{ id: 1, subscriptionType: 'company.creation' }],
  })
  const { portal, targetUrl, connection } = backend
  const events = Array.from({ length: 100 }, (_, i) => ({
    eventId: 1_000 + i, subscriptionId: 1, portalId: TEST_PORTAL_ID, occurredAt: portal.clock.now(),
    subscriptionType: 'company.creation', objectId: 101 + (i % 3),
  })) // prettier-ignore
  const before = connection.calls.total
  const started = performance.now()
  const answer = await post(targetUrl, JSON.stringify(events), portal.clock.now())
  const elapsed = performance.now() - started
  report(`webhook: 100-event batch acknowledged in ${elapsed.toFixed(1)} ms`)
  expect(answer.body).toMatchObject({ accepted: 100 })
  expect(connection.calls.total).toBe(before)
  expect(elapsed).toBeLessThan(500)
  await backend.processor.idle()
  expect(backend.processor.stats.rescores).toBe(3)
}, 30_000)

it('drops the events of a portal that has not installed the app, with a log line naming no one', async () => {
  const backend = await startBackend({
    subscriptions: [{ id: 1, subscriptionType: 'company.creation' }],
  })
  const { portal, targetUrl, processor, logs } = backend
  const event = {
    eventId: 5, subscriptionId: 1, portalId: 999, occurredAt: portal.clock.now(),
    subscriptionType: 'company.creation', objectId: 101,
  } // prettier-ignore
  expect((await post(targetUrl, JSON.stringify([event]), portal.clock.now())).status).toBe(200)
  await backend.store.markUninstalled(TEST_PORTAL_ID, portal.clock.now())
  const ours = { ...event, portalId: TEST_PORTAL_ID }
  expect((await post(targetUrl, JSON.stringify([ours]), portal.clock.now())).status).toBe(200)
  await until(() => processor.stats.dropped === 2)
  await processor.idle()
  expect(processor.stats).toMatchObject({ events: 0, rescores: 0 })
  const drops = logs.filter((line) => line.message.startsWith('dropped webhook events'))
  expect(drops.map((line) => line.facts)).toEqual([
    { portalId: 999, events: 1 },
    { portalId: TEST_PORTAL_ID, events: 1 },
  ])
}, 30_000)

it('retries a failed rescore a bounded number of times, then logs it and holds the watermark back', async () => {
  const backend = await startBackend({
    subscriptions: [
      { id: 1, subscriptionType: 'company.propertyChange', propertyName: 'nps_score' },
    ],
    processor: { windowMs: 50, attempts: 2, retryDelayMs: 50 },
  })
  const { portal, client, processor, logs, store } = backend
  await client.crm.companies.batchApi.update({
    inputs: [{ id: '101', properties: { nps_score: '9' } }],
  })
  await portal.emulator.webhooks.flush()
  await processor.idle()
  const mark = await store.eventsProcessedUntil(TEST_PORTAL_ID)
  expect(mark).not.toBeNull()

  portal.clock.advance(60_000)
  await client.crm.companies.batchApi.update({
    inputs: [{ id: '102', properties: { nps_score: '8' } }],
  })
  portal.emulator.setFaults('500:1') // every API call the rescore makes now fails
  await portal.emulator.webhooks.flush()
  await until(() => processor.stats.failed > 0)
  await processor.idle()
  portal.emulator.setFaults(undefined)
  expect(processor.stats).toMatchObject({ rescores: 1, retries: 1 })
  expect(
    logs.some((line) => line.level === 'error' && line.message.includes('failed for good')),
  ).toBe(true)
  expect(await store.eventsProcessedUntil(TEST_PORTAL_ID)).toBe(mark)
}, 30_000)

it('catches up after downtime with an incremental rescore since the last event processed', async () => {
  const backend = await startBackend({
    subscriptions: [
      { id: 1, subscriptionType: 'company.propertyChange', propertyName: 'nps_score' },
    ],
    processor: { windowMs: 50 },
    rateLimit: 1e6,
  })
  const { portal, client, processor, store, connections, logs } = backend
  await client.crm.companies.batchApi.update({
    inputs: [{ id: '101', properties: { nps_score: '9' } }],
  })
  await portal.emulator.webhooks.flush()
  await processor.idle()
  const mark = await store.eventsProcessedUntil(TEST_PORTAL_ID)
  expect(mark).toBe(portal.clock.now())
  const scoredBefore = historyOf(portal.emulator, '103', 'health_score').filter(Boolean).length
  const keptBefore = await store.portfolio().distribution(TEST_PORTAL_ID, portal.clock.now())

  // Down: nothing receives the change to company 103.
  portal.emulator.webhooks.configure(undefined)
  portal.clock.advance(60_000)
  await client.crm.companies.batchApi.update({
    inputs: [{ id: '103', properties: { nps_score: '1' } }],
  })
  portal.clock.advance(60_000)

  const results = await runCatchUp({
    store,
    connections,
    modelFor: new PortalModels(store).modelFor,
    logger: memoryLogger(logs),
    now: portal.clock.now,
  })
  const summary = results.get(TEST_PORTAL_ID)
  if (!summary || summary instanceof Error) throw summary ?? new Error('no catch-up ran')
  expect(summary.companies).toBeGreaterThanOrEqual(1)
  expect(summary.failed).toBe(0)
  expect(historyOf(portal.emulator, '103', 'health_score').filter(Boolean).length).toBe(
    scoredBefore + 1,
  )
  expect(await store.eventsProcessedUntil(TEST_PORTAL_ID)).toBe(portal.clock.now())
  // What the catch-up scored is kept too: here every company (on the stopped clock, the writes
  // at the watermark count as changed since it), where before only the webhook's 101 was.
  expect(keptBefore.scored).toBe(1)
  const kept = await store.portfolio().distribution(TEST_PORTAL_ID, portal.clock.now())
  expect(kept.scored).toBe(summary.scored)
  expect(summary.scored).toBe(3)
}, 30_000)

it('bounds the wait: a company whose events never pause is still rescored every max wait', async () => {
  const backend = await startBackend({
    subscriptions: [{ id: 1, subscriptionType: 'company.creation' }],
    processor: { windowMs: 300, maxWaitMs: 600 },
    emulatorLimits: false,
  })
  const { portal, targetUrl, processor, rescored } = backend
  const started = performance.now()
  const firstRescore: number[] = []
  for (let i = 0; i < 15; i++) {
    const event = {
      eventId: 100 + i, subscriptionId: 1, portalId: TEST_PORTAL_ID, occurredAt: portal.clock.now(),
      subscriptionType: 'company.creation', objectId: 101,
    } // prettier-ignore
    await post(targetUrl, JSON.stringify([event]), portal.clock.now())
    if (rescored.length > 0 && firstRescore.length === 0)
      firstRescore.push(performance.now() - started)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await processor.idle()
  // 1.5 s of events 100 ms apart: a plain 300 ms debounce would wait them all out (one rescore at
  // the end); the 600 ms bound rescores during the stream.
  expect(firstRescore[0]).toBeDefined()
  expect(firstRescore[0]!).toBeLessThan(1_400)
  expect(processor.stats.rescores).toBeGreaterThanOrEqual(2)
  expect(processor.stats.rescores).toBeLessThanOrEqual(4)
  expect(processor.stats).toMatchObject({ events: 15, failed: 0 })
}, 30_000)

/** The connections, with the most HubSpot calls they ever had in flight at once. */
function peakTracking(connections: PortalConnections) {
  const peak = { now: 0, max: 0 }
  const wrapped: PortalConnections = {
    async forPortal(portalId) {
      const conn = await connections.forPortal(portalId)
      return {
        client: conn.client,
        calls: conn.calls,
        close: () => conn.close(),
        async call(endpoint, fn, callOptions) {
          peak.max = Math.max(peak.max, ++peak.now)
          try {
            return await conn.call(endpoint, fn, callOptions)
          } finally {
            peak.now--
          }
        },
      }
    },
    close: () => connections.close(),
  }
  return { peak, connections: wrapped }
}

it('rescores a portal’s companies a bounded number at a time', async () => {
  let peak = { now: 0, max: 0 }
  const backend = await startBackend({
    companies: 12,
    emulatorLimits: false,
    subscriptions: [{ id: 1, subscriptionType: 'company.creation' }],
    processor: { windowMs: 50, concurrency: 1 },
    wrap: (connections) => {
      const tracked = peakTracking(connections)
      peak = tracked.peak
      return tracked.connections
    },
  })
  const { portal, targetUrl, processor } = backend
  const events = Array.from({ length: 12 }, (_, i) => ({
    eventId: 10 + i, subscriptionId: 1, portalId: TEST_PORTAL_ID, occurredAt: portal.clock.now(),
    subscriptionType: 'company.creation', objectId: 101 + i,
  })) // prettier-ignore
  await post(targetUrl, JSON.stringify(events), portal.clock.now())
  await until(() => processor.stats.rescores === 12)
  await processor.idle()
  // One rescore at a time: its ticket and call reads run together, nothing more.
  expect(peak.max).toBe(2)
}, 30_000)
