/** The backend's ops routes over real HTTP: liveness, readiness, and Prometheus metrics. */
import { afterEach, expect, it } from 'vitest'

import type { Logger } from '../../src/log.ts'
import {
  createApp,
  createMetrics,
  loadServerConfig,
  type Metrics,
  SqliteServerStore,
} from '../../src/server/index.ts'
import { EmulatorConnections } from '../support/emulator-connections.ts'
import { serveApp } from '../support/serve-app.ts'

const SILENT: Logger = { error() {}, warn() {}, info() {}, debug() {} }
const config = loadServerConfig({ HUBSPOT_CLIENT_ID: 'cid', HUBSPOT_CLIENT_SECRET: 'secret' })

const stops: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

/** An app on its own store, with a worker whose running flag the test sets. */
async function app(metrics?: Metrics) {
  const store = new SqliteServerStore(':memory:')
  let closed = false
  stops.push(async () => {
    if (!closed) await store.close()
  })
  const worker = { running: true }
  const url = await serveApp(
    createApp({
      config,
      store,
      logger: SILENT,
      connections: new EmulatorConnections({ basePath: 'http://hubspot.test', installed: [] }),
      worker,
      ...(metrics ? { metrics } : {}),
    }),
  )
  const closeStore = async () => {
    closed = true
    await store.close()
  }
  return { url, worker, closeStore }
}

it('is ready while the store answers and the worker runs, and says what is not otherwise', async () => {
  const { url, worker, closeStore } = await app()
  const ready = await fetch(`${url}/readyz`)
  expect(ready.status).toBe(200)
  expect(await ready.json()).toEqual({ status: 'ok', checks: { store: 'ok', worker: 'running' } })

  worker.running = false
  const stopped = await fetch(`${url}/readyz`)
  expect(stopped.status).toBe(503)
  expect(await stopped.json()).toEqual({
    status: 'error',
    message: 'not ready: worker stopped',
    checks: { store: 'ok', worker: 'stopped' },
  })

  worker.running = true
  await closeStore()
  const broken = await fetch(`${url}/readyz`)
  expect(broken.status).toBe(503)
  expect(await broken.json()).toMatchObject({ message: 'not ready: store unavailable' })
  expect((await fetch(`${url}/healthz`)).status).toBe(200) // alive all the same
})

it('serves what the code observed in Prometheus’ text format', async () => {
  const metrics = createMetrics()
  const { url } = await app(metrics)
  metrics.companiesRescored(3)
  metrics.companiesRescored()
  const calls = { total: 5, rateLimited: 0 } // a connection's counter, watched from here on
  metrics.watchCalls(calls)
  calls.total += 12
  calls.rateLimited += 1
  metrics.observeWebhookLag(0.8)
  metrics.observeJobDuration('full-rescore', 'completed', 42)
  const answer = await fetch(`${url}/metrics`)
  expect(answer.status).toBe(200)
  expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/)
  const text = await answer.text()
  expect(text).toContain('health_score_companies_rescored_total 4')
  expect(text).toContain('health_score_hubspot_api_calls_total 12')
  expect(text).toContain('health_score_hubspot_rate_limited_total 1')
  expect(text).toContain('health_score_webhook_lag_seconds_bucket{le="1"} 1')
  expect(text).toContain('health_score_webhook_lag_seconds_bucket{le="0.5"} 0')
  expect(text).toContain(
    'health_score_job_duration_seconds_bucket{le="60",kind="full-rescore",status="completed"} 1',
  )
})

it('keeps each app’s metrics apart, so two in one process never mix', async () => {
  const one = createMetrics()
  const two = createMetrics()
  const calls = { total: 0, rateLimited: 0 }
  one.watchCalls(calls)
  calls.total = 5
  expect(await one.text()).toContain('health_score_hubspot_api_calls_total 5')
  expect(await two.text()).toContain('health_score_hubspot_api_calls_total 0')
  const { url } = await app() // its own, made by createApp
  expect(await (await fetch(`${url}/metrics`)).text()).toContain(
    'health_score_hubspot_api_calls_total 0',
  )
})
