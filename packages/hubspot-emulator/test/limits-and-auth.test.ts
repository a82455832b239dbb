import RetryDecorator from '@hubspot/api-client/lib/src/services/decorators/RetryDecorator.js'
import { afterEach, expect, it, vi } from 'vitest'

import { BASE_PATH, createClient, openPortal, readJson, TOKEN } from './support.ts'

afterEach(() => {
  vi.restoreAllMocks()
})

function get(path: string, token = TOKEN): Promise<Response> {
  return fetch(`${BASE_PATH}${path}`, { headers: { authorization: `Bearer ${token}` } })
}

/** Makes the client's retry waits instant, moving the emulator's clock by what it would have waited. */
function fastRetries(advance: (ms: number) => void): number[] {
  const waits: number[] = []
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
  vi.spyOn(
    RetryDecorator.prototype as unknown as {
      _waitAfterRequestFailure: (s: number, n: number, t: number) => Promise<unknown>
    },
    '_waitAfterRequestFailure',
  ).mockImplementation(async (_status: number, attempt: number, timeout: number) => {
    waits.push(timeout * attempt)
    advance(timeout * attempt)
  })
  return waits
}

it('sends the X-HubSpot-RateLimit headers and counts down the burst budget', async () => {
  openPortal(1, { rateLimit: 3, dailyLimit: 100 })
  const first = await get('/crm/v3/objects/companies')
  expect(Object.fromEntries([...first.headers].filter(([h]) => h.startsWith('x-hubspot')))).toEqual(
    {
      'x-hubspot-ratelimit-max': '3',
      'x-hubspot-ratelimit-remaining': '2',
      'x-hubspot-ratelimit-interval-milliseconds': '10000',
      'x-hubspot-ratelimit-daily': '100',
      'x-hubspot-ratelimit-daily-remaining': '99',
    },
  )
})

it('answers the request past the burst with the exact TEN_SECONDLY_ROLLING 429, until the window rolls', async () => {
  const { emulator, clock } = openPortal(1, { rateLimit: 2 })
  expect((await get('/crm/v3/objects/companies')).status).toBe(200)
  clock.advance(5000)
  expect((await get('/crm/v3/objects/companies')).status).toBe(200)
  const limited = await get('/crm/v3/objects/companies')
  expect(limited.status).toBe(429)
  expect(limited.headers.get('content-type')).toContain('application/json')
  expect(await readJson(limited)).toMatchObject({
    status: 'error',
    message: 'You have reached your ten_secondly_rolling limit.',
    errorType: 'RATE_LIMIT',
    policyName: 'TEN_SECONDLY_ROLLING',
    correlationId: expect.any(String),
  })
  clock.advance(5000)
  expect((await get('/crm/v3/objects/companies')).status).toBe(200)
  expect(emulator.stats().calls).toMatchObject({ total: 4, rateLimited: 1 })
})

it('lets the client retry through a TEN_SECONDLY_ROLLING 429 when numberOfApiCallRetries is set', async () => {
  const { emulator, clock } = openPortal(3, { rateLimit: 1 })
  const waits = fastRetries(clock.advance)
  const client = createClient(BASE_PATH, TOKEN, 3)
  await client.crm.companies.basicApi.getPage(1)
  const page = await client.crm.companies.basicApi.getPage(1)
  expect(page.results).toHaveLength(1)
  expect(waits).toEqual([10_000])
  expect(emulator.stats().calls).toMatchObject({ total: 3, rateLimited: 1 })
})

it('makes the client give up on the DAILY limit without retrying', async () => {
  const { clock } = openPortal(1, { dailyLimit: 1 })
  const waits = fastRetries(clock.advance)
  const client = createClient(BASE_PATH, TOKEN, 3)
  await client.crm.companies.basicApi.getPage(1)
  const error = await client.crm.companies.basicApi.getPage(1).catch((e: unknown) => e)
  expect(error).toMatchObject({
    code: 429,
    body: { policyName: 'DAILY', message: 'You have reached your daily limit.' },
  })
  expect(waits).toEqual([])
})

it('answers 401 INVALID_AUTHENTICATION for a missing or unknown token', async () => {
  openPortal(1)
  const missing = await fetch(`${BASE_PATH}/crm/v3/objects/companies`)
  expect(missing.status).toBe(401)
  expect(await readJson(missing)).toMatchObject({
    status: 'error',
    category: 'INVALID_AUTHENTICATION',
  })
  const error = await createClient(BASE_PATH, 'wrong')
    .crm.companies.basicApi.getPage()
    .catch((e: unknown) => e)
  expect(error).toMatchObject({ code: 401, body: { category: 'INVALID_AUTHENTICATION' } })
})

it('reports the scopes each endpoint called accepts, under the names the call stats use', async () => {
  const { emulator } = openPortal(1)
  await get('/crm/v3/objects/emails')
  await get('/crm/v3/properties/companies')
  await fetch(`${BASE_PATH}/crm/v4/associations/companies/tickets/batch/read`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ inputs: [] }),
  })
  expect(Object.keys(emulator.endpointScopes())).toEqual(
    Object.keys(emulator.stats().calls.byEndpoint),
  )
  expect(emulator.endpointScopes()).toEqual({
    'GET /crm/v3/objects/emails': ['crm.objects.contacts.read', 'sales-email-read'],
    'GET /crm/v3/properties/companies': [
      'crm.schemas.companies.read',
      'crm.objects.companies.read',
    ],
    'POST /crm/v4/associations/companies/tickets/batch/read': ['crm.objects.companies.read'],
  })
  emulator.resetStats()
  expect(emulator.endpointScopes()).toEqual({})
})

it('answers 403 MISSING_SCOPES when the token lacks the scope', async () => {
  const { emulator } = openPortal(1)
  emulator.addPrivateAppToken('tickets-only', ['tickets'])
  const denied = await get('/crm/v3/objects/companies', 'tickets-only')
  expect(denied.status).toBe(403)
  expect(await readJson(denied)).toMatchObject({
    category: 'MISSING_SCOPES',
    errors: [{ context: { requiredGranularScopes: ['crm.objects.companies.read'] } }],
  })
  expect((await get('/crm/v3/objects/tickets', 'tickets-only')).status).toBe(200)
  const write = await fetch(`${BASE_PATH}/crm/v3/properties/companies`, {
    method: 'POST',
    headers: { authorization: 'Bearer tickets-only', 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'x',
      label: 'x',
      type: 'number',
      fieldType: 'number',
      groupName: 'companyinformation',
    }),
  })
  expect(write.status).toBe(403)
})

it('answers an unknown object type with a JSON 400', async () => {
  openPortal(1)
  const response = await get('/crm/v3/objects/widgets')
  expect(response.status).toBe(400)
  expect(await readJson(response)).toMatchObject({
    category: 'VALIDATION_ERROR',
    message: 'Unable to infer object type from: widgets',
  })
})
