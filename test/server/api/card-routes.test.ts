/**
 * The card's marketplace transport (`createFetchTransport`) against the real backend over HTTP,
 * with a `hubspot.fetch` that signs as HubSpot does: what the card loads, recalculates, starts and
 * records, checked against what the emulator then holds.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'

import { createFetchTransport } from '../../../src/app/cards/transport/fetch-transport.ts'
import { TransportError } from '../../../src/app/cards/transport/types.ts'
import { type Backend, startBackend } from '../../support/backend.ts'
import { valueOf } from '../../support/portal.ts'

let backend: Backend
beforeEach(async () => {
  backend = await startBackend(3)
})
afterEach(async () => {
  await backend.stop()
})

const transport = () => createFetchTransport(backend.url, backend.hubspotFetch())

it('loads, recalculates, runs an action and records sentiment through the card transport', async () => {
  const card = transport()
  const before = await card.loadHealth('102')
  expect(before).toMatchObject({
    companyId: '102',
    companyName: 'Company 1',
    result: null,
    scoredAt: null,
  })
  expect(before.tierBands).toEqual({ healthy: 75, neutral: 50, at_risk: 25 })

  const scored = await card.recalculate('102')
  expect(scored.result?.score).toEqual(expect.any(Number))
  const { emulator } = backend.portal
  expect(valueOf(emulator, '102', 'health_score')).toBe(String(scored.result!.score))
  expect(valueOf(emulator, '102', 'health_tier')).toBe(scored.result!.tier)

  const viewed = await card.loadHealth('102')
  expect(viewed.result?.score).toBe(scored.result!.score)
  expect(viewed.scoredAt).not.toBeNull()
  expect(viewed.history.at(-1)?.score).toBe(scored.result!.score)

  const action = scored.result!.playbook!.actions.find((a) => a.kind !== 'link')!
  const created = await card.runAction({
    companyId: '102',
    actionId: action.id,
    dueAt: '2026-12-24T09:00:00.000Z',
    priority: 'HIGH',
  })
  expect(created).toMatchObject({ title: action.title, id: expect.any(String) })
  const table = emulator.store.table(created.kind === 'task' ? 'tasks' : 'notes')
  expect(table.rowOf(created.id)).toBeDefined()

  const sentiment = await card.setSentiment({
    companyId: '102',
    sentiment: 'negative',
    reason: 'Champion left',
  })
  expect(sentiment).toMatchObject({ sentiment: 'negative', reason: 'Champion left' })
  expect(valueOf(emulator, '102', 'health_csm_sentiment')).toBe('negative')
  expect((await card.loadHealth('102')).csmSentiment).toEqual(sentiment)
})

it('answers 400 with the issues to a bad id or body, and a clear error for what HubSpot refuses', async () => {
  const card = transport()
  const badId = await card.loadHealth('12ab').catch((error: unknown) => error)
  expect(badId).toBeInstanceOf(TransportError)
  expect((badId as TransportError).message).toBe(
    'invalid path: path.id: must be a company id (digits)',
  )
  expect((badId as TransportError).issues).toEqual([
    { code: 'invalid_format', path: ['path', 'id'], message: 'must be a company id (digits)' },
  ])
  await expect(
    card.setSentiment({ companyId: '102', sentiment: 'furious' as never, reason: 'x' }),
  ).rejects.toThrow('invalid body: body.sentiment: must be positive, neutral or negative')
  await expect(
    card.runAction({ companyId: '102', actionId: 'exec_call', dueAt: 'soon', priority: 'HIGH' }),
  ).rejects.toThrow('invalid body: body.dueAt: must be an ISO-8601 date-time')
  await expect(card.loadHealth('999999')).rejects.toThrow('company 999999 was not found')
  await expect(
    card.runAction({ companyId: '101', actionId: 'exec_call', dueAt: null, priority: 'LOW' }),
  ).rejects.toThrow('company 101 has no playbook: score it first')
})

it('says what went wrong when HubSpot refuses the call', async () => {
  await backend.stop()
  backend = await startBackend(1, { connectionToken: 'revoked-token' })
  const failed = await transport()
    .recalculate('101')
    .catch((error: unknown) => error)
  expect(failed).toBeInstanceOf(TransportError)
  expect((failed as Error).message).toMatch(
    /^HubSpot failed: GET \/crm\/v3\/objects\/companies\/\{companyId\} failed with 401: /,
  )
  expect(JSON.stringify(backend.logger.lines)).not.toContain('revoked-token')
})
