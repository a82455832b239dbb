/**
 * @fileoverview Fixtures for the settings page's tests: the built-in model as a portal's saved
 * settings, and a fake settings API that records what it is sent.
 */
import { vi } from 'vitest'

import type { HealthModelInput } from '../../../health/index.ts'
import type {
  BacktestComparison,
  BacktestJob,
  HealthSettings,
  ModelBacktest,
} from '../../../operations/company-health.ts'
import modelInUse from '../model-in-use.json'
import type { SettingsTransport } from '../transport/settings-transport.ts'

/** The default model, as the private app ships it. */
export const MODEL = modelInUse as HealthModelInput

/** A portal's settings at version 3. */
export function createMockSettings(overrides: Partial<HealthSettings> = {}): HealthSettings {
  return { model: MODEL, version: 3, updatedAt: '2026-11-01T12:00:00.000Z', ...overrides }
}

/** One model's backtest figures. */
export function createMockModelBacktest(overrides: Partial<ModelBacktest> = {}): ModelBacktest {
  return {
    modelVersion: 'default@1.0.0',
    outcomes: 240,
    auc: 0.71,
    aucLow: 0.64,
    aucHigh: 0.78,
    redPrecision: 0.42,
    redRecall: 0.55,
    lift: 2.1,
    sensitivity: 0.55,
    specificity: 0.8,
    churnRateByTier: { healthy: 0.05, neutral: 0.15, at_risk: 0.38, critical: 0.6 },
    unscorable: 0,
    reason: null,
    churnedBelowGreen: { value: 0.8, numerator: 40, denominator: 50, reason: null },
    ...overrides,
  }
}

/** A completed backtest: the edited model predicts better. */
export function createMockBacktestResult(
  overrides: Partial<BacktestComparison> = {},
): BacktestComparison {
  return {
    accounts: 180,
    outcomes: 240,
    churned: 48,
    baseRate: 0.2,
    horizonDays: 90,
    current: createMockModelBacktest(),
    candidate: createMockModelBacktest({
      modelVersion: 'default@1.0.1',
      auc: 0.86,
      aucLow: 0.81,
      aucHigh: 0.9,
      redPrecision: 0.72,
      redRecall: 0.64,
      lift: 3.6,
      unscorable: 3,
    }),
    better: 'candidate',
    verdict: 'The candidate model predicts the outcomes better (AUC 0.86 against 0.71).',
    unscored: 0,
    thinData: 12,
    minCoverage: 60,
    failures: 0,
    unreadable: [],
    apiCalls: { total: 210, byEndpoint: {} },
    ...overrides,
  }
}

/** A backtest job in `status`, with the result when completed. */
export function createMockBacktestJob(overrides: Partial<BacktestJob> = {}): BacktestJob {
  return {
    jobId: 7,
    status: 'running',
    horizonDays: 90,
    progress: null,
    result: null,
    error: null,
    ...overrides,
  }
}

/** A settings API that answers from memory; set `failure` to make the next calls fail. */
export function createFakeSettingsTransport(settings: HealthSettings = createMockSettings()) {
  const state = {
    settings,
    failure: null as Error | null,
    /** What each poll of the backtest answers, in turn; the last one repeats. */
    polls: [createMockBacktestJob({ status: 'completed', result: createMockBacktestResult() })],
  }
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
    backtest: vi.fn<SettingsTransport['backtest']>(async () => {
      fail()
      return createMockBacktestJob({ status: 'queued', created: true })
    }),
    backtestJob: vi.fn<SettingsTransport['backtestJob']>(async () => {
      fail()
      return (state.polls.length > 1 ? state.polls.shift() : state.polls[0])!
    }),
  } satisfies SettingsTransport
  return { transport, state }
}
