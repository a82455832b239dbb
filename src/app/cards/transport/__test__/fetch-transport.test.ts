import { expect, it, vi } from 'vitest'

import { createMockHealth } from '../../test-utils/mocks.ts'
import type { BackendFetch } from '../backend-fetch.ts'
import { createFetchTransport } from '../fetch-transport.ts'

const BASE = 'https://health.example.com/'

function answering(status: number, body: unknown) {
  return vi.fn<BackendFetch>(async () => ({
    ok: status >= 200 && status < 300,
    status,
    json: async () => body,
  }))
}

it('reads the card API under the base URL from the profile', async () => {
  const health = createMockHealth()
  const fetch = answering(200, health)
  const transport = createFetchTransport(BASE, fetch)
  await expect(transport.loadHealth('4242')).resolves.toEqual(health)
  await transport.recalculate('4242')
  await transport.runAction({
    companyId: '4242',
    actionId: 'csm_checkin',
    dueAt: null,
    priority: 'LOW',
  })
  await transport.setSentiment({ companyId: '4242', sentiment: 'positive', reason: 'Renewed' })
  expect(fetch.mock.calls.map(([url, options]) => [options.method, url, options.body])).toEqual([
    ['GET', 'https://health.example.com/api/companies/4242/health', undefined],
    ['POST', 'https://health.example.com/api/companies/4242/recalculate', {}],
    [
      'POST',
      'https://health.example.com/api/companies/4242/actions/csm_checkin',
      { dueAt: null, priority: 'LOW' },
    ],
    [
      'POST',
      'https://health.example.com/api/companies/4242/sentiment',
      { sentiment: 'positive', reason: 'Renewed' },
    ],
  ])
  expect(fetch.mock.calls[0]?.[1].timeout).toBe(30_000)
})

it('says which profile variable is missing when there is no base URL', async () => {
  const fetch = answering(200, {})
  await expect(createFetchTransport(undefined, fetch).loadHealth('1')).rejects.toThrow(
    'The backend URL is not set: add HEALTH_BACKEND_URL to the project profile',
  )
  expect(fetch).not.toHaveBeenCalled()
})

it("reads the backend's error body, and the proxy's BAD_GATEWAY answer to a failing backend", async () => {
  const refused = createFetchTransport(
    BASE,
    answering(400, {
      status: 'error',
      message: 'Unknown action',
      issues: [{ message: 'Unknown action' }],
    }),
  )
  await expect(
    refused.runAction({ companyId: '1', actionId: 'nope', dueAt: null, priority: 'LOW' }),
  ).rejects.toMatchObject({ message: 'Unknown action', issues: [{ message: 'Unknown action' }] })

  const proxied = createFetchTransport(
    BASE,
    answering(200, { status: 'error', category: 'BAD_GATEWAY', message: 'upstream 503' }),
  )
  await expect(proxied.loadHealth('1')).rejects.toThrow('The health backend failed: upstream 503')

  const bare = createFetchTransport(BASE, answering(502, null))
  await expect(bare.loadHealth('1')).rejects.toThrow('The health backend answered HTTP 502')
})
