/** The calibrate report as an HTML page: self-contained, every section, escaped, honest when thin. */
import { expect, it } from 'vitest'

import { renderCalibrationHtml, ROC_PLOT } from '../../../src/cli/calibration-html/index.ts'
import type { HealthModel, TierId } from '../../../src/health/index.ts'
import {
  bandMetrics,
  bootstrapAuc,
  getDefaultModel,
  seededRandom,
  TIERS,
} from '../../../src/health/index.ts'
import {
  calibrationChart,
  type CalibrationMetrics,
  type CalibrationReport,
} from '../../../src/operations/index.ts'

const model = getDefaultModel().model

function tierOf(score: number): TierId {
  if (score >= model.tiers.healthy) return 'healthy'
  if (score >= model.tiers.neutral) return 'neutral'
  if (score >= model.tiers.at_risk) return 'at_risk'
  return 'critical'
}

/** `n` outcomes whose churn grows as the score falls, with one model's figures and chart. */
function scored(n: number, seed: number) {
  const random = seededRandom(seed)
  const scores = Array.from({ length: n }, () => Math.round(100 * random()))
  const churned = scores.map((s) => random() < (100 - s) / 140)
  const tiers = scores.map(tierOf)
  const band = bandMetrics(tiers.map((tier, i) => ({ tier, churned: churned[i]! })))
  const auc = bootstrapAuc(
    scores.map((s) => 100 - s),
    churned,
    { rounds: 200 },
  )
  // As calibrate does: under 30 outcomes every figure is withheld, the AUC too.
  const metrics: CalibrationMetrics = {
    outcomes: n,
    unscorable: 0,
    auc: band.tooFew ? null : auc.auc,
    aucLow: band.tooFew ? null : auc.low,
    aucHigh: band.tooFew ? null : auc.high,
    redPrecision: band.precision.value,
    redRecall: band.recall.value,
    lift: band.lift.value,
    sensitivity: band.sensitivity.value,
    specificity: band.specificity.value,
    churnRateByTier: Object.fromEntries(
      TIERS.map((t) => [t, band.churnRateByTier[t].value]),
    ) as Record<TierId, number | null>,
    reason: band.reason ?? auc.reason,
  }
  return { metrics, chart: calibrationChart(scores, tiers, churned), churned: band.churned }
}

function reportOf(n: number, overrides: Partial<CalibrationReport> = {}): CalibrationReport {
  const current = scored(n, 1)
  const calibrated = scored(n, 2)
  return {
    accounts: n,
    outcomes: n,
    churned: current.churned,
    baseRate: n >= 30 ? current.churned / n : null,
    horizonDays: 90,
    current: current.metrics,
    calibrated: calibrated.metrics,
    recommendedWeights: {
      usage: 60,
      adoption: 25,
      support: 0,
      sentiment: 10,
      engagement: 0,
      contract: 5,
    },
    currentWeights: Object.fromEntries(model.components.map((c) => [c.id, c.weight])),
    saveRate: 0.25,
    saveRateDetail: { red: 40, saved: 10, pending: 6, windowDays: 90, replayed: 0 },
    churnedBelowGreen: { value: 0.8, numerator: 40, denominator: 50, reason: null },
    proposed: false,
    reason:
      "the recommended weights' held-out AUC (0.850) does not beat the current model's (0.860)",
    recommendedModel: null,
    recommendedBands: null,
    segments: [
      {
        segmentId: 'enterprise',
        outcomes: 80,
        churned: 9,
        ownWeights: true,
        weights: {
          usage: 17,
          adoption: 10,
          support: 24,
          sentiment: 7,
          engagement: 42,
          contract: 0,
        },
        reason: null,
      },
      {
        segmentId: 'smb',
        outcomes: 12,
        churned: 2,
        ownWeights: false,
        weights: null,
        reason: 'only 12 scored outcomes: at least 30 are needed to fit weights',
      },
    ],
    unscored: 0,
    thinData: 3,
    minCoverage: 60,
    failures: 0,
    unreadable: [],
    modelVersion: 'default@1.0.0',
    apiCalls: { total: 525, byEndpoint: {} },
    charts: { current: current.chart, calibrated: calibrated.chart },
    ...overrides,
  }
}

const tierLabel = (tier: TierId) =>
  ({ healthy: 'Healthy', neutral: 'Neutral', at_risk: 'At risk', critical: 'Critical' })[tier]

const render = (report: CalibrationReport, portal = 'the demo portal', m: HealthModel = model) =>
  renderCalibrationHtml(report, { portal, model: m })

it('is self-contained: no script, no external URL, no font or stylesheet to fetch', () => {
  const html = render(reportOf(400))
  expect(html).toMatch(/^<!doctype html>/)
  expect(html).not.toMatch(/<script/i)
  expect(html).not.toMatch(/https?:|\/\/[a-z]/i)
  expect(html).not.toMatch(/\b(src|href|xlink:href)\s*=/i)
  expect(html).not.toMatch(/url\(|@import|@font-face|<link|<img|<iframe|<object|<embed/i)
  expect(html).not.toMatch(/\bon[a-z]+\s*=/i)
  expect(html).toContain('<style>')
})

it('shows the headline, ROC curves, churn by tier, red band, weights, segments and save rate', () => {
  const report = reportOf(400)
  const html = render(report)
  for (const heading of [
    'Headline',
    'How well each model ranks churn (ROC)',
    'Churn rate by tier, before and after',
    'The red band: who gets flagged',
    'Weights before and after',
    'Save rate: red accounts pulled back to green',
  ])
    expect(html).toContain(`<h2>${heading}</h2>`)
  expect(html).toContain(`<dt>Outcomes</dt><dd>400</dd>`)
  expect(html).toContain(`<b>Not proposed:</b> ${report.reason!.replace(/'/g, '&#39;')}.`)
  const { auc, aucLow, aucHigh } = report.current
  expect(html).toContain(
    `Current model: AUC ${auc!.toFixed(2)} (95% ${aucLow!.toFixed(2)}–${aucHigh!.toFixed(2)})`,
  )
  expect(html).toContain('<path class="roc current"')
  expect(html).toContain('<path class="roc calibrated"')
  expect(html).toMatch(/<svg [^>]*role="img"><title>ROC curves/)
  expect(html).toMatch(/<svg [^>]*role="img"><title>Churn rate by tier/)
  expect(html).toMatch(/<svg [^>]*role="img"><title>Component weights/)
  expect(html).toMatch(/<svg [^>]*role="img"><title>Save rate/)
  const healthy = report.charts.current.tiers.healthy
  expect(html).toContain(`>${healthy.churned} of ${healthy.outcomes}</text>`)
  for (const figure of ['Precision', 'Recall', 'Lift', 'Sensitivity', 'Specificity'])
    expect(html).toContain(`<th scope="row">${figure}<span`)
  expect(html).toContain('Enterprise (revenue ≥ $50M)')
  expect(html).toContain('25 → <b>17</b>')
  expect(html).toContain('portal-wide weights: only 12 scored outcomes')
  expect(html).toContain('Save rate 25%: 10 of 40 red accounts back to Healthy')
  expect(html).toContain('>6 pending</text>')
  expect(html).toContain('80% (40 of 50) were below green')
})

it('draws each tier in the colour the card gives it: green, yellow, orange and red', () => {
  const html = render(reportOf(400))
  const fills = (label: string) =>
    [
      ...html.matchAll(
        /<rect class="bar calibrated(?: few)?"[^>]*fill="(#[0-9a-f]{6})"[^>]*><title>([^<,]+),/g,
      ),
    ]
      .filter((m) => m[2] === label)
      .map((m) => m[1])
  expect(fills('Healthy')).toEqual(['#2e9e5b'])
  expect(fills('Neutral')).toEqual(['#e8b923'])
  expect(fills('At risk')).toEqual(['#ee7b23'])
  expect(fills('Critical')).toEqual(['#d9363e'])
})

it('outlines dashed a tier bar resting on under 30 outcomes, and its title says so', () => {
  const report = reportOf(120)
  const html = render(report)
  const counts = TIERS.map((t) => report.charts.current.tiers[t].outcomes)
  expect(counts.some((n) => n < 30) && counts.some((n) => n >= 30)).toBe(true)
  for (const tier of TIERS) {
    const { outcomes } = report.charts.current.tiers[tier]
    if (!outcomes) continue
    const bar = html.match(
      new RegExp(`<rect class="bar current( few)?"[^>]*><title>${tierLabel(tier)}, [^<]*</title>`),
    )
    expect(bar?.[1] === ' few').toBe(outcomes < 30)
    expect(bar?.[0].includes('too few to say much')).toBe(outcomes < 30)
  }
})

it('escapes component labels, segment ids, reasons and the portal label', () => {
  const hostile = structuredClone(model)
  hostile.components[0]!.label = '<script>alert(1)</script>'
  const report = reportOf(400, {
    segments: [
      {
        segmentId: '"><img src=x onerror=alert(2)>',
        outcomes: 40,
        churned: 5,
        ownWeights: false,
        weights: null,
        reason: '<b>bold</b>',
      },
    ],
  })
  const html = render(report, '<portal & co>', hostile)
  expect(html).not.toMatch(/<script|<img|<b>bold|<portal/i)
  expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
  expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt;')
  expect(html).toContain('on &lt;portal &amp; co&gt;')
})

it('says "too few outcomes to judge (N)" under 30 outcomes, never a figure', () => {
  const report = reportOf(12, {
    recommendedWeights: null,
    saveRate: 0.25,
    saveRateDetail: { red: 12, saved: 3, pending: 0, windowDays: 90, replayed: 12 },
    churnedBelowGreen: { value: null, numerator: 3, denominator: 4, reason: 'only 4' },
  })
  expect(report.current.auc).toBeNull()
  expect(report.charts.current.roc).toEqual([])
  const html = render(report)
  expect(html).toContain('<p class="withheld">too few outcomes to judge (12)</p>')
  expect(html).toContain('<dt>Base rate</dt><dd><small>too few outcomes to judge (12)</small>')
  expect(html).toContain('60–90 days before: too few outcomes to judge (4)')
  expect(html).toContain('No weights were fitted: too few outcomes to judge (12).')
  expect(html).toContain('Save rate: too few outcomes to judge (12); 3 of 12 red accounts back')
  const band = html.slice(html.indexOf('<table class="band">'), html.indexOf('</table>'))
  expect(band.match(/too few outcomes to judge \(12\)/g)).toHaveLength(10)
  expect(band.replace(/<td class="target">[^<]*<\/td>/g, '')).not.toMatch(/\d%|×/)
  expect(html).not.toContain('<path class="roc')
  expect(html).not.toMatch(/AUC 0\.\d/)
})

it('keeps every ROC point inside the plot box, from its bottom-left to its top-right corner', () => {
  const html = render(reportOf(2000))
  const paths = [...html.matchAll(/<path class="roc (\w+)" d="([^"]+)"/g)]
  expect(paths.map((p) => p[1])).toEqual(['current', 'calibrated'])
  for (const [, , d] of paths) {
    const points = [...d!.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ])
    expect(points.length).toBeGreaterThan(10)
    expect(points.length).toBeLessThanOrEqual(100)
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(ROC_PLOT.x)
      expect(x).toBeLessThanOrEqual(ROC_PLOT.x + ROC_PLOT.size)
      expect(y).toBeGreaterThanOrEqual(ROC_PLOT.y)
      expect(y).toBeLessThanOrEqual(ROC_PLOT.y + ROC_PLOT.size)
    }
    expect(points[0]).toEqual([ROC_PLOT.x, ROC_PLOT.y + ROC_PLOT.size])
    expect(points.at(-1)).toEqual([ROC_PLOT.x + ROC_PLOT.size, ROC_PLOT.y])
  }
})
