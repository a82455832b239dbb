import { describe, expect, it } from 'vitest'

import { compileModel, type HealthModel, TIERS } from '../../src/health/index.ts'
import {
  type BacktestComparison,
  backtestModels,
  calibrate,
  type CalibrationReport,
} from '../../src/operations/index.ts'
import { CALIBRATION_METRIC_KEYS } from '../support/calibration-contract.ts'
import { useMswServer } from '../support/msw.ts'
import { connect, demoPortal, model } from '../support/portal.ts'

const server = useMswServer()

describe('backtestModels on a 300-company demo portal', () => {
  let calibration: CalibrationReport
  let comparison: BacktestComparison
  let calibrateCalls = 0
  let backtestCalls = 0
  const requested: string[] = []

  it('measures the current model exactly as calibrate does, on the same outcomes', async () => {
    const portal = demoPortal(300, 5, { rateLimits: false })
    server.use(...portal.handlers)
    calibration = await calibrate({
      connection: connect(),
      model,
      now: portal.asOf,
      bootstrapRounds: 100,
    })
    calibrateCalls = portal.emulator.stats().calls.total

    const again = demoPortal(300, 5, { rateLimits: false })
    server.resetHandlers(...again.handlers)
    server.events.on('request:start', ({ request }) => void requested.push(request.url))
    // The candidate: calibrate's recommended weights, and an input property only it reads.
    const recommended = calibration.recommendedModel!
    const candidate: HealthModel = {
      ...recommended,
      inputs: {
        ...recommended.inputs,
        lastContacted: [...recommended.inputs.lastContacted, 'x_touch'],
      },
    }
    comparison = await backtestModels({
      connection: connect(),
      current: model,
      candidate: compileModel(candidate),
      now: again.asOf,
      bootstrapRounds: 100,
    })
    server.events.removeAllListeners()
    backtestCalls = again.emulator.stats().calls.total

    expect(comparison.outcomes).toBe(calibration.outcomes)
    expect(comparison.churned).toBe(calibration.churned)
    expect(comparison.baseRate).toBe(calibration.baseRate)
    expect(comparison.thinData).toBe(calibration.thinData)
    expect(comparison.horizonDays).toBe(90)
    const { modelVersion, churnedBelowGreen, ...current } = comparison.current
    expect(current).toEqual(calibration.current)
    expect(churnedBelowGreen).toEqual(calibration.churnedBelowGreen)
    expect(modelVersion).toBe('default@1.0.0')
    expect(comparison.candidate.modelVersion).toBe('default@1.1.0')
  }, 90_000)

  it('reads the portal once for both models: the calls of one calibrate run', () => {
    expect(backtestCalls).toBe(calibrateCalls)
    expect(comparison.apiCalls).toEqual(calibration.apiCalls)
    // …with the candidate's own input asked for in that one read.
    expect(requested.some((url) => url.includes('x_touch'))).toBe(true)
  })

  it('scores the candidate as it stands, counting the outcomes it cannot score as the engine would', () => {
    const m = comparison.candidate
    for (const key of CALIBRATION_METRIC_KEYS) expect(m).toHaveProperty(key)
    expect(Object.keys(m.churnRateByTier).sort()).toEqual([...TIERS].sort())
    expect(m.outcomes).toBe(comparison.outcomes)
    expect(m.unscorable).toBe(calibration.calibrated.unscorable)
    expect(m.auc).not.toBe(calibration.current.auc)
    expect(m.aucLow!).toBeLessThanOrEqual(m.auc!)
    expect(m.aucHigh!).toBeGreaterThanOrEqual(m.auc!)
  })

  it('says which model predicts better, by AUC, and whether the intervals leave it in doubt', () => {
    const { current, candidate } = comparison
    const better = candidate.auc! > current.auc! ? 'candidate' : 'current'
    expect(comparison.better).toBe(better)
    const [winner, loser] = better === 'candidate' ? [candidate, current] : [current, candidate]
    expect(comparison.verdict).toContain(
      `predicts the outcomes better (AUC ${winner.auc!.toFixed(2)} against ${loser.auc!.toFixed(2)})`,
    )
    expect(comparison.verdict.includes('may be chance')).toBe(winner.aucLow! <= loser.aucHigh!)
  })
})

it('says there are too few outcomes to judge rather than name a better model', async () => {
  const portal = demoPortal(8, 5, { rateLimits: false })
  server.use(...portal.handlers)
  const candidate = compileModel({
    ...model.model,
    version: '1.0.1',
    tiers: { healthy: 80, neutral: 55, at_risk: 30 },
  })
  const comparison = await backtestModels({
    connection: connect(),
    current: model,
    candidate,
    now: portal.asOf,
    horizonDays: 30,
  })
  expect(comparison.outcomes).toBeLessThan(30)
  expect(comparison.baseRate).toBe(null)
  expect(comparison.current).toMatchObject({ auc: null, redPrecision: null })
  expect(comparison.candidate).toMatchObject({ auc: null, lift: null })
  expect(comparison.better).toBe(null)
  expect(comparison.verdict).toMatch(/^Too few outcomes to judge: .*at least 30/)
})

it('rejects a missing candidate and a horizon it does not offer, before any call', async () => {
  await expect(backtestModels({ connection: connect(), current: model } as never)).rejects.toThrow(
    'backtestModels: candidate must be a compiled model',
  )
  await expect(
    backtestModels({
      connection: connect(),
      current: model,
      candidate: model,
      horizonDays: 45 as 30,
    }),
  ).rejects.toThrow('backtestModels: horizonDays must be 30, 60, 90 or 180 days, got 45')
})

it('stops at the next page when its signal aborts', async () => {
  const portal = demoPortal(120, 5, { rateLimits: false })
  server.use(...portal.handlers)
  const abort = new AbortController()
  const pages: number[] = []
  const run = backtestModels({
    connection: connect(),
    current: model,
    candidate: model,
    now: portal.asOf,
    signal: abort.signal,
    onProgress: ({ companies }) => {
      pages.push(companies)
      abort.abort(new Error('shutting down'))
    },
  })
  await expect(run).rejects.toThrow('shutting down')
  expect(pages).toEqual([50])
})
