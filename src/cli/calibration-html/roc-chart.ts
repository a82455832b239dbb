/** @module The ROC curves of the current and the calibrated model, with the diagonal, as SVG. */
import type { CalibrationMetrics, CalibrationReport } from '../../operations/index.ts'
import { esc, fixed, missing, percent, SERIES, svgOpen, svgText } from './html.ts'

/** Where the curves are drawn inside the SVG: every curve point lies in this square. */
export const ROC_PLOT = { x: 64, y: 16, size: 360 } as const

const WIDTH = 820
const HEIGHT = ROC_PLOT.y + ROC_PLOT.size + 52
/** The legend's left edge, right of the plot. */
const KEY_X = ROC_PLOT.x + ROC_PLOT.size + 44

const px = (fpr: number) => ROC_PLOT.x + fpr * ROC_PLOT.size
const py = (tpr: number) => ROC_PLOT.y + (1 - tpr) * ROC_PLOT.size

function aucLegend(m: CalibrationMetrics): string {
  if (m.auc === null) return missing(m)
  const interval =
    m.aucLow === null || m.aucHigh === null ? '' : ` (95% ${fixed(m.aucLow)}–${fixed(m.aucHigh)})`
  return `AUC ${fixed(m.auc)}${interval}`
}

/**
 * The ROC section's SVG: each model's curve (held-out for the calibrated one), the chance diagonal,
 * the red band's operating point on each curve, and a legend with each AUC and its interval.
 * @example
 * const svg = rocChart(report)
 */
export function rocChart(report: CalibrationReport): string {
  const series = [
    { key: 'current', metrics: report.current, chart: report.charts.current },
    { key: 'calibrated', metrics: report.calibrated, chart: report.charts.calibrated },
  ] as const
  const parts: string[] = [
    svgOpen(
      WIDTH,
      HEIGHT,
      'ROC curves of the current and the calibrated model',
      series
        .map((s) => `${SERIES[s.key].label}: ${aucLegend(s.metrics)}.`)
        .concat('The diagonal is a coin toss.')
        .join(' '),
    ),
  ]
  const { x, y, size } = ROC_PLOT
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    parts.push(
      `<line class="grid" x1="${px(tick)}" y1="${y}" x2="${px(tick)}" y2="${y + size}"/>`,
      `<line class="grid" x1="${x}" y1="${py(tick)}" x2="${x + size}" y2="${py(tick)}"/>`,
      svgText(px(tick), y + size + 18, percent(tick), 'text-anchor="middle" class="tick"'),
      svgText(x - 8, py(tick) + 4, percent(tick), 'text-anchor="end" class="tick"'),
    )
  }
  parts.push(
    `<rect class="frame" x="${x}" y="${y}" width="${size}" height="${size}"/>`,
    `<line class="chance" x1="${px(0)}" y1="${py(0)}" x2="${px(1)}" y2="${py(1)}"><title>A coin toss: AUC 0.50</title></line>`,
    svgText(
      x + size / 2,
      y + size + 40,
      'Renewals flagged as churn (false-positive rate)',
      'text-anchor="middle" class="axis"',
    ),
    svgText(
      x - 46,
      y + size / 2,
      'Churns caught (true-positive rate)',
      `text-anchor="middle" class="axis" transform="rotate(-90 ${x - 46} ${y + size / 2})"`,
    ),
  )
  series.forEach((s, i) => {
    const { colour, label } = SERIES[s.key]
    const points = s.chart?.roc ?? []
    if (points.length) {
      const d = points
        .map((p, k) => `${k ? 'L' : 'M'}${fixed(px(p.fpr), 1)},${fixed(py(p.tpr), 1)}`)
        .join(' ')
      parts.push(
        `<path class="roc ${s.key}" d="${d}" stroke="${colour}"><title>${esc(`${label}: ${aucLegend(s.metrics)}`)}</title></path>`,
      )
    }
    const m = s.metrics
    if (points.length && m.sensitivity !== null && m.specificity !== null)
      parts.push(
        `<circle class="operating" cx="${fixed(px(1 - m.specificity), 1)}" cy="${fixed(py(m.sensitivity), 1)}" r="5" fill="${colour}">` +
          `<title>${esc(`${label}, red band: catches ${percent(m.sensitivity)} of churns, flags ${percent(1 - m.specificity)} of renewals`)}</title></circle>`,
      )
    const ly = y + 24 + i * 58
    parts.push(
      `<line x1="${KEY_X}" y1="${ly - 4}" x2="${KEY_X + 28}" y2="${ly - 4}" stroke="${colour}" class="legend-line ${s.key}"/>`,
      svgText(KEY_X + 38, ly, label, 'class="group"'),
      svgText(KEY_X + 38, ly + 20, aucLegend(m), 'class="legend"'),
    )
  })
  const ky = y + 24 + 2 * 58
  parts.push(
    `<circle class="operating" cx="${KEY_X + 14}" cy="${ky - 4}" r="5" fill="#7c98b6"/>`,
    svgText(KEY_X + 38, ky, 'The red band: where the tier threshold cuts', 'class="legend"'),
    `<line class="chance" x1="${KEY_X}" y1="${ky + 22}" x2="${KEY_X + 28}" y2="${ky + 22}"/>`,
    svgText(KEY_X + 38, ky + 26, 'A coin toss (AUC 0.50)', 'class="legend"'),
    '</svg>',
  )
  return parts.join('')
}
