/**
 * @module The red band's (At risk + Critical) precision, recall, lift, sensitivity and specificity,
 * current and calibrated, beside the targets practitioners aim for, as an HTML table.
 */
import { RED_TIERS } from '../../health/index.ts'
import type {
  CalibrationChart,
  CalibrationMetrics,
  CalibrationReport,
} from '../../operations/index.ts'
import { esc, fixed, isWithheld, missing, percent } from './html.ts'

interface Counts {
  readonly red: number
  readonly redChurned: number
  readonly churned: number
  readonly renewed: number
  readonly renewedNotRed: number
}

function countsOf(chart: CalibrationChart): Counts {
  const all = Object.values(chart.tiers)
  const outcomes = all.reduce((n, t) => n + t.outcomes, 0)
  const churned = all.reduce((n, t) => n + t.churned, 0)
  const red = RED_TIERS.reduce((n, t) => n + chart.tiers[t].outcomes, 0)
  const redChurned = RED_TIERS.reduce((n, t) => n + chart.tiers[t].churned, 0)
  const renewed = outcomes - churned
  return { red, redChurned, churned, renewed, renewedNotRed: renewed - (red - redChurned) }
}

interface Row {
  readonly label: string
  readonly meaning: string
  readonly target: { readonly text: string; readonly met: (value: number) => boolean }
  readonly value: (m: CalibrationMetrics) => number | null
  readonly show: (value: number, c: Counts | null) => string
}

const share = (value: number, of: (c: Counts) => [number, number], c: Counts | null) => {
  if (!c) return percent(value)
  const [n, d] = of(c)
  return `${percent(value)} <span class="count">(${n} of ${d})</span>`
}

const ROWS: readonly Row[] = [
  {
    label: 'Precision',
    meaning: 'of the accounts in the red band, the share that churned',
    target: { text: '≥ 70%', met: (v) => v >= 0.7 },
    value: (m) => m.redPrecision,
    show: (v, c) => share(v, (k) => [k.redChurned, k.red], c),
  },
  {
    label: 'Recall',
    meaning: 'of the churned accounts, the share the red band caught',
    target: { text: '≥ 60%', met: (v) => v >= 0.6 },
    value: (m) => m.redRecall,
    show: (v, c) => share(v, (k) => [k.redChurned, k.churned], c),
  },
  {
    label: 'Lift',
    meaning: "the red band's churn rate over the base rate",
    target: { text: '≥ 3×', met: (v) => v >= 3 },
    value: (m) => m.lift,
    show: (v) => `${fixed(v, 1)}×`,
  },
  {
    label: 'Sensitivity',
    meaning: 'churns flagged at the tier threshold (the same as recall)',
    target: { text: '> 75%', met: (v) => v > 0.75 },
    value: (m) => m.sensitivity,
    show: (v, c) => share(v, (k) => [k.redChurned, k.churned], c),
  },
  {
    label: 'Specificity',
    meaning: 'of the renewed accounts, the share left out of the red band',
    target: { text: '> 70%', met: (v) => v > 0.7 },
    value: (m) => m.specificity,
    show: (v, c) => share(v, (k) => [k.renewedNotRed, k.renewed], c),
  },
]

/**
 * The red band's figures as a table; a figure with too few outcomes behind it says so instead.
 * @example
 * const html = bandTable(report)
 */
export function bandTable(report: CalibrationReport): string {
  const models = [
    { metrics: report.current, chart: report.charts.current },
    { metrics: report.calibrated, chart: report.charts.calibrated },
  ]
  const cell = (row: Row, m: CalibrationMetrics, chart: CalibrationChart | null): string => {
    const value = row.value(m)
    if (value === null)
      return `<td class="withheld">${esc(isWithheld(m) ? missing(m) : 'not defined here')}</td>`
    const met = row.target.met(value)
    return (
      `<td class="${met ? 'met' : 'unmet'}">${row.show(value, chart ? countsOf(chart) : null)} ` +
      `<span class="mark">${met ? '✓ meets' : '✗ below'}</span></td>`
    )
  }
  const body = ROWS.map(
    (row) =>
      `<tr><th scope="row">${row.label}<span class="meaning">${esc(row.meaning)}</span></th>` +
      models.map((model) => cell(row, model.metrics, model.chart)).join('') +
      `<td class="target">${esc(row.target.text)}</td></tr>`,
  ).join('')
  return (
    '<table class="band"><caption>The red band (At risk + Critical), on the same outcomes</caption>' +
    '<thead><tr><th scope="col">Figure</th><th scope="col">Current model</th>' +
    '<th scope="col">Calibrated (held-out)</th><th scope="col">Target</th></tr></thead>' +
    `<tbody>${body}</tbody></table>`
  )
}
