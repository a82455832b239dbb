/**
 * @module Each component's weight before (the current model) and after (the recommendation), as
 * SVG bars, and the segments with weights of their own, as a table.
 */
import type { HealthModel } from '../../health/index.ts'
import type { CalibrationReport } from '../../operations/index.ts'
import { esc, fixed, SERIES, svgOpen, svgText } from './html.ts'

const LABEL = 190
const BAR_MAX = 520
const ROW = 46
const THICK = 15

/** A component's label in the model, or its id when the model does not name it. */
function labelOf(model: HealthModel, id: string): string {
  return model.components.find((c) => c.id === id)?.label ?? id
}

/**
 * The weights before and after, one pair of bars per component, on one scale.
 * @example
 * const svg = weightsChart(report, model)
 */
export function weightsChart(report: CalibrationReport, model: HealthModel): string {
  const ids = Object.keys(report.currentWeights)
  const after = report.recommendedWeights
  const largest = Math.max(
    10,
    ...ids.map((id) => Math.max(report.currentWeights[id] ?? 0, after?.[id] ?? 0)),
  )
  const top = Math.ceil(largest / 10) * 10
  const width = LABEL + BAR_MAX + 60
  const height = 34 + ids.length * ROW
  const scale = (w: number) => (w / top) * BAR_MAX
  const describe = ids
    .map(
      (id) =>
        `${labelOf(model, id)}: ${report.currentWeights[id]}${after ? ` → ${after[id] ?? 0}` : ''}.`,
    )
    .join(' ')
  const parts = [svgOpen(width, height, 'Component weights, current and recommended', describe)]
  parts.push(
    `<rect x="${LABEL}" y="6" width="14" height="14" fill="${SERIES.current.colour}"/>`,
    svgText(LABEL + 20, 18, 'current', 'class="legend"'),
  )
  if (after)
    parts.push(
      `<rect x="${LABEL + 100}" y="6" width="14" height="14" fill="${SERIES.calibrated.colour}"/>`,
      svgText(
        LABEL + 120,
        18,
        report.proposed ? 'recommended' : 'fitted (not proposed)',
        'class="legend"',
      ),
    )
  ids.forEach((id, i) => {
    const y = 34 + i * ROW
    const label = labelOf(model, id)
    parts.push(svgText(LABEL - 12, y + THICK + 4, label, 'text-anchor="end" class="group"'))
    const pairs: { weight: number; colour: string }[] = [
      { weight: report.currentWeights[id] ?? 0, colour: SERIES.current.colour },
    ]
    if (after) pairs.push({ weight: after[id] ?? 0, colour: SERIES.calibrated.colour })
    pairs.forEach((p, k) => {
      const by = y + k * (THICK + 3)
      const w = scale(p.weight)
      parts.push(
        `<rect x="${LABEL}" y="${by}" width="${fixed(w, 1)}" height="${THICK}" fill="${p.colour}">` +
          `<title>${esc(`${label}, ${k ? 'recommended' : 'current'}: ${p.weight}`)}</title></rect>`,
        svgText(LABEL + w + 6, by + THICK - 3, String(p.weight), 'class="value"'),
      )
    })
  })
  parts.push('</svg>')
  return parts.join('')
}

/**
 * The model's segments: their outcomes, and whether they got weights of their own (then their
 * weights before and after) or take the portal-wide ones (then why).
 * @example
 * const html = segmentsTable(report, model)
 */
export function segmentsTable(report: CalibrationReport, model: HealthModel): string {
  if (!report.segments.length) return ''
  const ids = Object.keys(report.currentWeights)
  const current = (segmentId: string): Readonly<Record<string, number>> =>
    model.segments.find((s) => s.id === segmentId)?.weights ?? report.currentWeights
  const name = (segmentId: string): string =>
    model.segments.find((s) => s.id === segmentId)?.label ??
    (model.defaultSegment.id === segmentId ? model.defaultSegment.label : segmentId)
  const head = ids.map((id) => `<th scope="col">${esc(labelOf(model, id))}</th>`).join('')
  const rows = report.segments.map((s) => {
    const lead =
      `<th scope="row">${esc(name(s.segmentId))}<span class="meaning">${esc(s.segmentId)}</span></th>` +
      `<td>${s.outcomes}<span class="meaning">${s.churned} churned</span></td>`
    if (!s.ownWeights || !s.weights)
      return (
        `<tr>${lead}<td colspan="${ids.length}" class="note">portal-wide weights: ` +
        `${esc(s.reason ?? 'no fit of its own')}</td></tr>`
      )
    const cells = ids
      .map((id) => `<td>${current(s.segmentId)[id] ?? 0} → <b>${s.weights![id] ?? 0}</b></td>`)
      .join('')
    return `<tr class="own">${lead}${cells}</tr>`
  })
  return (
    '<table class="segments"><caption>Segments: own weights where their outcomes beat the ' +
    'portal-wide fit (current → recommended)</caption>' +
    `<thead><tr><th scope="col" class="segment">Segment</th><th scope="col" class="outcomes">Outcomes</th>${head}</tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  )
}
