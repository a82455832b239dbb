/**
 * @module `health-score calibrate --report FILE`: the backtest as one self-contained HTML page
 * (inline CSS and SVG, no script, nothing fetched), with a sentence under each heading saying
 * what the chart shows.
 */
import type { HealthModel } from '../../health/index.ts'
import type { CalibrationReport } from '../../operations/index.ts'
import { bandTable } from './band-table.ts'
import { esc, fixed, isWithheld, missing, percent, tooFew } from './html.ts'
import { rocChart } from './roc-chart.ts'
import { saveRateChart } from './save-rate-chart.ts'
import { STYLES } from './styles.ts'
import { tierChart } from './tier-chart.ts'
import { segmentsTable, weightsChart } from './weights-chart.ts'

/** What the page says besides the report. */
export interface CalibrationHtmlOptions {
  /** The portal, as the words say it ("the demo portal", a base URL). */
  readonly portal: string
  /** The model backtested: it names the components, segments and tier bounds. */
  readonly model: HealthModel
  /** When the backtest ran, epoch ms; left out of the page when absent. */
  readonly generatedAt?: number
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`

function headline(report: CalibrationReport, options: CalibrationHtmlOptions): string {
  const when =
    options.generatedAt === undefined
      ? ''
      : `, ${new Date(options.generatedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`
  const base = report.baseRate === null ? tooFew(report.outcomes) : percent(report.baseRate)
  const tiles = [
    ['Accounts', String(report.accounts)],
    ['Outcomes', String(report.outcomes)],
    ['Churned', String(report.churned)],
    ['Base rate', report.baseRate === null ? `<small>${esc(base)}</small>` : base],
    ['Horizon', `${report.horizonDays} <small>days</small>`],
  ]
  const { current: now, calibrated: fit } = report
  const verdict = report.proposed
    ? `<p class="verdict proposed"><b>Proposed:</b> the recommended model ` +
      `${esc(report.recommendedModel?.version ?? '')} beats the current one on held-out folds ` +
      `(AUC ${fixed(fit.auc ?? 0, 3)} against ${fixed(now.auc ?? 0, 3)}). ` +
      `<code>--out FILE</code> writes it as a model file.</p>`
    : `<p class="verdict not-proposed"><b>Not proposed:</b> ${esc(report.reason ?? 'no recommendation')}.</p>`
  const notes: string[] = []
  if (report.thinData)
    notes.push(
      `${plural(report.thinData, 'outcome')} left out: the portal's history holds data for under ${report.minCoverage}% of the components then.`,
    )
  if (report.unscored)
    notes.push(
      `${plural(report.unscored, 'outcome')} left out: the model could not score them then.`,
    )
  if (fit.unscorable)
    notes.push(
      `${plural(fit.unscorable, 'outcome')} the recommended weights could not score: ranked nowhere, counted Neutral.`,
    )
  if (report.failures)
    notes.push(`${plural(report.failures, 'company', 'companies')} could not be read.`)
  if (report.unreadable.length)
    notes.push(`Not readable with this token: ${esc(report.unreadable.join(', '))}.`)
  return (
    `<header><h1>Does the health score predict churn?</h1>` +
    `<p class="sub">Backtest of ${esc(report.modelVersion)} on ${esc(options.portal)}${when}: ` +
    `each renewal won or lost, scored as the company stood ${report.horizonDays} days before it.</p></header>` +
    `<section class="headline"><h2>Headline</h2><dl class="tiles">` +
    tiles.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join('') +
    `</dl>${verdict}` +
    (notes.length ? `<ul class="notes">${notes.map((n) => `<li>${n}</li>`).join('')}</ul>` : '') +
    `</section>`
  )
}

function section(id: string, title: string, intro: string, body: string): string {
  return `<section id="${id}"><h2>${title}</h2><p>${intro}</p>${body}</section>`
}

const withheldNote = (text: string) => `<p class="withheld">${esc(text)}</p>`

/**
 * The report as one HTML page: the headline, the ROC curves, churn by tier, the red band, the
 * weights and segments, and the save rate. Every text from the portal or the model is escaped.
 * @example
 * await writeFile('report.html', renderCalibrationHtml(report, { portal: 'the demo portal', model }))
 */
export function renderCalibrationHtml(
  report: CalibrationReport,
  options: CalibrationHtmlOptions,
): string {
  const { current, calibrated } = report
  const h = report.horizonDays
  const judged = !isWithheld(current)
  const fitNote =
    isWithheld(calibrated) && judged
      ? withheldNote(`Calibrated model: ${missing(calibrated)}.`)
      : ''
  const roc = section(
    'roc',
    'How well each model ranks churn (ROC)',
    `Each curve follows every cut-off on the score: up, the share of churns caught; across, the ` +
      `share of renewals wrongly flagged. Higher and further left is better; the dotted diagonal ` +
      `is a coin toss. The AUC is the chance that an account that churned scored below one that ` +
      `renewed. The dot on each curve is the red band (At risk + Critical). The calibrated ` +
      `model's scores are held-out: each outcome is scored by weights fitted without it.`,
    judged ? rocChart(report) + fitNote : withheldNote(missing(current)),
  )
  const tiers = section(
    'tiers',
    'Churn rate by tier, before and after',
    `Of the outcomes in each tier ${h} days before, the share that churned. A score that predicts ` +
      `churn has little of it in Healthy and much in At risk and Critical. Under each bar: churned ` +
      `of outcomes in that tier.`,
    judged ? tierChart(report, options.model) + fitNote : withheldNote(missing(current)),
  )
  const below = report.churnedBelowGreen
  const belowText =
    below.value === null
      ? `Churned accounts below green (not Healthy) 60–90 days before: ${tooFew(below.denominator)}.`
      : `Of the churned accounts, ${percent(below.value)} (${below.numerator} of ${below.denominator}) ` +
        `were below green (not Healthy) 60–90 days before.`
  const band = section(
    'band',
    'The red band: who gets flagged',
    `An account in At risk or Critical is flagged as likely to churn. Practitioners aim for the ` +
      `targets on the right; sensitivity and specificity are the quarterly audit's.`,
    bandTable(report) + `<p>${belowText}</p>`,
  )
  const weights = section(
    'weights',
    'Weights before and after',
    `Each component's share of the score, out of 100: the current model's, and the weights a ` +
      `regularised logistic regression fitted to these outcomes (cross-validated). A component ` +
      `whose higher score did not mean fewer churns gets 0.`,
    report.recommendedWeights
      ? weightsChart(report, options.model) + segmentsTable(report, options.model)
      : weightsChart(report, options.model) +
          withheldNote(`No weights were fitted: ${missing(calibrated)}.`),
  )
  const save = report.saveRateDetail
  const saveChart = saveRateChart(report)
  const saveRate = section(
    'save-rate',
    'Save rate: red accounts pulled back to green',
    `Of the accounts that went red (At risk or Critical) and whose ${save.windowDays}-day window ` +
      `has closed, the share back to Healthy within it; climbing to Neutral is not a save. ` +
      `Accounts red more recently are pending and not counted.` +
      (save.replayed
        ? ` ${plural(save.replayed, 'company', 'companies')} had no score history: their scores ` +
          `were replayed monthly over the past year.`
        : ''),
    saveChart ?? withheldNote('No account went red.'),
  )
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>Health score backtest: ${esc(report.modelVersion)} on ${esc(options.portal)}</title>` +
    `<style>${STYLES}</style></head><body><main>` +
    headline(report, options) +
    roc +
    tiers +
    band +
    weights +
    saveRate +
    `<footer>${report.apiCalls.total} API calls. Written by <code>health-score calibrate --report</code>; ` +
    `this page loads nothing from the network.</footer>` +
    `</main></body></html>\n`
  )
}
