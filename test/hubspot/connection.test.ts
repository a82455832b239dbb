import { createTestPortal } from '@health-score/hubspot-emulator/testing'
import { http, HttpResponse } from 'msw'
import { expect, it } from 'vitest'

import { createConnection } from '../../src/hubspot/connection.ts'
import { DailyLimitError, HubSpotApiError } from '../../src/hubspot/errors.ts'
import { BudgetClosedError } from '../../src/hubspot/rolling-window-budget.ts'
import { useMswServer } from '../support/msw.ts'
import { BASE_PATH, TOKEN } from '../support/portal.ts'

const server = useMswServer()
const LIST = 'GET /crm/v3/objects/companies'
const fastSleep = () => Promise.resolve()

function list(conn: ReturnType<typeof createConnection>) {
  return conn.call(LIST, () => conn.client.crm.companies.basicApi.getPage(1))
}

it('paces each portal by its own limit, however many connections the process holds', async () => {
  const { emulator } = createTestPortal({ companies: 3 })
  server.use(...emulator.handlers)
  const slow = createConnection({
    accessToken: TOKEN,
    basePath: BASE_PATH,
    rateLimit: 2,
    rateWindowMs: 500,
  })
  const fast = createConnection({ accessToken: TOKEN, basePath: BASE_PATH, rateLimit: 100_000 })
  const time = async (conn: typeof slow) => {
    const started = performance.now()
    await Promise.all([list(conn), list(conn), list(conn)])
    return performance.now() - started
  }
  // 2 calls per 500 ms: the third waits for the window; the later, faster connection must not inherit it.
  expect(await time(slow)).toBeGreaterThanOrEqual(500)
  expect(await time(fast)).toBeLessThan(500)
  await Promise.all([slow.close(), fast.close()])
})

it('sends a burst that fits in the rolling window at once, not spaced out across it', async () => {
  const { emulator } = createTestPortal({ companies: 3, latencyMs: 20 })
  server.use(...emulator.handlers)
  // 20 calls per 10 s, as HubSpot counts them; 10 at once fit, so none waits for another's slot.
  const conn = createConnection({ accessToken: TOKEN, basePath: BASE_PATH, rateLimit: 20 })
  const started = performance.now()
  await Promise.all(Array.from({ length: 10 }, () => list(conn)))
  // Spaced evenly they would take 10 × 525 ms.
  expect(performance.now() - started).toBeLessThan(2000)
  expect(emulator.stats().calls.rateLimited).toBe(0)
  await conn.close()
})

it('refuses a call still waiting for its rate budget when the connection closes', async () => {
  const { emulator } = createTestPortal({ companies: 3 })
  server.use(...emulator.handlers)
  const conn = createConnection({ accessToken: TOKEN, basePath: BASE_PATH, rateLimit: 1 })
  await list(conn)
  const waiting = list(conn)
  await new Promise((resolve) => setTimeout(resolve, 50))
  await conn.close()
  await expect(waiting).rejects.toBeInstanceOf(BudgetClosedError)
  expect(emulator.stats().calls.total).toBe(1)
})

it('spends no burst budget on a burst-exempt call, as HubSpot exempts associations v4 reads', async () => {
  const { emulator } = createTestPortal({ companies: 3 })
  server.use(...emulator.handlers)
  const conn = createConnection({ accessToken: TOKEN, basePath: BASE_PATH, rateLimit: 1 })
  const associations = () =>
    conn.call(
      'POST /crm/v4/associations/companies/tickets/batch/read',
      () =>
        conn.client.crm.associations.v4.batchApi.getPage('companies', 'tickets', {
          inputs: [{ id: '1' }],
        }),
      { burstExempt: true },
    )
  await list(conn)
  // The one burst slot of the window is spent: only exempt calls can go now.
  await Promise.all([associations(), associations(), associations()])
  expect(conn.calls.total).toBe(4)
  const waiting = list(conn)
  await new Promise((resolve) => setTimeout(resolve, 50))
  await conn.close()
  await expect(waiting).rejects.toBeInstanceOf(BudgetClosedError)
})

it('leaves the client without its process-wide retry decorators: retrying is the connection’s job', async () => {
  let hits = 0
  server.use(
    http.get(`${BASE_PATH}/crm/v3/objects/companies`, () => {
      hits++
      return HttpResponse.json(
        { status: 'error', message: 'boom', correlationId: 'c', category: 'INTERNAL_ERROR' },
        { status: 500 },
      )
    }),
  )
  const conn = createConnection({
    accessToken: TOKEN,
    basePath: BASE_PATH,
    maxAttempts: 3,
    sleep: fastSleep,
  })
  await expect(conn.client.crm.companies.basicApi.getPage(1)).rejects.toMatchObject({ code: 500 })
  expect(hits).toBe(1)
  await expect(list(conn)).rejects.toBeInstanceOf(HubSpotApiError)
  expect(hits).toBe(1 + 3)
  expect(conn.calls.byEndpoint[LIST]).toBe(3)
  await conn.close()
})

it('stops at once on the daily limit, and says when it resets', async () => {
  const { emulator } = createTestPortal({ companies: 3, dailyLimit: 1 })
  server.use(...emulator.handlers)
  const conn = createConnection({ accessToken: TOKEN, basePath: BASE_PATH, sleep: fastSleep })
  await list(conn)
  const error = await list(conn).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(DailyLimitError)
  expect((error as DailyLimitError).resetsAt.getUTCHours()).toBe(0)
  expect(conn.calls.total).toBe(2)
  await conn.close()
})

it('carries what HubSpot said as fields: endpoint, status, detail, category, correlation id', async () => {
  server.use(
    http.get(`${BASE_PATH}/crm/v3/objects/companies`, () =>
      HttpResponse.json(
        {
          status: 'error',
          message: 'Authentication credentials not found.',
          correlationId: 'c0ffee',
          category: 'INVALID_AUTHENTICATION',
        },
        { status: 401 },
      ),
    ),
  )
  const conn = createConnection({ accessToken: TOKEN, basePath: BASE_PATH, sleep: fastSleep })
  const error = await list(conn).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(HubSpotApiError)
  expect(error).toMatchObject({
    endpoint: LIST,
    status: 401,
    detail: 'Authentication credentials not found.',
    category: 'INVALID_AUTHENTICATION',
    correlationId: 'c0ffee',
    policyName: null,
  })
  expect((error as HubSpotApiError).message).toBe(
    `${LIST} failed with 401: Authentication credentials not found.`,
  )
  await conn.close()
})

it('says what failed when no answer came, with status 0', async () => {
  server.use(http.get(`${BASE_PATH}/crm/v3/objects/companies`, () => HttpResponse.error()))
  const conn = createConnection({
    accessToken: TOKEN,
    basePath: BASE_PATH,
    maxAttempts: 2,
    sleep: fastSleep,
  })
  const error = await list(conn).catch((e: unknown) => e)
  expect(error).toMatchObject({ endpoint: LIST, status: 0, category: null })
  expect((error as HubSpotApiError).detail).not.toBe('')
  await conn.close()
})

/** Companies for `fresh` only; 401 `EXPIRED_AUTHENTICATION` for any other bearer, as HubSpot answers. */
function acceptOnly(fresh: string, seen: string[]) {
  return http.get(`${BASE_PATH}/crm/v3/objects/companies`, ({ request }) => {
    const auth = request.headers.get('authorization') ?? '(none)'
    seen.push(auth)
    if (auth === `Bearer ${fresh}`) return HttpResponse.json({ results: [] })
    return HttpResponse.json(
      {
        status: 'error',
        message: 'The OAuth token used to make this call expired 3 second(s) ago.',
        correlationId: 'c',
        category: 'EXPIRED_AUTHENTICATION',
      },
      { status: 401 },
    )
  })
}

it('asks its token source before each call, and once more when HubSpot says the token expired', async () => {
  const seen: string[] = []
  server.use(acceptOnly('fresh', seen))
  const asked: (string | undefined)[] = []
  const conn = createConnection({
    accessToken: async (stale) => {
      asked.push(stale)
      return stale === 'old' || asked.length > 2 ? 'fresh' : 'old'
    },
    basePath: BASE_PATH,
    maxAttempts: 1,
    sleep: fastSleep,
  })
  // An API object read before the token changed still sends the connection's current token.
  const { basicApi } = conn.client.crm.companies
  await conn.call(LIST, () => basicApi.getPage(1))
  expect(asked).toEqual([undefined, 'old'])
  expect(seen).toEqual(['Bearer old', 'Bearer fresh'])
  await list(conn)
  expect(asked).toEqual([undefined, 'old', undefined])
  expect(seen.at(-1)).toBe('Bearer fresh')
  expect(conn.calls.byEndpoint[LIST]).toBe(3)
  await conn.close()
})

it('gives up when the renewed token is refused too: one renewal per call, not a loop', async () => {
  const seen: string[] = []
  server.use(acceptOnly('never-issued', seen))
  const conn = createConnection({
    accessToken: async (stale) => (stale ? 'still-old' : 'old'),
    basePath: BASE_PATH,
    sleep: fastSleep,
  })
  const error = await list(conn).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(HubSpotApiError)
  expect(error).toMatchObject({ status: 401, category: 'EXPIRED_AUTHENTICATION' })
  expect(seen).toEqual(['Bearer old', 'Bearer still-old'])
  await conn.close()
})

it('passes the token source’s own failure through unchanged, without calling HubSpot or retrying', async () => {
  const seen: string[] = []
  server.use(acceptOnly('fresh', seen))
  const uninstalled = new Error('portal 7 has not installed the app')
  let asked = 0
  const conn = createConnection({
    accessToken: async () => {
      asked++
      throw uninstalled
    },
    basePath: BASE_PATH,
    sleep: fastSleep,
  })
  await expect(list(conn)).rejects.toBe(uninstalled)
  expect(asked).toBe(1)
  expect(seen).toEqual([])
  expect(conn.calls.total).toBe(0)
  await conn.close()
})
