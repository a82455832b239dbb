/**
 * Calibration ceiling: how well any score could predict the demo portal's renewals, against how
 * well the engine does. The demo draws each renewal from a hidden churn probability (its latent
 * health on the renewal day, against its segment's midpoint); its observables are drawn, with
 * noise, from the latent health at the moment they describe. On the outcomes `calibrate` judges
 * (the same gather, horizon and coverage rule), it ranks them by:
 * - the hidden churn probability on the renewal day (an oracle that knows the future);
 * - the hidden latent health at the scoring moment, against the segment's midpoint (an oracle that
 *   knows everything the score could know, without the noise of measuring it);
 * - the current model's score, and the calibrated weights' held-out score (portal-wide weights).
 * For each: AUC, the most recall any threshold reaches with precision ≥ 0.70, and the precision at
 * recall 0.60 (both in-sample thresholds: a ceiling, not a backtest).
 * Run: npx tsx bench/calibration-ceiling.ts [--companies 2000] [--seed 1] [--horizon 90]
 */
import { parseArgs } from 'node:util'

import { createEmulator } from '@health-score/hubspot-emulator'
import { setupServer } from 'msw/node'

import {
  churnProbability,
  type CompanyTruth,
  generateDemoPortal,
  latentOnDate,
  SEGMENT_PROFILES,
} from '../src/demo/index.ts'
import {
  DEFAULT_OUTCOME_RULE,
  getDefaultModel,
  recommendWeights,
  rocAuc,
  scoreCompany,
  snapshotAsOf,
} from '../src/health/index.ts'
import { createConnection, gatherHistory } from '../src/hubspot/index.ts'

const DAY_MS = 86_400_000
const { values } = parseArgs({
  options: {
    companies: { type: 'string', default: '2000' },
    seed: { type: 'string', default: '1' },
    horizon: { type: 'string', default: '90' },
  },
})
const companies = Number(values.companies)
const seed = Number(values.seed)
const horizon = Number(values.horizon)

interface Row {
  readonly churned: boolean
  readonly score: number
  readonly components: Readonly<Record<string, number | null>>
  /** The hidden churn probability on the renewal day. */
  readonly pRenewal: number
  /** The hidden latent health at the scoring moment, above the segment's midpoint. */
  readonly marginAtScoring: number
}

const { fixture, truth } = generateDemoPortal({ companies, seed })
const asOf = Date.parse(fixture.asOf)
const truthOf = new Map<string, CompanyTruth>(truth.map((t) => [t.companyId, t]))
const midpoint = new Map(SEGMENT_PROFILES.map((p) => [p.segment, p.churnMidpoint]))
// The emulator's clock stays at the fixture's moment, so the portal's dates are the truth's.
const emulator = createEmulator({ fixture, now: () => asOf, rateLimit: 1e9, dailyLimit: 1e9 })
const server = setupServer(...emulator.handlers)
server.listen({ onUnhandledRequest: 'error' })
const connection = createConnection({
  accessToken: 'emulator-token',
  basePath: 'http://hubspot.bench',
  rateLimit: 1e7,
  searchPerSecond: 1e7,
  maxConcurrent: 32,
})
const model = getDefaultModel()
const rows: Row[] = []
for await (const page of gatherHistory(connection, { model, outcomes: DEFAULT_OUTCOME_RULE })) {
  for (const { company, outcomes } of page.companies) {
    const hidden = truthOf.get(company.companyId)!
    for (const outcome of outcomes ?? []) {
      const at = outcome.at - horizon * DAY_MS
      const scored = scoreCompany(snapshotAsOf(company, at, model), model)
      if (!scored.success) continue
      const { components, score } = scored.value
      // calibrate's coverage rule: data for at least 60 % of the components.
      if (components.filter((c) => c.score !== null).length < 0.6 * components.length) continue
      const renewal = hidden.renewals.find((r) => r.dealId === outcome.dealId)
      if (!renewal || renewal.latent === null)
        throw new Error(`no hidden renewal for ${outcome.dealId}`)
      const mid = midpoint.get(hidden.segment)!
      rows.push({
        churned: outcome.kind === 'churned',
        score,
        components: Object.fromEntries(components.map((c) => [c.id, c.score])),
        pRenewal: churnProbability(renewal.latent, mid),
        marginAtScoring: latentOnDate(hidden, new Date(at).toISOString(), fixture.asOf) - mid,
      })
    }
  }
}
server.close()
await connection.close()

const y = rows.map((r) => r.churned)
const churned = y.filter(Boolean).length

/** AUC, the most recall at precision ≥ 0.70, the precision at recall ≥ 0.60, and PR points. */
function ceiling(risk: readonly number[]) {
  const order = risk.map((_, i) => i).sort((a, b) => risk[b]! - risk[a]!)
  let tp = 0
  let called = 0
  let recallAt70 = 0
  let precisionAt60: number | null = null
  const curve: string[] = []
  const marks = [0.2, 0.4, 0.6, 0.8]
  for (let k = 0; k < order.length; k++) {
    called++
    if (y[order[k]!]) tp++
    // Tied risks are called together.
    if (k + 1 < order.length && risk[order[k + 1]!] === risk[order[k]!]) continue
    const precision = tp / called
    const recall = tp / churned
    if (precision >= 0.7) recallAt70 = Math.max(recallAt70, recall)
    if (precisionAt60 === null && recall >= 0.6) precisionAt60 = precision
    while (marks.length && recall >= marks[0]!)
      curve.push(`R${marks.shift()} P${precision.toFixed(2)}`)
  }
  return { auc: rocAuc(risk, y).auc!, recallAt70, precisionAt60: precisionAt60 ?? 0, curve }
}

const currentWeights = Object.fromEntries(model.model.components.map((c) => [c.id, c.weight]))
const fit = recommendWeights(
  { currentWeights, rows: rows.map((r) => ({ scores: r.components, churned: r.churned })) },
  { bootstrapRounds: 100 },
)
const candidates: [string, number[]][] = [
  ['oracle: churn probability at renewal', rows.map((r) => r.pRenewal)],
  [`oracle: latent health ${horizon} days before`, rows.map((r) => -r.marginAtScoring)],
  ['current model', rows.map((r) => 100 - r.score)],
]
if (fit.recommended)
  candidates.push([
    'calibrated (held-out, portal-wide)',
    fit.recommended.heldOutScores.map((s) => 100 - (s ?? 50)),
  ])

console.log(
  `${companies}-company demo portal, seed ${seed}, horizon ${horizon} days: ${rows.length} outcomes, ` +
    `${churned} churned (base rate ${(churned / rows.length).toFixed(3)})`,
)
console.log(`${''.padEnd(40)}AUC    max recall @ P≥0.70   P @ R≥0.60   PR curve`)
for (const [label, risk] of candidates) {
  const c = ceiling(risk)
  console.log(
    `${label.padEnd(40)}${c.auc.toFixed(3)}  ${c.recallAt70.toFixed(3).padEnd(20)}  ` +
      `${c.precisionAt60.toFixed(3).padEnd(11)}  ${c.curve.join(', ')}`,
  )
}
