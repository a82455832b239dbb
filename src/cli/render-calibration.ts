/** @module `health-score calibrate`'s report for a person: the backtest in a few short lines. */
import type { TierId } from '../health/index.ts'
import type { CalibrationMetrics, CalibrationReport } from '../operations/index.ts'

const TIER_LABELS: Record<TierId, string> = {
  healthy: 'Healthy',
  neutral: 'Neutral',
  at_risk: 'At risk',
  critical: 'Critical',
}

const percent = (value: number | null): string =>
  value === null ? '—' : `${(100 * value).toFixed(value < 0.1 && value > 0 ? 1 : 0)}%`
const decimal = (value: number | null): string => (value === null ? '—' : value.toFixed(2))

function aucText(m: CalibrationMetrics): string {
  if (m.auc === null) return '—'
  return m.aucLow === null || m.aucHigh === null
    ? decimal(m.auc)
    : `${decimal(m.auc)} (95% ${decimal(m.aucLow)}–${decimal(m.aucHigh)})`
}

/**
 * The report in words: what it rests on, the current and the calibrated model side by side, the
 * weights before → after, the save rate and the calls it took; "too few outcomes to judge" when so.
 * @example
 * process.stdout.write(renderCalibration(report, 'the demo portal', { path: 'model.json', written: true }))
 */
export function renderCalibration(
  report: CalibrationReport,
  portal: string,
  out: { readonly path: string; readonly written: boolean } | null,
): string {
  const lines: string[] = []
  const { current: now, calibrated: fit } = report
  lines.push(
    `Backtest of ${report.modelVersion} on ${portal}: ${report.outcomes} renewal outcomes ` +
      `(${report.churned} churned${report.baseRate === null ? '' : `, base rate ${percent(report.baseRate)}`}) ` +
      `from ${report.accounts} accounts, each scored ${report.horizonDays} days before.`,
  )
  if (report.unscored)
    lines.push(`${report.unscored} outcomes left out: the model could not score them then.`)
  if (report.thinData)
    lines.push(
      `${report.thinData} outcomes left out: the portal's history holds data for under ${report.minCoverage}% of the components then.`,
    )
  if (report.calibrated.unscorable)
    lines.push(
      `${report.calibrated.unscorable} outcomes the recommended weights could not score (too little of their weight has data): ranked nowhere, counted Neutral.`,
    )
  if (report.failures)
    lines.push(`${report.failures} companies could not be read and are left out.`)
  if (report.unreadable.length)
    lines.push(`Not readable with this token: ${report.unreadable.join(', ')}.`)
  if (now.auc === null && now.reason) {
    lines.push(`Too few outcomes to judge: ${now.reason}.`)
  } else {
    const row = (label: string, a: string, b: string) => `  ${label.padEnd(22)}${a.padEnd(24)}${b}`
    lines.push('', row('', 'current model', 'calibrated (held-out)'))
    lines.push(row('AUC', aucText(now), aucText(fit)))
    lines.push(row('Red band precision', percent(now.redPrecision), percent(fit.redPrecision)))
    lines.push(row('Red band recall', percent(now.redRecall), percent(fit.redRecall)))
    lines.push(
      row(
        'Lift over base rate',
        now.lift === null ? '—' : `${now.lift.toFixed(1)}×`,
        fit.lift === null ? '—' : `${fit.lift.toFixed(1)}×`,
      ),
    )
    lines.push(row('Specificity', percent(now.specificity), percent(fit.specificity)))
    for (const tier of Object.keys(TIER_LABELS) as TierId[])
      lines.push(
        row(
          `Churn in ${TIER_LABELS[tier]}`,
          percent(now.churnRateByTier[tier]),
          percent(fit.churnRateByTier[tier]),
        ),
      )
    if (fit.auc === null && fit.reason) lines.push(`  Calibrated: ${fit.reason}.`)
    lines.push('')
  }
  if (report.recommendedWeights) {
    const weights = Object.keys(report.currentWeights)
      .map((id) => `${id} ${report.currentWeights[id]} → ${report.recommendedWeights![id]}`)
      .join(', ')
    lines.push(`Weights: ${weights}.`)
    const own = report.segments.filter((s) => s.ownWeights).map((s) => s.segmentId)
    if (own.length) lines.push(`Segments with weights of their own: ${own.join(', ')}.`)
  }
  const bands = report.recommendedBands
  if (bands) {
    const was = bands.currentTiers.neutral
    const figures = (f: typeof bands.atChosen) =>
      `precision ${percent(f.redPrecision)}, recall ${percent(f.redRecall)}, ${percent(f.redShare)} of outcomes red`
    lines.push(
      bands.adopted
        ? `Red band: At risk below ${was} → ${bands.tiers.neutral}, the most churn caught while ${percent(bands.targetPrecision)} of red accounts churn (held-out: ${figures(bands.atChosen)}; at ${was}: ${figures(bands.atCurrent)}).`
        : `Red band: At risk below ${was} kept (${figures(bands.atCurrent)}): ${bands.reason}.`,
    )
  }
  const below = report.churnedBelowGreen
  lines.push(
    below.value === null
      ? `Churned accounts below green 60–90 days before: too few to judge (${below.denominator}).`
      : `Churned accounts below green 60–90 days before: ${percent(below.value)} (${below.numerator} of ${below.denominator}).`,
  )
  const save = report.saveRateDetail
  lines.push(
    report.saveRate === null
      ? `Save rate: no account went red.`
      : `Save rate: ${percent(report.saveRate)} (${save.saved} of ${save.red} red accounts back to Healthy within ${save.windowDays} days` +
          `${save.replayed ? `; scores replayed monthly for ${save.replayed} companies with no score history` : ''}).`,
  )
  lines.push(
    report.proposed
      ? `Recommended model ${report.recommendedModel?.version ?? ''} beats the current one on held-out folds.`
      : `Not proposed: ${report.reason ?? 'no recommendation'}.`,
  )
  if (out)
    lines.push(
      out.written
        ? `Wrote the recommended model to ${out.path}.`
        : `Nothing written to ${out.path}: the recommendation is not proposed.`,
    )
  lines.push(`API calls: ${report.apiCalls.total}.`)
  return `${lines.join('\n')}\n`
}
