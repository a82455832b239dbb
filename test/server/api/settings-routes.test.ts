/**
 * The settings page's marketplace transport (`createSettingsTransport`) against the real backend
 * over HTTP: the model in use, versioned saves that keep the old versions and refuse a stale base,
 * the engine's validation naming the bad path, and a preview that agrees with a real rescore.
 */
import { afterEach, beforeEach, expect, it } from 'vitest'

import { createFetchTransport } from '../../../src/app/cards/transport/fetch-transport.ts'
import { TransportError } from '../../../src/app/cards/transport/types.ts'
import { createSettingsTransport } from '../../../src/app/settings/transport/settings-transport.ts'
import { DEFAULT_MODEL_INPUT, type HealthModelInput, TIERS } from '../../../src/health/index.ts'
import { PREVIEW_MAX_PAGES } from '../../../src/server/index.ts'
import { type Backend, PORTAL_ID, startBackend } from '../../support/backend.ts'
import { callsTo } from '../../support/portal.ts'

const COMPANIES = ['101', '102', '103', '104', '105', '106']

let backend: Backend
beforeEach(async () => {
  backend = await startBackend(COMPANIES.length)
})
afterEach(async () => {
  await backend.stop()
})

const settings = () => createSettingsTransport(backend.url, backend.hubspotFetch())
const card = () => createFetchTransport(backend.url, backend.hubspotFetch())

function withTiers(tiers: { healthy: number; neutral: number; at_risk: number }): HealthModelInput {
  return { ...structuredClone(DEFAULT_MODEL_INPUT), tiers } as HealthModelInput
}

it('serves the built-in model, then saves versions, keeps them, and scores with the latest', async () => {
  const page = settings()
  expect(await page.load()).toEqual({ model: DEFAULT_MODEL_INPUT, version: 0, updatedAt: null })

  const first = await page.save({
    model: { ...withTiers({ healthy: 80, neutral: 60, at_risk: 40 }), portalId: 999 } as never,
    baseVersion: 0,
  })
  expect(first).toMatchObject({ version: 1, updatedAt: expect.stringMatching(/^\d{4}-.*Z$/) })
  // What is kept is the engine's parse: a key the model does not know is not stored.
  expect(first.model).not.toHaveProperty('portalId')
  const second = await page.save({
    model: withTiers({ healthy: 90, neutral: 70, at_risk: 35 }),
    baseVersion: 1,
  })
  expect(second.version).toBe(2)
  expect(await page.load()).toEqual(second)
  const history = await backend.store.settingsHistory(PORTAL_ID)
  expect(history.map((v) => [v.version, v.savedBy])).toEqual([
    [2, '777'],
    [1, '777'],
  ])
  expect((history[1]!.model as { tiers: unknown }).tiers).toEqual({
    healthy: 80,
    neutral: 60,
    at_risk: 40,
  })

  // The card now draws, and scores with, the latest version.
  const health = await card().recalculate('101')
  expect(health.tierBands).toEqual({ healthy: 90, neutral: 70, at_risk: 35 })
})

it('refuses a save based on a version that is no longer the latest (409), saving nothing', async () => {
  const page = settings()
  await page.save({ model: withTiers({ healthy: 80, neutral: 60, at_risk: 40 }), baseVersion: 0 })
  const raced = await page
    .save({ model: withTiers({ healthy: 85, neutral: 60, at_risk: 40 }), baseVersion: 0 })
    .catch((error: unknown) => error)
  expect(raced).toBeInstanceOf(TransportError)
  expect((raced as Error).message).toBe(
    'the settings were saved by someone else meanwhile: version 1 is the latest, not 0; reload and apply your changes again',
  )
  const status = await backend.hubspotFetch()(`${backend.url}/api/settings`, {
    method: 'PUT',
    body: { model: withTiers({ healthy: 85, neutral: 60, at_risk: 40 }), baseVersion: 0 },
  })
  expect(status.status).toBe(409)
  expect((await backend.store.settingsHistory(PORTAL_ID)).length).toBe(1)
})

it('answers 400 naming the path of what is wrong in the model, and saves nothing', async () => {
  const bad = {
    ...structuredClone(DEFAULT_MODEL_INPUT),
    tiers: { healthy: 'high', neutral: 50, at_risk: 25 },
  }
  const refused = await settings()
    .save({ model: bad as unknown as HealthModelInput, baseVersion: 0 })
    .catch((error: unknown) => error)
  expect(refused).toBeInstanceOf(TransportError)
  expect((refused as Error).message).toMatch(/^invalid body: body\.model\.tiers\.healthy: /)
  expect((refused as TransportError).issues).toEqual([
    expect.objectContaining({ path: ['body', 'model', 'tiers', 'healthy'] }),
  ])
  await expect(settings().preview(bad as unknown as HealthModelInput)).rejects.toThrow(
    /body\.model\.tiers\.healthy/,
  )
  await expect(
    settings().save({ model: DEFAULT_MODEL_INPUT as HealthModelInput, baseVersion: -1 }),
  ).rejects.toThrow('invalid body: body.baseVersion: must be ≥ 0')
  expect(await backend.store.currentSettings(PORTAL_ID)).toBeNull()
})

it('previews the tiers a candidate gives the last scores, as a rescore with it then does, in one call', async () => {
  for (const id of COMPANIES) await card().recalculate(id)
  const stored = countTiers(COMPANIES.map((id) => tierOf(id)))
  const pages = () => callsTo(backend.portal.emulator, 'GET /crm/v3/objects/companies')
  const before = pages()
  const same = await settings().preview(DEFAULT_MODEL_INPUT as HealthModelInput)
  expect(pages() - before).toBe(1)
  expect(same).toEqual({ companies: COMPANIES.length, tiers: stored })

  // Tiers only: the stored scores re-tiered, exactly what a rescore with the candidate gives.
  const retiered = withTiers({ healthy: 60, neutral: 45, at_risk: 20 })
  const preview = await settings().preview(retiered)
  expect(preview.tiers).not.toEqual(stored)
  await settings().save({ model: retiered, baseVersion: 0 })
  expect(preview).toEqual({ companies: COMPANIES.length, tiers: await rescoredTiers() })

  // New weights: recombined from the stored component scores. (No company of this fixture sits
  // within a point of a band's edge under them, so the whole-number component scores agree.)
  const reweighed = withTiers({ healthy: 60, neutral: 45, at_risk: 20 }) as HealthModelInput & {
    segments: { id: string; weights: Record<string, number> }[]
  }
  reweighed.segments.find((segment) => segment.id === 'smb')!.weights.sentiment = 40
  const recombined = await settings().preview(reweighed)
  expect(recombined.tiers).not.toEqual(preview.tiers)
  await settings().save({ model: reweighed, baseVersion: 1 })
  expect(recombined).toEqual({ companies: COMPANIES.length, tiers: await rescoredTiers() })
})

async function rescoredTiers(): Promise<Record<string, number>> {
  const tiers = []
  for (const id of COMPANIES) tiers.push((await card().recalculate(id)).result!.tier)
  return countTiers(tiers)
}

function tierOf(id: string): string {
  const table = backend.portal.emulator.store.table('companies')
  return table.value(table.rowOf(id), 'health_tier')!
}

function countTiers(tiers: readonly string[]): Record<string, number> {
  return Object.fromEntries(TIERS.map((tier) => [tier, tiers.filter((t) => t === tier).length]))
}

it(`reads at most ${PREVIEW_MAX_PAGES} list pages, however large the portal`, async () => {
  await backend.stop()
  backend = await startBackend(PREVIEW_MAX_PAGES * 100 + 50)
  const preview = await settings().preview(DEFAULT_MODEL_INPUT as HealthModelInput)
  expect(callsTo(backend.portal.emulator, 'GET /crm/v3/objects/companies')).toBe(PREVIEW_MAX_PAGES)
  expect(preview).toEqual({
    companies: 0,
    tiers: { healthy: 0, neutral: 0, at_risk: 0, critical: 0 },
  })
})

it('brings the value-track options in step when a save adds a segment, so its companies can be written', async () => {
  const options = () =>
    backend.portal.emulator.store.properties
      .get('companies', 'health_value_track')!
      .options.map((o) => o.value)
  expect(options()).not.toContain('strategic')
  const model = structuredClone(DEFAULT_MODEL_INPUT) as HealthModelInput
  // First, so it matches every company before the revenue bands do.
  const segments = [
    {
      id: 'strategic',
      label: 'Strategic (every company)',
      match: [{ property: 'annualrevenue', gte: 0 }],
      weights: {
        usage: 30,
        adoption: 20,
        support: 15,
        sentiment: 15,
        engagement: 10,
        contract: 10,
      },
    },
  ]
  await settings().save({
    model: { ...model, segments: [...segments, ...(model.segments ?? [])] } as HealthModelInput,
    baseVersion: 0,
  })
  expect(options()).toContain('strategic')
  const health = await card().recalculate('101')
  expect(health.result?.segmentId).toBe('strategic')
})
