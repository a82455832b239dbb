import { describe, expect, it } from 'vitest'

import { compileModel, parseModel, TIERS } from '../../src/health/index.ts'
import { calibrate, type CalibrationReport, MAX_ROC_POINTS } from '../../src/operations/index.ts'
import { CALIBRATION_METRIC_KEYS } from '../support/calibration-contract.ts'
import { useMswServer } from '../support/msw.ts'
import { connect, demoPortal, model } from '../support/portal.ts'

const server = useMswServer()

describe('calibrate on a 300-company demo portal', () => {
  let report: CalibrationReport
  let calls = 0

  it('backtests the current model and a held-out calibrated one, in the calibrate --json shape', async () => {
    const portal = demoPortal(300, 5, { rateLimits: false })
    server.use(...portal.handlers)
    report = await calibrate({ connection: connect(), model, now: portal.asOf })
    calls = portal.emulator.stats().calls.total
    expect(report.horizonDays).toBe(90)
    expect(report.outcomes).toBeGreaterThanOrEqual(30)
    expect(report.accounts).toBeGreaterThan(0)
    expect(report.accounts).toBeLessThanOrEqual(300)
    expect(report.churned).toBeGreaterThan(0)
    expect(report.baseRate).toBeCloseTo(report.churned / report.outcomes, 10)
    for (const m of [report.current, report.calibrated]) {
      for (const key of CALIBRATION_METRIC_KEYS) expect(m).toHaveProperty(key)
      expect(Object.keys(m.churnRateByTier).sort()).toEqual([...TIERS].sort())
      expect(m.auc).toBeGreaterThan(0.5)
      expect(m.aucLow!).toBeLessThanOrEqual(m.auc!)
      expect(m.aucHigh!).toBeGreaterThanOrEqual(m.auc!)
      expect(m.redRecall).toBe(m.sensitivity)
    }
    const weights = Object.values(report.recommendedWeights!)
    expect(Object.keys(report.recommendedWeights!).sort()).toEqual(
      model.model.components.map((c) => c.id).sort(),
    )
    expect(weights.reduce((a, b) => a + b, 0)).toBe(100)
    expect(report.saveRate === null || (report.saveRate >= 0 && report.saveRate <= 1)).toBe(true)
    expect(report.apiCalls.total).toBe(calls)
    // Renewals from before the demo's simulated history have data for 3 of 6 components: left out.
    expect(report.thinData).toBeGreaterThan(0)
    expect(report.minCoverage).toBe(60)
  }, 60_000)

  it('counts the outcomes the recommended model could not score, as the engine would leave them', async () => {
    const portal = demoPortal(300, 5, { rateLimits: false })
    server.use(...portal.handlers)
    const again = await calibrate({
      connection: connect(),
      model: compileModel(report.recommendedModel!),
      now: portal.asOf,
      bootstrapRounds: 100,
    })
    // Which outcomes have data does not hang on the weights: the recommended model keeps the
    // backtest's outcomes but those it cannot score.
    expect(report.unscored).toBe(0)
    expect(report.calibrated.unscorable).toBeGreaterThan(0)
    expect(again.outcomes).toBe(report.outcomes - report.calibrated.unscorable)
    expect(report.current.unscorable).toBe(0)
  }, 60_000)

  it('proposes the recommendation only when its held-out AUC beats the current model', () => {
    if (report.proposed) expect(report.calibrated.auc!).toBeGreaterThan(report.current.auc!)
    else expect(report.reason).toMatch(/does not beat/)
  })

  it('writes the recommendation as a valid model file: new version, weights and fit figures', () => {
    const candidate = report.recommendedModel!
    const parsed = parseModel(JSON.parse(JSON.stringify(candidate)))
    expect(parsed.success).toBe(true)
    expect(candidate.version).toBe('1.1.0')
    expect(candidate.calibration).toMatchObject({
      basedOn: '1.0.0',
      horizonDays: 90,
      outcomes: report.outcomes,
      churned: report.churned,
      auc: report.calibrated.auc,
    })
    for (const c of candidate.components)
      expect(c.weight).toBe(
        report.segments.find((s) => s.segmentId === model.defaultSegmentId && s.ownWeights)
          ?.weights?.[c.id] ?? report.recommendedWeights![c.id],
      )
    expect(compileModel(candidate).modelVersion).toBe('default@1.1.0')
  })

  it("carries each model's ROC curve and tier counts for the report, matching its figures", () => {
    for (const [m, chart] of [
      [report.current, report.charts.current],
      [report.calibrated, report.charts.calibrated!],
    ] as const) {
      const tallies = Object.values(chart.tiers)
      expect(tallies.reduce((n, t) => n + t.outcomes, 0)).toBe(report.outcomes)
      expect(tallies.reduce((n, t) => n + t.churned, 0)).toBe(report.churned)
      for (const tier of TIERS) {
        const { outcomes, churned } = chart.tiers[tier]
        expect(m.churnRateByTier[tier]).toBe(outcomes ? churned / outcomes : null)
      }
      expect(chart.roc.length).toBeGreaterThan(10)
      expect(chart.roc.length).toBeLessThanOrEqual(MAX_ROC_POINTS)
      expect(chart.roc[0]).toMatchObject({ fpr: 0, tpr: 0 })
      expect(chart.roc.at(-1)).toMatchObject({ fpr: 1, tpr: 1 })
      // The thinned curve's area is the AUC, to within what thinning costs.
      const area = chart.roc
        .slice(1)
        .reduce((a, p, i) => a + ((p.fpr - chart.roc[i]!.fpr) * (p.tpr + chart.roc[i]!.tpr)) / 2, 0)
      expect(Math.abs(area - m.auc!)).toBeLessThan(0.01)
    }
  })

  it('writes the red boundary it recommends into the recommended model and measures the calibrated band with it', () => {
    const bands = report.recommendedBands!
    expect(bands.currentTiers).toEqual(model.model.tiers)
    expect(report.recommendedModel!.tiers).toEqual(bands.tiers)
    expect(bands.adopted).toBe(bands.tiers.neutral !== model.model.tiers.neutral)
    expect(bands.foldBoundaries).toHaveLength(5)
    const measured = bands.adopted ? bands.atChosen : bands.atCurrent
    expect(report.calibrated.redPrecision).toBe(measured.redPrecision)
    expect(report.calibrated.redRecall).toBe(measured.redRecall)
  })
})

it("keeps the model's tiers when asked for no red precision floor", async () => {
  const portal = demoPortal(300, 5, { rateLimits: false })
  server.use(...portal.handlers)
  const report = await calibrate({
    connection: connect(),
    model,
    now: portal.asOf,
    bootstrapRounds: 100,
    redPrecisionTarget: null,
  })
  expect(report.recommendedBands).toBe(null)
  expect(report.recommendedModel!.tiers).toEqual(model.model.tiers)
  expect(report.recommendedModel!.trafficLight).toEqual(model.model.trafficLight)
}, 60_000)

it('scores each outcome the horizon before it: a month ahead predicts better than half a year', async () => {
  const portal = demoPortal(300, 5, { rateLimits: false })
  server.use(...portal.handlers)
  const run = (horizonDays: 30 | 180) =>
    calibrate({ connection: connect(), model, now: portal.asOf, horizonDays, bootstrapRounds: 100 })
  const [near, far] = [await run(30), await run(180)]
  expect([near.horizonDays, far.horizonDays]).toEqual([30, 180])
  expect(near.current.auc! - far.current.auc!).toBeGreaterThan(0.03)
}, 60_000)

it('withholds every figure with a reason when there are fewer than 30 outcomes', async () => {
  const portal = demoPortal(8, 5, { rateLimits: false })
  server.use(...portal.handlers)
  const report = await calibrate({
    connection: connect(),
    model,
    now: portal.asOf,
    horizonDays: 30,
  })
  expect(report.outcomes).toBeLessThan(30)
  expect(report.baseRate).toBe(null)
  expect(report.current).toMatchObject({ auc: null, redPrecision: null, lift: null })
  expect(report.current.reason).toMatch(/at least 30/)
  expect(report.calibrated.auc).toBe(null)
  expect(report.recommendedWeights).toBe(null)
  expect(report.proposed).toBe(false)
  expect(report.recommendedModel).toBe(null)
})

it('rejects a horizon it does not offer, before any call', async () => {
  await expect(calibrate({ connection: connect(), model, horizonDays: 45 as 30 })).rejects.toThrow(
    'calibrate: horizonDays must be 30, 60, 90 or 180 days, got 45',
  )
})
