import { expect, it, vi } from 'vitest'

import { TransportError } from '../../../cards/transport/types.ts'
import { createMockView } from '../../test-utils/mocks.ts'
import { createDefaultPortfolioTransport } from '../default-portfolio-transport.ts'
import { createFetchPortfolioTransport } from '../fetch-portfolio-transport.ts'
import { createServerlessPortfolioTransport } from '../serverless-portfolio-transport.ts'

const BACKEND = 'https://health.customer-health.example'

function answering(status: number, body: unknown) {
  return vi.fn(async () => ({ ok: status < 400, status, json: async () => body }))
}

it('calls portfolio_view with no parameters and hands back the view it answers', async () => {
  const view = createMockView()
  const run = vi.fn(async () => ({ success: true, value: view }))
  await expect(createServerlessPortfolioTransport(run).load()).resolves.toBe(view)
  expect(run.mock.calls).toEqual([['portfolio_view', { parameters: {} }]])
})

it('names portfolio_view when it crashes, refuses or answers something else', async () => {
  const crashing = createServerlessPortfolioTransport(async () => {
    throw new Error('Function timed out after 15000 ms')
  })
  await expect(crashing.load()).rejects.toThrow(
    'portfolio_view failed: Function timed out after 15000 ms',
  )
  const issues = [{ code: 'no_token', path: [], message: 'PRIVATE_APP_ACCESS_TOKEN is not set' }]
  const refusing = createServerlessPortfolioTransport(async () => ({ success: false, issues }))
  const failure = await refusing.load().catch((error: unknown) => error)
  expect(failure).toBeInstanceOf(TransportError)
  expect(failure).toMatchObject({ message: 'PRIVATE_APP_ACCESS_TOKEN is not set', issues })
  const confused = createServerlessPortfolioTransport(async () => createMockView())
  await expect(confused.load()).rejects.toThrow(
    'portfolio_view answered something the card cannot read',
  )
})

it('GETs /api/portfolio from the backend, through hubspot.fetch', async () => {
  const view = createMockView()
  const fetch = answering(200, view)
  await expect(createFetchPortfolioTransport(`${BACKEND}/`, fetch).load()).resolves.toEqual(view)
  expect(fetch.mock.calls).toEqual([
    [`${BACKEND}/api/portfolio`, { method: 'GET', timeout: 30_000 }],
  ])
})

it('turns a backend failure, or HubSpot’s BAD_GATEWAY answer, into one sentence', async () => {
  const down = createFetchPortfolioTransport(BACKEND, answering(503, null))
  await expect(down.load()).rejects.toThrow('The health backend answered HTTP 503')
  const proxied = createFetchPortfolioTransport(
    BACKEND,
    answering(200, { status: 'error', category: 'BAD_GATEWAY', message: 'timed out' }),
  )
  await expect(proxied.load()).rejects.toThrow('The health backend failed: timed out')
})

it('picks the backend in the marketplace build and the app function in the private one', async () => {
  // Without the profile variable the backend transport refuses before any request.
  await expect(createDefaultPortfolioTransport({}, 'marketplace').load()).rejects.toThrow(
    'The backend URL is not set: add HEALTH_BACKEND_URL to the project profile',
  )
  // Outside HubSpot hubspot.serverless throws; the private transport names the function.
  await expect(createDefaultPortfolioTransport({}, 'private').load()).rejects.toThrow(
    /^portfolio_view failed: /,
  )
})
