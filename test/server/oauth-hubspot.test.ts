import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import { createTestPortal } from '@health-score/hubspot-emulator/testing'
import { afterEach, expect, it } from 'vitest'

import { createHubSpotOAuth, HubSpotOAuthError } from '../../src/server/index.ts'

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

const APP = { clientId: 'emulator-client-id', clientSecret: 'emulator-client-secret' }

/** A loopback port nothing listens on. */
async function deadUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return `http://127.0.0.1:${port}`
}

it('keeps HubSpot’s OAuth code, which the client’s error model drops, and knows a dead refresh token', async () => {
  const hubspot = await createTestPortal().serve()
  stops.push(() => hubspot.close())
  const oauth = createHubSpotOAuth({ ...APP, apiBaseUrl: hubspot.url })
  const dead = await oauth.refresh('never-issued').catch((e: unknown) => e)
  expect(dead).toBeInstanceOf(HubSpotOAuthError)
  expect(dead).toMatchObject({ status: 400, code: 'BAD_REFRESH_TOKEN', invalidGrant: true })
  const badCode = await oauth.exchangeCode('nope', 'http://127.0.0.1/cb').catch((e: unknown) => e)
  expect(badCode).toMatchObject({
    status: 400,
    code: 'BAD_AUTH_CODE',
    detail: 'missing or unknown auth code',
    invalidGrant: false,
  })
  // A wrong client secret is the server's mistake, not the portal's: never an uninstall.
  const wrongSecret = createHubSpotOAuth({ ...APP, clientSecret: 'x', apiBaseUrl: hubspot.url })
  expect(await wrongSecret.refresh('never-issued').catch((e: unknown) => e)).toMatchObject({
    code: 'BAD_CLIENT_SECRET',
    invalidGrant: false,
  })
})

it('says HubSpot could not be reached without repeating the URL, which holds the token', async () => {
  const oauth = createHubSpotOAuth({ ...APP, apiBaseUrl: await deadUrl() })
  const token = 'emu-a-token-that-must-not-leak'
  const error = await oauth.tokenInfo(token).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(HubSpotOAuthError)
  expect(error).toMatchObject({ status: 0 })
  const told = `${(error as Error).message} ${JSON.stringify(error)} ${String((error as Error).cause ?? '')}`
  expect((error as Error).message).toMatch(/could not reach HubSpot \(ECONNREFUSED\)$/)
  expect(told).not.toContain(token)
})
