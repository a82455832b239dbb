/**
 * @module The save rate: accounts that went red, those back to Healthy within the window, and
 * those still inside it (pending, not counted), as one stacked SVG bar. The rate itself is
 * withheld under 30 red accounts.
 */
import { MIN_OUTCOMES } from '../../health/index.ts'
import type { CalibrationReport } from '../../operations/index.ts'
import { esc, fixed, percent, svgOpen, svgText, TIER_STYLE, tooFew } from './html.ts'

const X = 16
const BAR_WIDTH = 760
const BAR_Y = 34
const THICK = 34

/**
 * The save rate's bar, or null when no account went red or is pending.
 * @example
 * const svg = saveRateChart(report)
 */
export function saveRateChart(report: CalibrationReport): string | null {
  const { red, saved, pending, windowDays } = report.saveRateDetail
  const total = red + pending
  if (!total) return null
  const pieces = [
    {
      label: 'saved',
      n: saved,
      colour: TIER_STYLE.healthy.colour,
      says: `back to Healthy within ${windowDays} days`,
    },
    {
      label: 'not saved',
      n: red - saved,
      colour: TIER_STYLE.critical.colour,
      says: `not back to Healthy within ${windowDays} days`,
    },
    {
      label: 'pending',
      n: pending,
      colour: '#b8c4d2',
      says: `red less than ${windowDays} days ago, not yet saved: not counted`,
    },
  ]
  const describe = pieces.map((p) => `${p.n} ${p.label}: ${p.says}.`).join(' ')
  const parts = [
    svgOpen(X * 2 + BAR_WIDTH, 112, 'Save rate: red accounts back to Healthy', describe),
  ]
  let x = X
  for (const p of pieces) {
    const w = (p.n / total) * BAR_WIDTH
    if (w > 0)
      parts.push(
        `<rect x="${fixed(x, 1)}" y="${BAR_Y}" width="${fixed(w, 1)}" height="${THICK}" fill="${p.colour}">` +
          `<title>${esc(`${p.n} ${p.label}: ${p.says}`)}</title></rect>`,
      )
    x += w
  }
  let lx = X
  for (const p of pieces) {
    parts.push(
      `<rect x="${lx}" y="${BAR_Y + THICK + 16}" width="14" height="14" fill="${p.colour}"/>`,
      svgText(lx + 20, BAR_Y + THICK + 28, `${p.n} ${p.label}`, 'class="legend"'),
    )
    lx += 170
  }
  // @note Under 30 red accounts the rate is withheld, as the backtest's figures are: the counts stay.
  const headline =
    report.saveRate === null
      ? `No red account's window has closed yet`
      : red < MIN_OUTCOMES
        ? `Save rate: ${tooFew(red)}; ${saved} of ${red} red accounts back to Healthy`
        : `Save rate ${percent(report.saveRate)}: ${saved} of ${red} red accounts back to Healthy`
  parts.push(svgText(X, 22, headline, 'class="group"'), '</svg>')
  return parts.join('')
}
