/**
 * The custom workflow action over real HTTP: HubSpot's execution request, signed v2 with the
 * client secret, scores and writes the enrolled company and answers its `outputFields`.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'

import { signV2, WORKFLOW_ACTION_PATH } from '../../../src/server/index.ts'
import { type Backend, CLIENT_SECRET, PORTAL_ID, startBackend } from '../../support/backend.ts'
import { valueOf } from '../../support/portal.ts'

let backend: Backend
beforeEach(async () => {
  backend = await startBackend(2)
})
afterEach(async () => {
  await backend.stop()
})

/** HubSpot's execution request for company `objectId` of `portalId`. */
function executionRequest(objectId: number, portalId = PORTAL_ID) {
  return JSON.stringify({
    callbackId: 'ap-12345-56776413549-7-0',
    origin: { portalId, actionDefinitionId: 10860211, actionDefinitionVersion: 1 },
    context: { source: 'WORKFLOWS', workflowId: 192814114 },
    object: { objectId, objectType: 'COMPANY' },
    inputFields: {},
  })
}

async function call(body: string, signature?: string) {
  const uri = `${backend.config.publicUrl}${WORKFLOW_ACTION_PATH}`
  const response = await fetch(`${backend.url}${WORKFLOW_ACTION_PATH}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-version': 'v2',
      'x-hubspot-signature':
        signature ?? signV2({ method: 'POST', uri, body, clientSecret: CLIENT_SECRET }),
    },
    body,
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

it('scores and writes the enrolled company, and answers its outputFields', async () => {
  const answer = await call(executionRequest(102))
  expect(answer.status).toBe(200)
  const { emulator } = backend.portal
  const written = {
    health_score: valueOf(emulator, '102', 'health_score'),
    health_tier: valueOf(emulator, '102', 'health_tier'),
    health_playbook: valueOf(emulator, '102', 'health_playbook'),
  }
  expect(written.health_score).toMatch(/^\d+$/)
  expect(answer.body).toEqual({ outputFields: written })
})

it('answers 401 to a bad or missing v2 signature, scoring nothing', async () => {
  const body = executionRequest(102)
  const forged = signV2({
    method: 'POST',
    uri: `${backend.config.publicUrl}${WORKFLOW_ACTION_PATH}`,
    body,
    clientSecret: 'not-the-secret',
  })
  expect(await call(body, forged)).toEqual({
    status: 401,
    body: {
      status: 'error',
      message: 'the X-HubSpot-Signature signature does not match the request',
    },
  })
  const response = await fetch(`${backend.url}${WORKFLOW_ACTION_PATH}`, { method: 'POST', body })
  expect(response.status).toBe(401)
  expect(valueOf(backend.portal.emulator, '102', 'health_score')).toBeNull()
})

it('answers 403 for a portal that has not installed the app, and 400 to a payload without a company', async () => {
  expect(await call(executionRequest(102, 31337))).toEqual({
    status: 403,
    body: { status: 'error', message: 'portal 31337 has not installed the app' },
  })
  const noObject = JSON.stringify({ origin: { portalId: PORTAL_ID } })
  const refused = await call(noObject)
  expect(refused.status).toBe(400)
  expect(refused.body.message).toMatch(/^invalid body: body\.object: /)
})
