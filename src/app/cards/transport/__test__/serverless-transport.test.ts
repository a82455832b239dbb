import { expect, it, vi } from 'vitest'

import { createMockHealth } from '../../test-utils/mocks.ts'
import { createServerlessTransport } from '../serverless-transport.ts'
import { TransportError } from '../types.ts'

it('calls score_company with the company id, in view mode to load and score mode to recalculate', async () => {
  const health = createMockHealth()
  const run = vi.fn(async () => ({ success: true, value: health }))
  const transport = createServerlessTransport(run)
  await expect(transport.loadHealth('4242')).resolves.toBe(health)
  await transport.recalculate('4242')
  expect(run.mock.calls).toEqual([
    ['score_company', { parameters: { companyId: '4242', mode: 'view' } }],
    ['score_company', { parameters: { companyId: '4242', mode: 'score' } }],
  ])
})

it('calls run_playbook_action and set_csm_sentiment with the request as parameters', async () => {
  const run = vi.fn(async () => ({ success: true, value: { id: '9001' } }))
  const transport = createServerlessTransport(run)
  const action = {
    companyId: '4242',
    actionId: 'csm_checkin',
    dueAt: null,
    priority: 'HIGH' as const,
  }
  await transport.runAction(action)
  await transport.setSentiment({
    companyId: '4242',
    sentiment: 'negative',
    reason: 'Champion left',
  })
  expect(run.mock.calls).toEqual([
    ['run_playbook_action', { parameters: action }],
    [
      'set_csm_sentiment',
      { parameters: { companyId: '4242', sentiment: 'negative', reason: 'Champion left' } },
    ],
  ])
})

it('turns a refused input into a TransportError carrying the issues', async () => {
  const issues = [{ code: 'too_small', path: ['reason'], message: 'reason: must not be empty' }]
  const transport = createServerlessTransport(async () => ({ success: false, issues }))
  const failure = await transport
    .setSentiment({ companyId: '4242', sentiment: 'neutral', reason: '' })
    .catch((error: unknown) => error)
  expect(failure).toBeInstanceOf(TransportError)
  expect(failure).toMatchObject({ message: 'reason: must not be empty', issues })
})

it('names the function when it crashes or answers something else', async () => {
  const crashing = createServerlessTransport(async () => {
    throw new Error('Function timed out after 15000 ms')
  })
  await expect(crashing.loadHealth('1')).rejects.toThrow(
    'score_company failed: Function timed out after 15000 ms',
  )
  const confused = createServerlessTransport(async () => 'New Function!')
  await expect(confused.loadHealth('1')).rejects.toThrow(
    'score_company answered something the card cannot read',
  )
})
