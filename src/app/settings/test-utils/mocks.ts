/**
 * @fileoverview Fixtures for the settings page's tests: the built-in model as a portal's saved
 * settings, and a fake settings API that records what it is sent.
 */
import { vi } from 'vitest'

import type { HealthModelInput } from '../../../health/index.ts'
import type { HealthSettings } from '../../../operations/company-health.ts'
import modelInUse from '../model-in-use.json'
import type { SettingsTransport } from '../transport/settings-transport.ts'

/** The default model, as the private app ships it. */
export const MODEL = modelInUse as HealthModelInput

/** A portal's settings at version 3. */
export function createMockSettings(overrides: Partial<HealthSettings> = {}): HealthSettings {
  return { model: MODEL, version: 3, updatedAt: '2026-11-01T12:00:00.000Z', ...overrides }
}

/** A settings API that answers from memory; set `failure` to make the next calls fail. */
export function createFakeSettingsTransport(settings: HealthSettings = createMockSettings()) {
  const state = { settings, failure: null as Error | null }
  const fail = () => {
    if (state.failure) throw state.failure
  }
  const transport = {
    load: vi.fn(async () => {
      fail()
      return state.settings
    }),
    save: vi.fn<SettingsTransport['save']>(async ({ model, baseVersion }) => {
      fail()
      state.settings = { model, version: baseVersion + 1, updatedAt: '2026-11-20T09:00:00.000Z' }
      return state.settings
    }),
    preview: vi.fn<SettingsTransport['preview']>(async () => {
      fail()
      return { companies: 120, tiers: { healthy: 50, neutral: 40, at_risk: 20, critical: 10 } }
    }),
  } satisfies SettingsTransport
  return { transport, state }
}
