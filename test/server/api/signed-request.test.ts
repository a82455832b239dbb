/**
 * The card and settings API's door, over real HTTP: only a request HubSpot signed for this URL and
 * body, within 5 minutes and for the first time, gets through; the portal is the signed query's,
 * and it must be installed.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'

import { ReplayGuard } from '../../../src/server/index.ts'
import { type Backend, PORTAL_ID, startBackend, USER_EMAIL } from '../../support/backend.ts'

let backend: Backend
beforeEach(async () => {
  backend = await startBackend(2)
})
afterEach(async () => {
  await backend.stop()
})

const query = (portalId: number | string = PORTAL_ID) =>
  `?userId=777&userEmail=${encodeURIComponent(USER_EMAIL)}&appId=4242&portalId=${portalId}`

async function send(
  parts: { url: string; headers: Record<string, string>; body: string },
  method = 'GET',
) {
  const response = await fetch(parts.url, {
    method,
    headers: parts.headers,
    ...(method === 'GET' ? {} : { body: parts.body }),
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

it('answers a request HubSpot signed, and 401 to one without a signature', async () => {
  const signed = backend.sign('GET', `/api/settings${query()}`)
  expect((await send(signed)).status).toBe(200)
  const unsigned = await fetch(`${backend.url}/api/settings${query()}`)
  expect(unsigned.status).toBe(401)
  expect(await unsigned.json()).toEqual({
    status: 'error',
    message: 'the X-HubSpot-Signature-v3 header is missing',
  })
})

it('rejects a forged signature: another secret, or a body changed after signing', async () => {
  const other = backend.sign('GET', `/api/settings${query()}`, undefined, { clientSecret: 'guess' })
  expect(await send(other)).toEqual({
    status: 401,
    body: {
      status: 'error',
      message: 'the X-HubSpot-Signature-v3 signature does not match the request',
    },
  })
  const body = { sentiment: 'positive', reason: 'Renewed' }
  const parts = backend.sign('POST', `/api/companies/101/sentiment${query()}`, body)
  const tampered = { ...parts, body: JSON.stringify({ ...body, reason: 'Changed' }) }
  expect((await send(tampered, 'POST')).status).toBe(401)
})

it('rejects a stale timestamp, either way from our clock', async () => {
  for (const skew of [-6 * 60_000, 6 * 60_000]) {
    const parts = backend.sign('GET', `/api/settings${query()}`, undefined, {
      timestamp: Date.now() + skew,
    })
    expect(await send(parts)).toEqual({
      status: 401,
      body: {
        status: 'error',
        message: 'the request timestamp is more than 5 minutes from the server’s clock',
      },
    })
  }
})

it('rejects a replay of a request it already answered', async () => {
  const parts = backend.sign('GET', `/api/settings${query()}`)
  expect((await send(parts)).status).toBe(200)
  expect(await send(parts)).toEqual({
    status: 401,
    body: { status: 'error', message: 'this signed request was already received (replay)' },
  })
})

it('cannot be pointed at another portal by an unsigned parameter or the body', async () => {
  const { scopes, tokens } = (await backend.store.getInstallation(PORTAL_ID))!
  await backend.store.saveInstallation({ portalId: 999, scopes, tokens: tokens! }, Date.now())
  const parts = backend.sign('GET', `/api/settings${query()}`)
  const appended = { ...parts, url: `${parts.url}&portalId=999` }
  expect((await send(appended)).status).toBe(401)
  // Signed with two portal ids: ambiguous, refused rather than guessed.
  const twice = backend.sign('GET', `/api/settings${query()}&portalId=999`)
  expect(await send(twice)).toEqual({
    status: 400,
    body: {
      status: 'error',
      message: `the signed query must carry one numeric portalId, got "${PORTAL_ID},999"`,
    },
  })
  // A body naming a portal is refused by the strict body schema, and never read as the portal.
  const model = (await send(backend.sign('GET', `/api/settings${query()}`))).body.model
  const put = await send(
    backend.sign('PUT', `/api/settings${query()}`, { model, baseVersion: 0, portalId: 999 }),
    'PUT',
  )
  expect(put.status).toBe(400)
  expect(put.body.message).toMatch(/unrecognized key.*portalId/i)
  expect(await backend.store.currentSettings(999)).toBeNull()
  const saved = await send(
    backend.sign('PUT', `/api/settings${query()}`, { model, baseVersion: 0 }),
    'PUT',
  )
  expect(saved.status).toBe(200)
  expect(await backend.store.currentSettings(999)).toBeNull()
  expect((await backend.store.currentSettings(PORTAL_ID))?.savedBy).toBe('777')
})

it('answers 403 to a portal that has not installed the app, or has uninstalled it', async () => {
  expect(await send(backend.sign('GET', `/api/settings${query(31337)}`))).toEqual({
    status: 403,
    body: { status: 'error', message: 'portal 31337 has not installed the app' },
  })
  await backend.store.markUninstalled(PORTAL_ID, Date.now())
  expect((await send(backend.sign('GET', `/api/companies/101/health${query()}`))).status).toBe(403)
})

it('answers 400 to a signed query without a numeric portalId', async () => {
  expect((await send(backend.sign('GET', `/api/settings?userId=1`))).status).toBe(400)
  expect((await send(backend.sign('GET', `/api/settings${query('12a')}`))).status).toBe(400)
})

it('logs neither the user’s email nor a token', async () => {
  await send(backend.sign('GET', `/api/companies/101/health${query()}`))
  await send(backend.sign('GET', `/api/companies/notanid/health${query()}`))
  const logged = JSON.stringify(backend.logger.lines)
  expect(logged).not.toContain(USER_EMAIL)
  expect(logged).not.toContain(backend.portal.token)
})

it('remembers a signature for twice the window, then forgets it', () => {
  const guard = new ReplayGuard()
  const at = 1_000_000_000
  expect(guard.firstUse('sig', at, at)).toBe(true)
  expect(guard.firstUse('sig', at, at + ReplayGuard.REMEMBER_MS - 1)).toBe(false)
  expect(guard.firstUse('other', at, at + ReplayGuard.REMEMBER_MS + 20_000)).toBe(true)
  expect(guard.size).toBe(1)
})
