/**
 * The backend's host, in this process: it listens where it says, wires the real OAuth install and
 * card API over the emulator, and closes gracefully (requests in flight finish, within a bound;
 * then the services, the connections and the store close, in that order).
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createTestPortal, type TestPortal } from '@health-score/hubspot-emulator/testing'
import { Client } from '@hubspot/api-client'
import { afterEach, expect, it } from 'vitest'

import {
  type RunningServer,
  ServerConfigError,
  type ServerParts,
  signV3,
  startServer,
} from '../../src/server/index.ts'
import { recordingLogger } from '../support/backend.ts'
import { installThroughOAuth } from '../support/oauth-install.ts'
import { createTicketFor, valueOf } from '../support/portal.ts'

const stops: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'health-serve-'))
  stops.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

async function emulator(options: { latencyMs?: number } = {}) {
  const portal = createTestPortal({ companies: 3, rateLimits: false, ...options })
  const served = await portal.serve()
  stops.push(() => served.close())
  return { portal, url: served.url }
}

function envFor(apiBaseUrl: string, more: Record<string, string> = {}) {
  return {
    HUBSPOT_CLIENT_ID: 'emulator-client-id',
    HUBSPOT_CLIENT_SECRET: 'emulator-client-secret',
    HUBSPOT_API_BASE_URL: apiBaseUrl,
    HEALTH_SCORE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    HEALTH_SCORE_DATA_DIR: tempDir(),
    ...more,
  }
}

/** Starts the backend with a service that records what it saw; the test's cleanup closes it. */
async function start(apiBaseUrl: string, drainMs?: number) {
  const events: string[] = []
  let parts: ServerParts | undefined
  const logger = recordingLogger()
  const server = await startServer({
    env: envFor(apiBaseUrl),
    port: 0,
    logger,
    drainMs,
    services: (given) => {
      parts = given
      return [
        {
          name: 'recorder',
          start: () => void events.push('service started'),
          stop: async () => {
            // The store is still open while a service checkpoints its work.
            const installed = await given.store.listInstallations('installed')
            events.push(`service stopped (${installed.length} installed)`)
          },
        },
      ]
    },
  })
  stops.push(() => server.close())
  return { server, events, parts: parts!, logger }
}

/** A card request signed as `hubspot.fetch` signs it. */
function cardRequest(server: RunningServer, portal: TestPortal, companyId: string) {
  const path = `/api/companies/${companyId}/health?portalId=${portal.emulator.store.portalId}&userId=1`
  const timestamp = String(Date.now())
  const signature = signV3({
    method: 'GET',
    uri: `${server.config.publicUrl}${path}`,
    body: '',
    timestamp,
    clientSecret: 'emulator-client-secret',
  })
  return fetch(`${server.url}${path}`, {
    headers: { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp },
  })
}

/** `buildTestFixture` numbers its companies from 101. */
function firstCompany(_portal: TestPortal): string {
  return '101'
}

it('listens on loopback at a free port, and its public URL (the OAuth redirect) names that port', async () => {
  const hubspot = await emulator()
  const { server, events } = await start(hubspot.url)
  expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  expect(server.host).toBe('127.0.0.1')
  expect(server.config.publicUrl).toBe(server.url)
  expect(events).toEqual(['service started'])
  expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: 'ok' })
  const install = await fetch(`${server.url}/oauth/install`, { redirect: 'manual' })
  const authorize = new URL(install.headers.get('location')!)
  expect(authorize.searchParams.get('redirect_uri')).toBe(`${server.url}/oauth/callback`)
  expect((await installThroughOAuth(server.url)).status).toBe(200)
  const card = await cardRequest(server, hubspot.portal, firstCompany(hubspot.portal))
  expect(card.status).toBe(200)
  expect(await card.json()).toMatchObject({ companyId: firstCompany(hubspot.portal), result: null })
})

it('closes gracefully: a request in flight finishes, new ones are refused, then the services, the connections and the store close', async () => {
  const hubspot = await emulator({ latencyMs: 150 })
  const { server, events, parts } = await start(hubspot.url)
  expect((await installThroughOAuth(server.url)).status).toBe(200)

  const inFlight = cardRequest(server, hubspot.portal, firstCompany(hubspot.portal)).then(
    async (response) => {
      events.push(`answered ${response.status}`)
      return (await response.json()) as { companyId: string }
    },
  )
  await new Promise((resolve) => setTimeout(resolve, 100))
  const closing = server.close().then(() => events.push('closed'))
  expect(server.close()).toBe(server.close())
  await new Promise((resolve) => setTimeout(resolve, 50))
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow()

  expect((await inFlight).companyId).toBe(firstCompany(hubspot.portal))
  await closing
  expect(events).toEqual([
    'service started',
    'answered 200',
    'service stopped (1 installed)',
    'closed',
  ])
  await expect(parts.connections.forPortal(hubspot.portal.emulator.store.portalId)).rejects.toThrow(
    /closed/,
  )
  await expect(parts.store.getInstallation(1)).rejects.toThrow(/not open/)
}, 20_000)

it('cuts a request still in flight once the drain time is over', async () => {
  const hubspot = await emulator()
  const { server, logger } = await start(hubspot.url, 300)
  expect((await installThroughOAuth(server.url)).status).toBe(200)
  hubspot.portal.emulator.setFaults('timeout:1')
  const hung = cardRequest(server, hubspot.portal, firstCompany(hubspot.portal))
  const outcome = hung.then(
    (response) => `answered ${response.status}`,
    () => 'cut',
  )
  await new Promise((resolve) => setTimeout(resolve, 200))
  const before = Date.now()
  await server.close()
  expect(Date.now() - before).toBeLessThan(3000)
  expect(await outcome).toBe('cut')
  expect(logger.lines.map((line) => line.message)).toContain(
    'requests still in flight after the drain time: cut',
  )
}, 20_000)

it('names every bad variable at once, HEALTH_SCORE_HOST included, before listening', async () => {
  const { HUBSPOT_CLIENT_SECRET: _secret, ...env } = envFor('http://127.0.0.1:1', {
    HEALTH_SCORE_HOST: '10.0.0.1',
  })
  const failure = await startServer({ env, logger: recordingLogger() }).catch((e: unknown) => e)
  expect(failure).toBeInstanceOf(ServerConfigError)
  expect((failure as ServerConfigError).problems).toEqual([
    'HUBSPOT_CLIENT_SECRET is required: the app’s OAuth client secret (the app’s Auth tab)',
    'HEALTH_SCORE_HOST must be 127.0.0.1 (loopback, the default) or 0.0.0.0 (every interface, e.g. in a container behind TLS)',
  ])
})

it('says which port is taken, and leaves nothing open', async () => {
  const hubspot = await emulator()
  const { server } = await start(hubspot.url)
  const port = new URL(server.url).port
  await expect(
    startServer({ env: envFor(hubspot.url), port: Number(port), logger: recordingLogger() }),
  ).rejects.toThrow(`cannot listen on 127.0.0.1:${port}: listen EADDRINUSE`)
})

it('listens on every interface with HEALTH_SCORE_HOST=0.0.0.0', async () => {
  const hubspot = await emulator()
  const server = await startServer({
    env: envFor(hubspot.url, { HEALTH_SCORE_HOST: '0.0.0.0' }),
    port: 0,
    logger: recordingLogger(),
  })
  stops.push(() => server.close())
  expect(server.host).toBe('0.0.0.0')
  expect((await fetch(`${server.url}/healthz`)).status).toBe(200)
})

it('wires the webhook receiver, the jobs and the metrics: a ticket created at HubSpot rescores its company', async () => {
  // The emulator signs deliveries at its own clock: start it at the real time the backend checks.
  const portal = createTestPortal({ companies: 3, rateLimits: false, startAt: Date.now() })
  const served = await portal.serve()
  stops.push(() => served.close())
  const { server } = await start(served.url)
  expect((await installThroughOAuth(server.url)).status).toBe(200)
  expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({ status: 'ok' })
  portal.emulator.webhooks.configure({
    targetUrl: `${server.url}/webhooks/hubspot`,
    clientSecret: 'emulator-client-secret',
    appId: 1,
    subscriptions: [{ id: 1, subscriptionType: 'ticket.creation' }],
  })

  const client = new Client({ accessToken: portal.token, basePath: served.url })
  await createTicketFor(client, '101', {
    subject: 'Printer on fire',
    hs_pipeline_stage: '1',
    hs_ticket_priority: 'URGENT',
  })
  const end = Date.now() + 20_000
  while (valueOf(portal.emulator, '101', 'health_scored_at') === null) {
    if (Date.now() > end) throw new Error('the ticket did not lead to a rescore within 20 s')
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  // Counted once the rescore has returned, which follows its write.
  let metrics = ''
  while (!/health_score_companies_rescored_total 1\b/.test(metrics)) {
    if (Date.now() > end) throw new Error(`the rescore was not counted:\n${metrics}`)
    metrics = await (await fetch(`${server.url}/metrics`)).text()
  }
  expect(metrics).toMatch(/health_score_webhook_lag_seconds_count 1\b/)
  const calls = Number(/health_score_hubspot_api_calls_total (\d+)/.exec(metrics)?.[1])
  // Every CRM call the backend's connection made (the install's schema, the rescore's): all the
  // emulator answered, less the OAuth exchange (not a CRM call) and the ticket this test created.
  const crmCalls = Object.entries(portal.emulator.stats().calls.byEndpoint)
    .filter(
      ([endpoint]) => !endpoint.includes('/oauth/') && endpoint !== 'POST /crm/v3/objects/tickets',
    )
    .reduce((sum, [, count]) => sum + count, 0)
  expect(calls).toBe(crmCalls)
})
