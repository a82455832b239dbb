/**
 * The settings page's backtest through its marketplace transport against the real backend over
 * HTTP: a backtest is a job (202), polled until its side-by-side result is there; one unfinished
 * backtest per portal; bad bodies, unsigned requests and unknown portals refused as the other
 * settings routes refuse them.
 */
import { afterEach, expect, it, vi } from 'vitest'

import { TransportError } from '../../../src/app/cards/transport/types.ts'
import { createSettingsTransport } from '../../../src/app/settings/transport/settings-transport.ts'
import { generateDemoPortal } from '../../../src/demo/index.ts'
import { DEFAULT_MODEL_INPUT, type HealthModelInput } from '../../../src/health/index.ts'
import type { BacktestJob } from '../../../src/operations/index.ts'
import {
  type Backend,
  type BackendOptions,
  PORTAL_ID,
  startBackend,
} from '../../support/backend.ts'

let backend: Backend | undefined
afterEach(async () => {
  await backend?.stop()
  backend = undefined
})

async function start(companies: number, options: BackendOptions = {}): Promise<Backend> {
  backend = await startBackend(companies, options)
  return backend
}

const settingsOf = (b: Backend) => createSettingsTransport(b.url, b.hubspotFetch())

/** The built-in model with half of usage's weight moved to support, in every segment. */
function candidateModel(): HealthModelInput {
  const model = structuredClone(DEFAULT_MODEL_INPUT) as HealthModelInput
  const shift = (weights: Record<string, number>): Record<string, number> => {
    const moved = Math.floor((weights.usage ?? 0) / 2)
    return {
      ...weights,
      usage: (weights.usage ?? 0) - moved,
      support: (weights.support ?? 0) + moved,
    }
  }
  const defaults = shift(Object.fromEntries(model.components.map((c) => [c.id, c.weight])))
  return {
    ...model,
    version: '1.0.1',
    components: model.components.map((c) => ({ ...c, weight: defaults[c.id] ?? c.weight })),
    segments: (model.segments ?? []).map((s) => ({ ...s, weights: shift({ ...s.weights }) })),
  } as HealthModelInput
}

it('queues a backtest (202) and, polled, answers both models side by side once done', async () => {
  const { fixture } = generateDemoPortal({ companies: 200, seed: 5 })
  const b = await start(0, { fixture, jobs: 'running' })
  const response = await b.hubspotFetch()(`${b.url}/api/settings/backtest`, {
    method: 'POST',
    body: { model: candidateModel(), horizonDays: 90 },
  })
  expect(response.status).toBe(202)
  const queued = (await response.json()) as BacktestJob
  expect(queued).toMatchObject({ created: true, horizonDays: 90, result: null, error: null })
  expect(['queued', 'running']).toContain(queued.status)

  const page = settingsOf(b)
  let job = queued
  await vi.waitFor(
    async () => {
      job = await page.backtestJob(queued.jobId)
      expect(job.status).toBe('completed')
    },
    { timeout: 120_000, interval: 250 },
  )
  const result = job.result!
  expect(job).toMatchObject({ jobId: queued.jobId, horizonDays: 90, error: null })
  expect(result.horizonDays).toBe(90)
  expect(result.current.modelVersion).toBe('default@1.0.0')
  expect(result.candidate.modelVersion).toBe('default@1.0.1')
  expect(result.outcomes).toBeGreaterThanOrEqual(30)
  expect(result.current.outcomes).toBe(result.outcomes)
  expect(result.candidate.outcomes).toBe(result.outcomes)
  expect(result.current.auc).not.toBe(result.candidate.auc)
  expect(result.better).toBe(result.candidate.auc! > result.current.auc! ? 'candidate' : 'current')
  // The one gather's calls: every endpoint read once per window, not once per model.
  expect(result.apiCalls.byEndpoint['POST /crm/v4/associations/companies/deals/batch/read']).toBe(1)
  const stored = await b.store.getJob(PORTAL_ID, queued.jobId)
  expect(stored).toMatchObject({ kind: 'backtest', status: 'completed' })
}, 180_000)

it('answers a second backtest with the unfinished one rather than queue another', async () => {
  const b = await start(3)
  const page = settingsOf(b)
  const first = await page.backtest({ model: candidateModel() })
  const second = await page.backtest({ model: DEFAULT_MODEL_INPUT, horizonDays: 30 })
  expect(first).toMatchObject({ status: 'queued', created: true, horizonDays: 90 })
  expect(second).toMatchObject({ jobId: first.jobId, status: 'queued', created: false })
  expect(await page.backtestJob(first.jobId)).toEqual({
    jobId: first.jobId,
    status: 'queued',
    horizonDays: 90,
    progress: null,
    result: null,
    error: null,
  })
  expect(await b.store.listJobs(PORTAL_ID)).toHaveLength(1)
})

it('refuses a bad body (400) naming each bad field, and queues nothing', async () => {
  const b = await start(3)
  const page = settingsOf(b)
  const refused = (request: unknown) =>
    page.backtest(request as never).then(
      () => new TransportError('queued'),
      (error: unknown) => error as TransportError,
    )
  const badTiers = await refused({
    model: { ...DEFAULT_MODEL_INPUT, tiers: { healthy: 40, neutral: 50, at_risk: 25 } },
  })
  expect(badTiers).toBeInstanceOf(TransportError)
  expect(badTiers.message).toMatch(/^invalid body: body\.model\.tiers/)
  const badHorizon = await refused({ model: DEFAULT_MODEL_INPUT, horizonDays: 45 })
  expect(badHorizon.message).toBe('invalid body: body.horizonDays: must be 30, 60, 90 or 180 days')
  const status = await b.hubspotFetch()(`${b.url}/api/settings/backtest`, {
    method: 'POST',
    body: { model: DEFAULT_MODEL_INPUT, portalId: 999 },
  })
  expect(status.status).toBe(400)
  expect(await b.store.listJobs(PORTAL_ID)).toEqual([])
})

it('answers 401 unsigned, 403 to a portal that has not installed the app, 404 to a job not its own', async () => {
  const b = await start(3)
  const query = (portalId: number) => `?portalId=${portalId}&userId=1&appId=2`
  const unsigned = await fetch(`${b.url}/api/settings/backtest${query(PORTAL_ID)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: DEFAULT_MODEL_INPUT }),
  })
  expect(unsigned.status).toBe(401)
  const stranger = await b.hubspotFetch(31337)(`${b.url}/api/settings/backtest`, {
    method: 'POST',
    body: { model: DEFAULT_MODEL_INPUT },
  })
  expect(stranger.status).toBe(403)
  expect(await stranger.json()).toEqual({
    status: 'error',
    message: 'portal 31337 has not installed the app',
  })
  const poll = await b.hubspotFetch(31337)(`${b.url}/api/settings/backtest/1`, { method: 'GET' })
  expect(poll.status).toBe(403)

  const rescore = await b.store.createJob({ portalId: PORTAL_ID, kind: 'full-rescore' }, 1)
  for (const id of [String(rescore.id), '999', 'latest']) {
    const answer = await b.hubspotFetch()(`${b.url}/api/settings/backtest/${id}`, {
      method: 'GET',
    })
    expect(answer.status, id).toBe(id === 'latest' ? 400 : 404)
  }
})
