import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createTestPortal } from '@health-score/hubspot-emulator/testing'
import { afterEach, expect, it } from 'vitest'

import { SCOPES } from '../../src/build/scopes.ts'
import type { HubSpotConnection } from '../../src/hubspot/index.ts'
import type { Logger } from '../../src/log.ts'
import {
  createApp,
  createHubSpotOAuth,
  createOAuthPortalConnections,
  type HubSpotOAuth,
  HubSpotOAuthError,
  installationTokenContext,
  loadServerConfig,
  OAUTH_STATE_COOKIE,
  PortalNotInstalledError,
  SqliteServerStore,
  TokenCipher,
  TokenManager,
} from '../../src/server/index.ts'

const LIST = 'GET /crm/v3/objects/companies'
const TOKEN_ENDPOINT = 'POST /oauth/v1/token'
const HALF_HOUR = 1800 * 1000

const stops: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

function recordingLogger(): Logger & { lines: { facts: object; message: string }[] } {
  const lines: { facts: object; message: string }[] = []
  const keep = (facts: object, message: string) => void lines.push({ facts, message })
  return { lines, error: keep, warn: keep, info: keep, debug: keep }
}

/**
 * The emulator over HTTP, and the backend over HTTP on loopback in front of a SQLite store on disk.
 * `clock.lag` holds the backend's clock back from the emulator's (drift: a token then expires at
 * HubSpot before the backend expects).
 * HubSpot's token endpoint answers a refresh after `refreshDelayMs`, as it does across the
 * internet: longer than the connection spaces its calls (~96 ms at 110 per 10 s), so calls made
 * during a refresh really do wait on it.
 */
async function setUp(options: { refreshDelayMs?: number; refreshUrl?: string } = {}) {
  const portal = createTestPortal({ companies: 3, rateLimits: false })
  const hubspot = await portal.serve()
  stops.push(() => hubspot.close())
  const dataDir = mkdtempSync(join(tmpdir(), 'health-oauth-'))
  stops.push(() => rmSync(dataDir, { recursive: true, force: true }))
  const store = new SqliteServerStore(dataDir)
  stops.push(() => store.close())
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  stops.push(() => closeServer(server))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const config = loadServerConfig({
    HUBSPOT_CLIENT_ID: 'emulator-client-id',
    HUBSPOT_CLIENT_SECRET: 'emulator-client-secret',
    HUBSPOT_API_BASE_URL: hubspot.url,
    HEALTH_SCORE_PUBLIC_URL: url,
    HEALTH_SCORE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
  })
  const logger = recordingLogger()
  const drift = { lag: 0 }
  const now = () => portal.clock.now() - drift.lag
  const cipher = new TokenCipher(config.tokenKey)
  const hubspotOAuth = createHubSpotOAuth(config)
  const refreshDelayMs = options.refreshDelayMs ?? 400
  const oauth: HubSpotOAuth = {
    ...hubspotOAuth,
    refresh: async (refreshToken) => {
      await new Promise((resolve) => setTimeout(resolve, refreshDelayMs))
      const refresher = options.refreshUrl
        ? createHubSpotOAuth({ ...config, apiBaseUrl: options.refreshUrl })
        : hubspotOAuth
      return refresher.refresh(refreshToken)
    },
  }
  const tokens = new TokenManager({ store, cipher, oauth, logger, now })
  const connections = createOAuthPortalConnections({
    store,
    tokens,
    apiBaseUrl: config.apiBaseUrl,
    connection: { maxAttempts: 2, sleep: async () => {} },
  })
  stops.push(() => connections.close())
  server.on('request', createApp({ config, store, logger, connections, oauth: { tokens, now } }))
  const portalId = portal.emulator.store.portalId
  return {
    portal,
    hubspot,
    url,
    store,
    config,
    cipher,
    connections,
    logger,
    dataDir,
    portalId,
    drift,
  }
}

/** A loopback URL nothing listens on. */
async function deadUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await closeServer(server)
  return `http://127.0.0.1:${port}`
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}

/** What a browser does: our install link, HubSpot's authorize page, back to our callback. */
async function install(url: string) {
  const start = await fetch(`${url}/oauth/install`, { redirect: 'manual' })
  const authorize = start.headers.get('location') ?? ''
  const setCookie = start.headers.get('set-cookie') ?? ''
  const cookie = setCookie.split(';')[0] ?? ''
  const consent = await fetch(authorize, { redirect: 'manual' })
  const callback = consent.headers.get('location') ?? ''
  const done = await fetch(callback, { headers: { cookie }, redirect: 'manual' })
  return { start, authorize, setCookie, cookie, consent, callback, done }
}

function listCompanies(conn: HubSpotConnection) {
  return conn.call(LIST, () => conn.client.crm.companies.basicApi.getPage(10))
}

/** Calls HubSpot's token endpoint has answered: exchanges and refreshes. */
function tokenCalls(emulator: ReturnType<typeof createTestPortal>['emulator']) {
  return emulator.stats().calls.byEndpoint[TOKEN_ENDPOINT] ?? 0
}

it('installs end to end: authorize, callback, sealed tokens, schema, refresh once on expiry, uninstall on a revoked refresh token', async () => {
  const { portal, hubspot, url, store, config, cipher, connections, logger, dataDir, portalId } =
    await setUp()

  const flow = await install(url)
  expect(flow.start.status).toBe(302)
  const authorize = new URL(flow.authorize)
  expect(`${authorize.origin}${authorize.pathname}`).toBe(config.authorizeUrl)
  expect(flow.authorize).toContain(`scope=${SCOPES.join('%20')}&`)
  expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
    client_id: 'emulator-client-id',
    redirect_uri: `${url}/oauth/callback`,
    scope: SCOPES.join(' '),
  })
  expect(authorize.searchParams.get('state')).toMatch(/^s1\./)
  expect(flow.setCookie).toMatch(new RegExp(`^${OAUTH_STATE_COOKIE}=[\\w-]+;`))
  expect(flow.setCookie).toContain('Max-Age=600')
  expect(flow.setCookie).toContain('Path=/oauth')
  expect(flow.setCookie).toContain('HttpOnly')
  expect(flow.setCookie).toContain('SameSite=Lax')
  expect(flow.setCookie).not.toContain('Secure') // http public URL
  expect(flow.consent.status).toBe(302)
  expect(flow.callback.startsWith(`${url}/oauth/callback?code=`)).toBe(true)

  expect(flow.done.status).toBe(200)
  expect(flow.done.headers.get('content-type')).toMatch(/^text\/html/)
  const page = await flow.done.text()
  expect(page).toContain(`Portal ${portalId}`)
  expect(flow.done.headers.get('set-cookie')).toMatch(new RegExp(`^${OAUTH_STATE_COOKIE}=;`))

  // Stored, sealed, with the granted scopes; the schema made through the new connection.
  const installation = await store.getInstallation(portalId)
  expect(installation).toMatchObject({
    status: 'installed',
    scopes: expect.arrayContaining(SCOPES),
  })
  const sealed = installation!.tokens!
  const accessToken = cipher.open(sealed.accessToken, installationTokenContext(portalId, 'access'))
  const refreshToken = cipher.open(
    sealed.refreshToken,
    installationTokenContext(portalId, 'refresh'),
  )
  expect(accessToken).toMatch(/^emu-/)
  expect(sealed.expiresAt).toBe(portal.clock.now() + HALF_HOUR)
  expect(portal.emulator.store.properties.getGroup('companies', 'customer_health')).toBeDefined()
  expect(portal.emulator.store.properties.get('companies', 'health_score')).toBeDefined()
  expect(page).not.toContain(accessToken)

  // The raw tokens are in no file of the store, the write-ahead log included.
  const files = readdirSync(dataDir)
  expect(files).toContain('server.sqlite-wal')
  for (const file of files) {
    const bytes = readFileSync(join(dataDir, file))
    expect(bytes.includes(accessToken), file).toBe(false)
    expect(bytes.includes(refreshToken), file).toBe(false)
  }

  const conn = await connections.forPortal(portalId)
  expect((await listCompanies(conn)).results).toHaveLength(3)
  expect(await connections.forPortal(portalId)).toBe(conn)

  // Expired at HubSpot: ten calls at once share one refresh.
  portal.clock.advance(HALF_HOUR + 1000)
  const before = tokenCalls(portal.emulator)
  const pages = await Promise.all(Array.from({ length: 10 }, () => listCompanies(conn)))
  expect(pages.every((answer) => answer.results.length === 3)).toBe(true)
  expect(tokenCalls(portal.emulator) - before).toBe(1)
  const refreshed = (await store.getInstallation(portalId))!.tokens!
  expect(refreshed.expiresAt).toBe(portal.clock.now() + HALF_HOUR)
  const refreshedToken = cipher.open(
    refreshed.accessToken,
    installationTokenContext(portalId, 'access'),
  )
  expect(refreshedToken).not.toBe(accessToken)

  // The portal uninstalls: HubSpot revokes the refresh token, and the next refresh fails for good.
  const revoke = await fetch(`${hubspot.url}/oauth/v1/refresh-tokens/${refreshToken}`, {
    method: 'DELETE',
  })
  expect(revoke.status).toBe(204)
  portal.clock.advance(HALF_HOUR)
  await expect(listCompanies(conn)).rejects.toBeInstanceOf(PortalNotInstalledError)
  expect(await store.getInstallation(portalId)).toMatchObject({
    status: 'uninstalled',
    tokens: null,
  })
  await expect(connections.forPortal(portalId)).rejects.toBeInstanceOf(PortalNotInstalledError)
  expect(logger.lines.map((line) => line.message)).toContain(
    'HubSpot refused the refresh token: the portal is marked uninstalled',
  )
  const logged = JSON.stringify(logger.lines)
  for (const token of [accessToken, refreshToken, refreshedToken])
    expect(logged).not.toContain(token)
})

it('refreshes once, when HubSpot refuses a token the backend still thought good (clock drift)', async () => {
  const { portal, url, connections, portalId, drift } = await setUp()
  expect((await install(url)).done.status).toBe(200)
  const conn = await connections.forPortal(portalId)
  // The backend's clock falls 10 minutes behind: it sees 10 minutes left where HubSpot sees none.
  drift.lag = 10 * 60_000
  portal.clock.advance(HALF_HOUR + 1000)
  const before = tokenCalls(portal.emulator)
  const pages = await Promise.all(Array.from({ length: 10 }, () => listCompanies(conn)))
  expect(pages.every((answer) => answer.results.length === 3)).toBe(true)
  expect(tokenCalls(portal.emulator) - before).toBe(1)

  // On shutdown every connection closes, and no new one is made.
  await connections.close()
  await expect(listCompanies(conn)).rejects.toThrow()
  await expect(connections.forPortal(portalId)).rejects.toThrow(/closed/)
})

it('keeps the portal installed when a refresh fails for want of an answer, using the token while it lasts', async () => {
  // HubSpot's token endpoint cannot be reached (its API still can): a refresh fails, not the grant.
  const { portal, url, store, connections, logger, portalId } = await setUp({
    refreshUrl: await deadUrl(),
  })
  expect((await install(url)).done.status).toBe(200)
  const conn = await connections.forPortal(portalId)
  portal.clock.advance(HALF_HOUR - 2 * 60_000) // inside the refresh margin, not expired
  expect((await listCompanies(conn)).results).toHaveLength(3)
  expect(logger.lines.map((line) => line.message)).toContain(
    'token refresh failed: the current token is used until it expires',
  )
  portal.clock.advance(3 * 60_000) // expired: nothing left to use
  const error = await listCompanies(conn).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(HubSpotOAuthError)
  expect((error as Error).message).toMatch(/could not reach HubSpot/)
  expect(await store.getInstallation(portalId)).toMatchObject({ status: 'installed' })
  expect(await connections.forPortal(portalId)).toBe(conn)
})

it('rejects a forged, expired or another browser’s state, before any exchange', async () => {
  const { portal, url, store, portalId } = await setUp()
  const start = await fetch(`${url}/oauth/install`, { redirect: 'manual' })
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const consent = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' })
  const callback = new URL(consent.headers.get('location') ?? '')
  const state = callback.searchParams.get('state') ?? ''
  const withState = (value: string) => {
    const target = new URL(callback)
    target.searchParams.set('state', value)
    return target.toString()
  }
  const refused = async (target: string, headers: Record<string, string>) => {
    const answer = await fetch(target, { headers, redirect: 'manual' })
    expect(answer.status).toBe(400)
    return ((await answer.json()) as { status: string; message: string }).message
  }
  const forgedState = `${state.slice(0, -2)}${state.endsWith('AA') ? 'BB' : 'AA'}`
  expect(await refused(withState(forgedState), { cookie })).toBe(
    'the OAuth state is not one this server issued',
  )
  expect(
    await refused(callback.toString(), { cookie: `${OAUTH_STATE_COOKIE}=someone-else` }),
  ).toMatch(/another browser/)
  expect(await refused(callback.toString(), {})).toMatch(/another browser/)
  expect(await refused(`${url}/oauth/callback?code=x`, { cookie })).toMatch(/no state/)
  expect(await refused(`${callback}&code=again`, { cookie })).toBe(
    'the OAuth callback’s code and state must be given once each',
  )
  const denied = `${url}/oauth/callback?error=access_denied&state=${encodeURIComponent(state)}`
  expect(await refused(denied, { cookie })).toBe(
    'HubSpot did not authorize the install (access_denied): start again from the install link',
  )
  portal.clock.advance(10 * 60_000 + 1)
  expect(await refused(callback.toString(), { cookie })).toMatch(/expired/)
  expect(tokenCalls(portal.emulator)).toBe(0)
  expect(await store.getInstallation(portalId)).toBeNull()
})

it('says which company properties clash when the schema cannot be made, and keeps the installation', async () => {
  const { portal, hubspot, url, store, portalId } = await setUp()
  const theirs = await fetch(`${hubspot.url}/crm/v3/properties/companies`, {
    method: 'POST',
    headers: { authorization: `Bearer ${portal.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'health_score',
      label: 'Health score (theirs)',
      type: 'string',
      fieldType: 'text',
      groupName: 'companyinformation',
    }),
  })
  expect(theirs.status).toBe(201)
  const { done } = await install(url)
  expect(done.status).toBe(409)
  expect(await done.json()).toEqual({
    status: 'error',
    message:
      'the app is installed, but company properties of the portal clash with its own ' +
      '(health_score: expected number/number, found string/text): rename or delete them in ' +
      'HubSpot, then install again',
  })
  expect(await store.getInstallation(portalId)).toMatchObject({ status: 'installed' })
})

it('answers 400 with HubSpot’s message when the code is refused, and echoes no token', async () => {
  const { portal, url, store, portalId } = await setUp()
  const flow = await install(url)
  expect(flow.done.status).toBe(200)
  const sealed = (await store.getInstallation(portalId))!.tokens!
  const again = await fetch(flow.callback, { headers: { cookie: flow.cookie } })
  expect(again.status).toBe(400)
  const body = await again.text()
  expect(JSON.parse(body)).toEqual({
    status: 'error',
    message: 'HubSpot refused the install: auth code has already been used',
  })
  expect(body).not.toMatch(/emu-/)
  expect(tokenCalls(portal.emulator)).toBe(2)
  // The installation made by the first callback is untouched.
  expect((await store.getInstallation(portalId))!.tokens).toEqual(sealed)
})

it('marks the state cookie Secure, and redirects back to the public URL, when that URL is https', async () => {
  const store = new SqliteServerStore(':memory:')
  stops.push(() => store.close())
  const config = loadServerConfig({
    HUBSPOT_CLIENT_ID: 'cid',
    HUBSPOT_CLIENT_SECRET: 'secret',
    HEALTH_SCORE_PUBLIC_URL: 'https://health.example.com',
  })
  const logger = recordingLogger()
  const oauth = createHubSpotOAuth(config)
  const tokens = new TokenManager({
    store,
    cipher: new TokenCipher(config.tokenKey),
    oauth,
    logger,
  })
  const connections = createOAuthPortalConnections({ store, tokens, apiBaseUrl: config.apiBaseUrl })
  stops.push(() => connections.close())
  const server = createServer(createApp({ config, store, logger, connections, oauth: { tokens } }))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  stops.push(() => closeServer(server))
  const answer = await fetch(
    `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth/install`,
    {
      redirect: 'manual',
    },
  )
  expect(answer.status).toBe(302)
  expect(answer.headers.get('set-cookie')).toMatch(/; Secure/)
  const authorize = new URL(answer.headers.get('location') ?? '')
  expect(authorize.origin + authorize.pathname).toBe('https://app.hubspot.com/oauth/authorize')
  expect(authorize.searchParams.get('redirect_uri')).toBe(
    'https://health.example.com/oauth/callback',
  )
  expect(answer.headers.get('cache-control')).toBe('no-store')
})
