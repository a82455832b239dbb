import express from 'express'
import { afterEach, expect, it } from 'vitest'

import type { Logger } from '../../src/log.ts'
import {
  createApp,
  errorHandler,
  HttpError,
  loadServerConfig,
  SqliteServerStore,
} from '../../src/server/index.ts'
import { EmulatorConnections } from '../support/emulator-connections.ts'
import { serveApp } from '../support/serve-app.ts'

/** A logger that keeps what it was told, so a test can see what reached the log. */
function recordingLogger(): Logger & { lines: { facts: object; message: string }[] } {
  const lines: { facts: object; message: string }[] = []
  const keep = (facts: object, message: string) => void lines.push({ facts, message })
  return { lines, error: keep, warn: keep, info: keep, debug: keep }
}

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

it('answers its liveness route, and JSON 404 for any other', async () => {
  const store = new SqliteServerStore(':memory:')
  stops.push(() => store.close())
  const config = loadServerConfig({ HUBSPOT_CLIENT_ID: 'cid', HUBSPOT_CLIENT_SECRET: 'secret' })
  const connections = new EmulatorConnections({
    installed: store,
    basePath: 'http://hubspot.test',
    token: 't',
  })
  const url = await serveApp(createApp({ config, store, logger: recordingLogger(), connections }))
  const live = await fetch(`${url}/healthz`)
  expect(live.status).toBe(200)
  expect(await live.json()).toEqual({ status: 'ok' })
  const missing = await fetch(`${url}/api/nothing`, { method: 'POST' })
  expect(missing.status).toBe(404)
  expect(await missing.json()).toEqual({
    status: 'error',
    message: 'no route for POST /api/nothing',
  })
  expect(live.headers.get('x-powered-by')).toBeNull()
})

it('answers an HttpError with its status and message, and a bad JSON body with 400', async () => {
  const logger = recordingLogger()
  const app = express()
  app.use(express.json())
  app.post('/refused', () => {
    throw new HttpError(403, { message: 'portal 62515 has not installed the app' })
  })
  app.use(errorHandler(logger))
  const url = await serveApp(app)
  const refused = await fetch(`${url}/refused`, { method: 'POST' })
  expect(refused.status).toBe(403)
  expect(await refused.json()).toEqual({
    status: 'error',
    message: 'portal 62515 has not installed the app',
  })
  const bad = await fetch(`${url}/refused`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{"oops',
  })
  expect(bad.status).toBe(400)
  expect(await bad.json()).toEqual({ status: 'error', message: 'the body is not valid JSON' })
  expect(logger.lines).toEqual([])
})

it('logs an unexpected error without the request, and answers 500 without its details', async () => {
  const logger = recordingLogger()
  const app = express()
  app.get('/crash', () => {
    throw new Error('database is locked')
  })
  app.use(errorHandler(logger))
  const url = await serveApp(app)
  const crashed = await fetch(`${url}/crash?code=secret-oauth-code`, {
    headers: { authorization: 'Bearer pat-na1-secret' },
  })
  expect(crashed.status).toBe(500)
  expect(await crashed.json()).toEqual({ status: 'error', message: 'internal error' })
  expect(logger.lines).toEqual([
    {
      facts: {
        method: 'GET',
        path: '/crash',
        error: expect.objectContaining({ message: 'database is locked' }),
      },
      message: 'request failed: answered 500',
    },
  ])
  expect(JSON.stringify(logger.lines)).not.toMatch(/secret-oauth-code|pat-na1-secret/)
})
