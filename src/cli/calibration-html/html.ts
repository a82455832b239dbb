/**
 * @module The pieces every part of the calibrate HTML report shares: escaping, number wording, the
 * tiers as the card shows them, and the sentence a withheld figure gets.
 */
import type { TierId } from '../../health/index.ts'
import { MIN_OUTCOMES } from '../../health/index.ts'
import type { CalibrationMetrics } from '../../operations/index.ts'

/**
 * `text` made safe inside an HTML or SVG element or a quoted attribute.
 * @example
 * esc('<script>"x" & y</script>') // '&lt;script&gt;&quot;x&quot; &amp; y&lt;/script&gt;'
 */
export function esc(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/**
 * A share as a person reads it: whole percents, one decimal under 10 %.
 * @example
 * percent(0.04) // '4.0%'
 */
export function percent(value: number): string {
  return `${(100 * value).toFixed(value < 0.1 && value > 0 ? 1 : 0)}%`
}

/**
 * A number to `digits` decimals, for SVG coordinates and AUCs.
 * @example
 * fixed(0.8607, 3) // '0.861'
 */
export const fixed = (value: number, digits = 2): string => value.toFixed(digits)

/**
 * What stands where a figure is withheld because it rests on too few outcomes.
 * @example
 * tooFew(12) // 'too few outcomes to judge (12)'
 */
export const tooFew = (outcomes: number): string => `too few outcomes to judge (${outcomes})`

/**
 * Why a model's figure is missing: too few outcomes under 30, else the operation's reason.
 * @example
 * missing(report.calibrated) // 'too few outcomes to judge (12)'
 */
export function missing(m: CalibrationMetrics): string {
  return m.outcomes < MIN_OUTCOMES ? tooFew(m.outcomes) : (m.reason ?? 'not measured')
}

/**
 * True when a model's figures are all withheld (too few outcomes, or nothing was fitted).
 * @example
 * if (isWithheld(report.current)) return missing(report.current)
 */
export const isWithheld = (m: CalibrationMetrics): boolean =>
  m.redRecall === null && m.specificity === null

/** The tiers as the card shows them: its label and its colour (green, yellow, orange, red). */
export const TIER_STYLE = {
  healthy: { label: 'Healthy', colour: '#2e9e5b' },
  neutral: { label: 'Neutral', colour: '#e8b923' },
  at_risk: { label: 'At risk', colour: '#ee7b23' },
  critical: { label: 'Critical', colour: '#d9363e' },
} as const satisfies Record<TierId, { label: string; colour: string }>

/** The two models' colours, away from the tiers' own. */
export const SERIES = {
  current: { label: 'Current model', colour: '#516f90' },
  calibrated: { label: 'Calibrated (held-out)', colour: '#7b3fe4' },
} as const

/**
 * An SVG opening tag with the title and description a screen reader announces.
 * @example
 * svgOpen(400, 300, 'Save rate', '5 of 264 red accounts saved') + '…</svg>'
 */
export function svgOpen(width: number, height: number, title: string, desc: string): string {
  return (
    `<svg viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img">` +
    `<title>${esc(title)}</title><desc>${esc(desc)}</desc>`
  )
}

/**
 * An SVG text element; `attrs` are written as they are, the text escaped.
 * @example
 * svgText(10, 20, label, 'class="legend"')
 */
export function svgText(x: number, y: number, text: string, attrs = ''): string {
  return `<text x="${fixed(x, 1)}" y="${fixed(y, 1)}"${attrs ? ` ${attrs}` : ''}>${esc(text)}</text>`
}
