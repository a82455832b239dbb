import { afterEach, beforeEach, expect, it } from 'vitest'

import { DEFAULT_MODEL_INPUT, getDefaultModel } from '../../src/health/index.ts'
import { type JsonValue, PortalModels, SqliteServerStore } from '../../src/server/index.ts'

let store: SqliteServerStore
beforeEach(() => {
  store = new SqliteServerStore(':memory:')
})
afterEach(() => store.close())

const custom = { ...structuredClone(DEFAULT_MODEL_INPUT), id: 'custom', version: '2.0.0' }

it('scores a portal without settings with the default model', async () => {
  expect(await new PortalModels(store).modelFor(62515)).toBe(getDefaultModel())
})

it('scores a portal with its latest saved model, compiled once per version', async () => {
  const modelFor = new PortalModels(store).modelFor
  await store.saveSettings(
    { portalId: 62515, model: custom as unknown as JsonValue, savedBy: null },
    1,
  )
  const first = await modelFor(62515)
  expect(first.model.id).toBe('custom')
  expect(await modelFor(62515)).toBe(first)
  expect(await modelFor(1)).toBe(getDefaultModel())
  const next = { ...custom, version: '2.1.0' }
  await store.saveSettings(
    { portalId: 62515, model: next as unknown as JsonValue, savedBy: null },
    2,
  )
  expect((await modelFor(62515)).model.version).toBe('2.1.0')
})

it('refuses a saved model that no longer parses, in one line naming the portal and version', async () => {
  await store.saveSettings({ portalId: 7, model: { id: 'broken' }, savedBy: null }, 1)
  const error = await new PortalModels(store).modelFor(7).then(
    () => new Error('no error'),
    (caught: unknown) => caught as Error,
  )
  expect(error.message).toMatch(/^portal 7's saved model \(version 1\) is invalid: /)
  expect(error.message).not.toContain('\n')
})
