/** @module Churn rate by tier, before (current model) and after (calibrated), as grouped SVG bars. */
import type { HealthModel, TierId } from '../../health/index.ts'
import { MIN_OUTCOMES, TIERS } from '../../health/index.ts'
import type {
  CalibrationChart,
  CalibrationMetrics,
  CalibrationReport,
} from '../../operations/index.ts'
import {
  esc,
  fixed,
  isWithheld,
  missing,
  percent,
  SERIES,
  svgOpen,
  svgText,
  TIER_STYLE,
} from './html.ts'

const PLOT = { x: 56, y: 56, width: 760, height: 220 } as const
const BAR = 60
const GAP = 10
const WIDTH = PLOT.x + PLOT.width + 16
const HEIGHT = PLOT.y + PLOT.height + 76

/**
 * Each tier's score range, as the model bounds it.
 * @example
 * tierRange(model, 'neutral') // '50–74'
 */
export function tierRange(model: HealthModel, tier: TierId): string {
  const { healthy, neutral, at_risk } = model.tiers
  if (tier === 'healthy') return `${healthy}–100`
  if (tier === 'neutral') return `${neutral}–${healthy - 1}`
  if (tier === 'at_risk') return `${at_risk}–${neutral - 1}`
  return `0–${at_risk - 1}`
}

interface Bar {
  readonly key: 'current' | 'calibrated'
  readonly metrics: CalibrationMetrics
  readonly chart: CalibrationChart | null
}

/**
 * The churn rate of each tier under each model, each bar in its tier's colour (the current
 * model's pale, the calibrated one's solid), labelled with the rate and churned of outcomes.
 * @example
 * const svg = tierChart(report, model)
 */
export function tierChart(report: CalibrationReport, model: HealthModel): string {
  const bars: readonly Bar[] = [
    { key: 'current', metrics: report.current, chart: report.charts.current },
    { key: 'calibrated', metrics: report.calibrated, chart: report.charts.calibrated },
  ]
  const describe = TIERS.map((tier) => {
    const said = bars.map((b) => `${SERIES[b.key].label} ${rateText(b, tier)}`).join(', ')
    return `${TIER_STYLE[tier].label}: ${said}.`
  }).join(' ')
  const parts = [svgOpen(WIDTH, HEIGHT, 'Churn rate by tier, current and calibrated', describe)]
  const y = (rate: number) => PLOT.y + (1 - rate) * PLOT.height
  for (const tick of [0, 0.25, 0.5, 0.75, 1])
    parts.push(
      `<line class="grid" x1="${PLOT.x}" y1="${y(tick)}" x2="${PLOT.x + PLOT.width}" y2="${y(tick)}"/>`,
      svgText(PLOT.x - 8, y(tick) + 4, percent(tick), 'text-anchor="end" class="tick"'),
    )
  const group = PLOT.width / TIERS.length
  TIERS.forEach((tier, t) => {
    const { colour, label } = TIER_STYLE[tier]
    const left = PLOT.x + t * group + (group - 2 * BAR - GAP) / 2
    bars.forEach((b, k) => {
      const x = left + k * (BAR + GAP)
      const rate = b.metrics.churnRateByTier[tier]
      const tally = b.chart?.tiers[tier]
      const mid = x + BAR / 2
      // @note A tier's rate is not withheld by its own count (the operation withholds the whole
      // model only), so a bar resting on few outcomes is outlined dashed to say it says little.
      const few = tally !== undefined && tally.outcomes < MIN_OUTCOMES
      if (rate !== null) {
        const top = y(rate)
        parts.push(
          `<rect class="bar ${b.key}${few ? ' few' : ''}" x="${fixed(x, 1)}" y="${fixed(top, 1)}" width="${BAR}" height="${fixed(PLOT.y + PLOT.height - top, 1)}" fill="${colour}" stroke="${colour}">` +
            `<title>${esc(`${label}, ${SERIES[b.key].label.toLowerCase()}: ${rateText(b, tier)}`)}</title></rect>`,
          svgText(mid, top - 6, percent(rate), 'text-anchor="middle" class="value"'),
        )
      } else {
        const none = isWithheld(b.metrics) ? '—' : 'none'
        parts.push(
          svgText(mid, PLOT.y + PLOT.height - 8, none, 'text-anchor="middle" class="note"'),
        )
      }
      parts.push(
        svgText(
          mid,
          PLOT.y + PLOT.height + 16,
          b.key === 'current' ? 'current' : 'calibrated',
          'text-anchor="middle" class="tick"',
        ),
        svgText(
          mid,
          PLOT.y + PLOT.height + 31,
          tally ? `${tally.churned} of ${tally.outcomes}` : '—',
          'text-anchor="middle" class="count"',
        ),
      )
    })
    parts.push(
      svgText(
        PLOT.x + t * group + group / 2,
        PLOT.y + PLOT.height + 54,
        `${label} (${tierRange(model, tier)})`,
        'text-anchor="middle" class="group"',
      ),
    )
  })
  parts.push(
    `<line class="frame" x1="${PLOT.x}" y1="${PLOT.y + PLOT.height}" x2="${PLOT.x + PLOT.width}" y2="${PLOT.y + PLOT.height}"/>`,
    `<rect class="bar current" x="${PLOT.x}" y="8" width="14" height="14" fill="#7c98b6" stroke="#7c98b6"/>`,
    svgText(PLOT.x + 20, 20, 'pale: current model', 'class="legend"'),
    `<rect class="bar calibrated" x="${PLOT.x + 170}" y="8" width="14" height="14" fill="#7c98b6"/>`,
    svgText(PLOT.x + 190, 20, 'solid: calibrated (held-out)', 'class="legend"'),
    `<rect class="bar few" x="${PLOT.x + 400}" y="8" width="14" height="14" fill="#ffffff"/>`,
    svgText(
      PLOT.x + 420,
      20,
      `dashed outline: under ${MIN_OUTCOMES} outcomes, says little`,
      'class="legend"',
    ),
    '</svg>',
  )
  return parts.join('')
}

function rateText(b: Bar, tier: TierId): string {
  const rate = b.metrics.churnRateByTier[tier]
  const tally = b.chart?.tiers[tier]
  if (rate === null) return isWithheld(b.metrics) ? missing(b.metrics) : 'no outcomes in this tier'
  const few = (tally?.outcomes ?? 0) < MIN_OUTCOMES ? ', too few to say much' : ''
  return `${percent(rate)} churned (${tally?.churned ?? 0} of ${tally?.outcomes ?? 0}${few})`
}
