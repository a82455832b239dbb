import { expect, it } from 'vitest'

import { DEFAULT_OAUTH_APP } from '../src/index.ts'
import { BASE_PATH, createClient, openPortal } from './support.ts'

const { clientId, clientSecret } = DEFAULT_OAUTH_APP
const REDIRECT = 'http://localhost:3000/oauth/callback'

it('redirects the authorize step back with a code and the state', async () => {
  openPortal(1)
  const url = createClient().oauth.getAuthorizationUrl(
    clientId,
    REDIRECT,
    'crm.objects.companies.read oauth',
    undefined,
    'st-1',
  )
  const response = await fetch(url.replace('https://app.hubspot.com', BASE_PATH), {
    redirect: 'manual',
  })
  expect(response.status).toBe(302)
  const location = new URL(response.headers.get('location') ?? '')
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT)
  expect(location.searchParams.get('state')).toBe('st-1')
  expect(location.searchParams.get('code')).toMatch(/^[0-9a-f-]{36}$/)
})

it('exchanges a code through tokensApi.create, then the token works until it expires', async () => {
  const { emulator, clock } = openPortal(1)
  const code = emulator.issueAuthorizationCode({
    clientId,
    redirectUri: REDIRECT,
    scopes: ['oauth', 'crm.objects.companies.read'],
  })
  const tokens = await createClient().oauth.tokensApi.create(
    'authorization_code',
    code,
    REDIRECT,
    clientId,
    clientSecret,
  )
  expect(tokens).toMatchObject({
    tokenType: 'bearer',
    expiresIn: 1800,
    accessToken: expect.any(String),
    refreshToken: expect.any(String),
  })

  const client = createClient(BASE_PATH, tokens.accessToken)
  expect((await client.crm.companies.basicApi.getPage()).results).toHaveLength(1)
  const info = await client.oauth.accessTokensApi.get(tokens.accessToken)
  expect(info).toMatchObject({
    hubId: 12345,
    scopes: ['oauth', 'crm.objects.companies.read'],
    expiresIn: 1800,
  })
  expect(await client.crm.objects.notes.basicApi.getPage().catch((e: unknown) => e)).toMatchObject({
    code: 403,
  })

  clock.advance(1807_000)
  const expired = await client.crm.companies.basicApi.getPage().catch((e: unknown) => e)
  expect(expired).toMatchObject({
    code: 401,
    body: {
      category: 'EXPIRED_AUTHENTICATION',
      message: 'The OAuth token used to make this call expired 7 second(s) ago.',
    },
  })

  const refreshed = await createClient().oauth.tokensApi.create(
    'refresh_token',
    undefined,
    undefined,
    clientId,
    clientSecret,
    tokens.refreshToken,
  )
  expect(refreshed.accessToken).not.toBe(tokens.accessToken)
  expect(
    (await createClient(BASE_PATH, refreshed.accessToken).crm.companies.basicApi.getPage()).results,
  ).toHaveLength(1)
})

it('rejects a reused, expired or unknown code with a 400', async () => {
  const { emulator, clock } = openPortal(1)
  const tokensApi = createClient().oauth.tokensApi
  const code = emulator.issueAuthorizationCode({
    clientId,
    redirectUri: REDIRECT,
    scopes: ['oauth'],
  })
  await tokensApi.create('authorization_code', code, REDIRECT, clientId, clientSecret)
  const reused = await tokensApi
    .create('authorization_code', code, REDIRECT, clientId, clientSecret)
    .catch((e: unknown) => e)
  expect(reused).toMatchObject({
    code: 400,
    body: {
      status: 'BAD_AUTH_CODE',
      category: 'VALIDATION_ERROR',
      message: 'auth code has already been used',
      correlationId: expect.any(String),
    },
  })

  const stale = emulator.issueAuthorizationCode({
    clientId,
    redirectUri: REDIRECT,
    scopes: ['oauth'],
  })
  clock.advance(11 * 60_000)
  expect(
    await tokensApi
      .create('authorization_code', stale, REDIRECT, clientId, clientSecret)
      .catch((e: unknown) => e),
  ).toMatchObject({ code: 400 })
  expect(
    await tokensApi
      .create('authorization_code', 'nope', REDIRECT, clientId, clientSecret)
      .catch((e: unknown) => e),
  ).toMatchObject({ code: 400 })
  expect(
    await tokensApi
      .create('refresh_token', undefined, undefined, clientId, 'bad-secret', 'x')
      .catch((e: unknown) => e),
  ).toMatchObject({
    code: 400,
    body: { status: 'BAD_CLIENT_SECRET' },
  })
})

it("replies to the token endpoint with the spec's required token_use", async () => {
  const { emulator } = openPortal(1)
  const code = emulator.issueAuthorizationCode({
    clientId,
    redirectUri: REDIRECT,
    scopes: ['oauth'],
  })
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uri: REDIRECT,
    code,
  })
  const response = await fetch(`${BASE_PATH}/oauth/v1/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
  })
  expect(await response.json()).toMatchObject({
    token_type: 'bearer',
    token_use: 'access_token',
    access_token: expect.any(String),
    refresh_token: expect.any(String),
    expires_in: 1800,
    hub_id: 12345,
  })
})
