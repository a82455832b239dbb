/**
 * @module Calibrate: backtest a model against a portal's renewal outcomes, and recommend weights.
 *
 * Each outcome (a renewal won or lost, by the outcome rule) is judged by the score the company
 * would have had `horizonDays` before it, rebuilt from its history (`snapshotAsOf`) and scored by
 * the engine exactly as today. One row per outcome: a company that renewed twice and then churned
 * gives three. The current model's figures are those engine scores as they stand (it is not fitted,
 * so there is nothing to hold out). The calibrated model's figures are held-out: each row is scored
 * by weights fitted on the other folds (`recommendWeights`). A segment of the model gets weights of
 * its own when its outcomes allow a fit and that fit beats the portal-wide one on the segment's
 * held-out rows; the other segments take the portal-wide weights.
 *
 * The recommendation is proposed only when its held-out AUC beats the current model's. Figures
 * resting on fewer than 30 outcomes are null, with the reason. Its red band may move too
 * (`calibrate-bands.ts`): "At risk below X" at the X that catches the most churn while 70 % of red
 * accounts churn, chosen on training folds and kept only when it beats the current X held-out.
 *
 * Save rate: from each company's `health_score` history; a company without one (the demo, a new
 * install) has its scores replayed monthly over the past year (`replayScores`). A company that
 * churned counts only up to its churn: after it, its scores are a former customer's.
 */
import { z } from 'zod'

import type {
  CompiledModel,
  HealthModel,
  ModelCalibration,
  Outcome,
  OutcomeRule,
  TierId,
  WeightRecommendation,
} from '../health/index.ts'
import {
  bandMetrics,
  bootstrapAuc,
  DEFAULT_SAVE_WINDOW_DAYS,
  formatIssues,
  MIN_OUTCOMES,
  outcomeRuleSchema,
  parseModel,
  recommendWeights,
  replayScores,
  saveRate,
  TIERS,
} from '../health/index.ts'
import type { HubSpotConnection } from '../hubspot/index.ts'
import { type BandRecommendation, chooseBands, tierAt, withTiers } from './calibrate-bands.ts'
import { type CalibrationChart, calibrationChart } from './calibration-charts.ts'
import { callback, parseOptions, present } from './operation-options.ts'
import { scoreOutcomes } from './score-outcomes.ts'

const DAY_MS = 86_400_000

/** The horizons a backtest scores at, in days before each outcome. */
export const CALIBRATE_HORIZONS = [30, 60, 90, 180] as const
export type HorizonDays = (typeof CALIBRATE_HORIZONS)[number]

/** How far the gather has come, once per page. */
export interface CalibrateProgress {
  readonly companies: number
  readonly outcomes: number
}

/** What `calibrate` takes. */
export interface CalibrateOptions {
  readonly connection: HubSpotConnection
  /** The model to backtest, and to start the fit from. */
  readonly model: CompiledModel
  /** Days before each outcome the company is scored. Default 90. */
  readonly horizonDays?: HorizonDays
  /** How renewals are recorded. Default: renewal deals (`DEFAULT_OUTCOME_RULE`). */
  readonly outcomes?: OutcomeRule
  /** Cross-validation folds, 2–20. Default 5. */
  readonly folds?: number
  /** Seeds the folds and the bootstrap. Default 1. */
  readonly seed?: number
  /** Bootstrap rounds for the AUC intervals, 100–10,000. Default 1,000. */
  readonly bootstrapRounds?: number
  /**
   * Outcomes whose company had data for less than this share (percent) of the model's components
   * at the horizon, whatever their weights, are left out and counted in `thinData`: a past the
   * portal's history cannot rebuild (an outcome older than the history of most inputs) tells
   * nothing about the weights. Default 60: on the demo portal, renewals from before its simulated
   * history have data for 3 of 6 components, and every later one for 6.
   */
  readonly minCoverage?: number
  /**
   * The red band's precision floor: the recommended model moves "At risk below X" to the X that
   * catches the most churn while that share of its red companies churned (chosen on training
   * folds, figures held-out); null keeps the model's tiers. Default 0.7.
   */
  readonly redPrecisionTarget?: number | null
  /** The moment of the backtest, epoch ms: later outcomes are ignored. Default: now. */
  readonly now?: number
  readonly onProgress?: (progress: CalibrateProgress) => void
}

const whole = (min: number, max: number) =>
  z
    .number('must be a number')
    .int('must be a whole number')
    .min(min, `must be ≥ ${min}`)
    .max(max, `must be ≤ ${max}`)

/** The options every backtest takes (`calibrate`, `backtestModels`), checked the same way. */
export const BACKTEST_FIELDS = {
  connection: present<HubSpotConnection>('a connection from createConnection', ['call', 'calls']),
  horizonDays: z
    .literal(CALIBRATE_HORIZONS, { error: 'must be 30, 60, 90 or 180 days' })
    .optional(),
  outcomes: outcomeRuleSchema.optional(),
  seed: whole(0, 2_147_483_647).optional(),
  bootstrapRounds: whole(100, 10_000).optional(),
  minCoverage: z
    .number('must be a number')
    .min(0, 'must be ≥ 0')
    .max(100, 'must be ≤ 100')
    .optional(),
  now: z.number('must be epoch milliseconds').int('must be epoch milliseconds').min(0).optional(),
}

/** `calibrate`'s options. */
export const CALIBRATE_OPTIONS: z.ZodType<CalibrateOptions> = z.strictObject({
  ...BACKTEST_FIELDS,
  model: present<CompiledModel>('a compiled model (compileModel, getDefaultModel)', ['model']),
  folds: whole(2, 20).optional(),
  redPrecisionTarget: z
    .number('must be a number or null')
    .gt(0, 'must be > 0')
    .max(1, 'must be ≤ 1')
    .nullable()
    .optional(),
  onProgress: callback<(progress: CalibrateProgress) => void>().optional(),
})

/** How well one model's scores predicted the outcomes. Null figures come with `reason`. */
export interface CalibrationMetrics {
  /** The outcomes the figures rest on. */
  readonly outcomes: number
  readonly auc: number | null
  readonly aucLow: number | null
  readonly aucHigh: number | null
  readonly redPrecision: number | null
  readonly redRecall: number | null
  /** The red band's churn rate over the base rate. */
  readonly lift: number | null
  readonly sensitivity: number | null
  readonly specificity: number | null
  readonly churnRateByTier: Readonly<Record<TierId, number | null>>
  /**
   * Outcomes these weights could not score (below the model's `minCoverage`): ranked nowhere and
   * counted Neutral. Always 0 for the current model, whose unscored outcomes are left out.
   */
  readonly unscorable: number
  /** Why figures are null, when the whole set is withheld. */
  readonly reason: string | null
}

/** A share with the counts behind it; null (with the reason) when too few to judge. */
export interface CountedShare {
  readonly value: number | null
  readonly numerator: number
  readonly denominator: number
  readonly reason: string | null
}

/** One segment's weights in the recommended model. */
export interface SegmentCalibration {
  readonly segmentId: string
  readonly outcomes: number
  readonly churned: number
  /** True when the segment got weights fitted to its own outcomes. */
  readonly ownWeights: boolean
  readonly weights: Readonly<Record<string, number>> | null
  /** Why it takes the portal-wide weights, when it does. */
  readonly reason: string | null
}

/** What `calibrate` found: the DESIGN.md `calibrate --json` contract, and more. */
export interface CalibrationReport {
  /** Companies with at least one outcome scored. */
  readonly accounts: number
  /** Outcomes scored: one per renewal decision. */
  readonly outcomes: number
  /** Outcomes that were churn. */
  readonly churned: number
  /** Churned over outcomes; null when too few to judge. */
  readonly baseRate: number | null
  readonly horizonDays: HorizonDays
  readonly current: CalibrationMetrics
  readonly calibrated: CalibrationMetrics
  /** The portal-wide recommended weights by component, or null when nothing could be fitted. */
  readonly recommendedWeights: Readonly<Record<string, number>> | null
  /**
   * The red boundary the recommended model uses (chosen for `redPrecisionTarget`); `calibrated`
   * is measured with it. Null when nothing was fitted or the target is null.
   */
  readonly recommendedBands: BandRecommendation | null
  /** The current weights by component, for comparison. */
  readonly currentWeights: Readonly<Record<string, number>>
  /** Saved over red accounts; null when no account went red. */
  readonly saveRate: number | null
  readonly saveRateDetail: {
    readonly red: number
    readonly saved: number
    readonly pending: number
    readonly windowDays: number
    /** Companies whose scores were replayed because they had no `health_score` history. */
    readonly replayed: number
  }
  /** Of the churned outcomes, the share below green (not Healthy) 90, 75 or 60 days before. */
  readonly churnedBelowGreen: CountedShare
  /** True when the recommended model beats the current one on held-out folds. */
  readonly proposed: boolean
  /** Why it is not proposed, when it is not. */
  readonly reason: string | null
  /** The current model with the recommended weights and a new version; null when none was fitted. */
  readonly recommendedModel: HealthModel | null
  readonly segments: readonly SegmentCalibration[]
  /** Outcomes whose company could not be scored at the horizon (too little data then). */
  readonly unscored: number
  /** Outcomes left out because their company had data for less than `minCoverage` of the components. */
  readonly thinData: number
  readonly minCoverage: number
  /** Companies that could not be read, and sources the token could not read. */
  readonly failures: number
  readonly unreadable: readonly string[]
  readonly modelVersion: string
  readonly apiCalls: {
    readonly total: number
    readonly byEndpoint: Readonly<Record<string, number>>
  }
  /** What `calibrate --report` draws (not in `--json`); `calibrated` null when nothing was fitted. */
  readonly charts: {
    readonly current: CalibrationChart
    readonly calibrated: CalibrationChart | null
  }
}

interface Row {
  readonly companyId: string
  readonly segmentId: string
  readonly score: number
  readonly tier: TierId
  readonly components: Readonly<Record<string, number | null>>
  readonly churned: boolean
}

/**
 * Backtests `model` on the portal's renewal outcomes and recommends weights. Reads only.
 * @throws OperationOptionsError when an option is missing or malformed
 * @throws DailyLimitError, HubSpotApiError when the portal cannot be read
 * @example
 * const report = await calibrate({ connection, model: getDefaultModel(), horizonDays: 90 })
 * if (report.proposed) await writeFile('model.json', JSON.stringify(report.recommendedModel))
 */
export async function calibrate(input: CalibrateOptions): Promise<CalibrationReport> {
  const options = parseOptions('calibrate', CALIBRATE_OPTIONS, input)
  const { connection, model } = options
  const horizonDays = options.horizonDays ?? 90
  const folds = options.folds ?? 5
  const seed = options.seed ?? 1
  const rounds = options.bootstrapRounds ?? 1000
  const now = options.now ?? Date.now()
  const minCoverage = options.minCoverage ?? 60
  const histories: (readonly { value: string | null; timestamp: string }[])[] = []
  const leftAt: (number | null)[] = []
  let replayed = 0
  const scoreHistory = model.model.inputs.scoreHistory
  const months = Array.from({ length: 13 }, (_, k) => now - k * 30 * DAY_MS)
  const scoring = await scoreOutcomes(connection, {
    models: [model],
    horizonDays,
    ...(options.outcomes ? { outcomes: options.outcomes } : {}),
    minCoverage,
    now,
    onCompany(company, outcomes) {
      leftAt.push(lastChurn(outcomes, now))
      const recorded = company.history[scoreHistory] ?? []
      if (recorded.length) histories.push(recorded)
      else {
        histories.push(replayScores(company, model, months))
        replayed++
      }
    },
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  })
  const { failures, unreadable } = scoring

  const rows: Row[] = []
  const accounts = new Set<string>()
  let unscored = 0
  let thinData = 0
  const belowGreen = { numerator: 0, denominator: 0 }
  for (const { companyId, churned, verdicts } of scoring.outcomes) {
    const verdict = verdicts[0]!
    if (verdict === 'unscored') unscored++
    else if (verdict === 'thin') thinData++
    else {
      accounts.add(companyId)
      rows.push({ companyId, ...verdict, churned })
      if (churned && verdict.belowGreen !== null) {
        belowGreen.denominator++
        if (verdict.belowGreen) belowGreen.numerator++
      }
    }
  }

  const currentWeights = Object.fromEntries(model.model.components.map((c) => [c.id, c.weight]))
  const churned = rows.filter((r) => r.churned).length
  const y = rows.map((r) => r.churned)
  const current = metricsOf(
    rows.map((r) => r.score),
    rows.map((r) => r.tier),
    y,
    rounds,
    seed,
  )
  const global = recommendWeights(
    {
      currentWeights,
      rows: rows.map((r) => ({ scores: r.components, churned: r.churned })),
    },
    { folds, seed, bootstrapRounds: rounds },
  )
  const fitted = global.recommended
  const heldOut = fitted ? fitted.heldOutScores.map((s) => s ?? 50) : []
  const segments = fitted ? fitSegments(model, rows, heldOut, { folds, seed, rounds }) : []
  for (const segment of segments) {
    if (!segment.ownWeights) continue
    segment.rowIndices.forEach((i, k) => (heldOut[i] = segment.heldOut[k]!))
  }
  // An outcome the recommended weights leave below the model's coverage could not be scored: it
  // ranks nowhere (50) and is counted Neutral, out of the red band, as the engine leaves it unscored.
  const uncovered = new Set<number>()
  if (fitted) {
    const own = new Map(segments.filter((s) => s.ownWeights).map((s) => [s.segmentId, s.weights]))
    rows.forEach((row, i) => {
      const weights = own.get(row.segmentId) ?? fitted.weights
      if (uncoveredBy(row.components, weights, model.model.minCoverage)) {
        heldOut[i] = 50
        uncovered.add(i)
      }
    })
  }
  const target = options.redPrecisionTarget === undefined ? 0.7 : options.redPrecisionTarget
  const bands =
    fitted && target !== null
      ? chooseBands(
          model,
          heldOut.map((s, i) => (uncovered.has(i) ? null : s)),
          y,
          { target, folds, seed },
        )
      : null
  const redBelow = bands?.boundaryOf ?? (() => model.model.tiers.neutral)
  const heldOutTiers = heldOut.map((s, i) =>
    uncovered.has(i) ? 'neutral' : tierAt(s, model, redBelow(i)),
  )
  const calibrated = fitted
    ? {
        ...metricsOf(heldOut, heldOutTiers, y, rounds, seed),
        unscorable: uncovered.size,
      }
    : withheld(rows.length, global.reason ?? 'no weights could be fitted')
  const recommendedBands = bands?.recommendation ?? null
  const beats = fitted !== null && (calibrated.auc ?? 0) > (current.auc ?? 1)
  const reason = !fitted
    ? global.reason
    : beats
      ? null
      : `the recommended weights' held-out AUC (${fixed(calibrated.auc)}) does not beat the current model's (${fixed(current.auc)})`

  const saved = saveRate(histories, model, {
    asOf: now,
    windowDays: DEFAULT_SAVE_WINDOW_DAYS,
    leftAt,
  })

  return {
    accounts: accounts.size,
    outcomes: rows.length,
    churned,
    baseRate: rows.length >= MIN_OUTCOMES ? churned / rows.length : null,
    horizonDays,
    current,
    calibrated,
    recommendedWeights: fitted ? fitted.weights : null,
    recommendedBands,
    currentWeights,
    saveRate: saved.rate,
    saveRateDetail: {
      red: saved.red,
      saved: saved.saved,
      pending: saved.pending,
      windowDays: saved.windowDays,
      replayed,
    },
    churnedBelowGreen: share(belowGreen.numerator, belowGreen.denominator),
    proposed: beats,
    reason,
    recommendedModel: fitted
      ? recommendedModel(model, fitted.weights, segments, recommendedBands, {
          fittedAt: new Date(now).toISOString(),
          basedOn: model.model.version,
          horizonDays,
          outcomes: rows.length,
          churned,
          auc: calibrated.auc ?? 0,
          aucLow: calibrated.aucLow,
          aucHigh: calibrated.aucHigh,
          redPrecision: calibrated.redPrecision,
          redRecall: calibrated.redRecall,
          lift: calibrated.lift,
        })
      : null,
    segments: segments.map(({ rowIndices: _rows, heldOut: _heldOut, ...segment }) => segment),
    unscored,
    thinData,
    minCoverage,
    failures,
    unreadable,
    modelVersion: model.modelVersion,
    apiCalls: scoring.apiCalls,
    charts: {
      current: calibrationChart(
        rows.map((r) => r.score),
        rows.map((r) => r.tier),
        y,
      ),
      calibrated: fitted ? calibrationChart(heldOut, heldOutTiers, y) : null,
    },
  }
}

interface SegmentFit extends SegmentCalibration {
  readonly rowIndices: readonly number[]
  readonly heldOut: readonly number[]
}

/** Fits each segment of the model on its own rows; keeps a fit that beats the portal-wide one. */
function fitSegments(
  model: CompiledModel,
  rows: readonly Row[],
  globalHeldOut: readonly number[],
  settings: { folds: number; seed: number; rounds: number },
): SegmentFit[] {
  const ids = [model.defaultSegmentId, ...model.segments.map((s) => s.id)]
  return ids.map((segmentId): SegmentFit => {
    const rowIndices = rows.flatMap((r, i) => (r.segmentId === segmentId ? [i] : []))
    const churned = rowIndices.filter((i) => rows[i]!.churned).length
    const base = { segmentId, outcomes: rowIndices.length, churned, rowIndices }
    const weights = model.weightsBySegment.get(segmentId)!
    let fit: WeightRecommendation
    try {
      fit = recommendWeights(
        {
          currentWeights: Object.fromEntries(
            model.components.map((c, j) => [c.id, weights[j] ?? 0]),
          ),
          rows: rowIndices.map((i) => ({ scores: rows[i]!.components, churned: rows[i]!.churned })),
        },
        { folds: settings.folds, seed: settings.seed, bootstrapRounds: settings.rounds },
      )
    } catch (error) {
      return {
        ...base,
        ownWeights: false,
        weights: null,
        reason: (error as Error).message,
        heldOut: [],
      }
    }
    if (!fit.recommended)
      return { ...base, ownWeights: false, weights: null, reason: fit.reason, heldOut: [] }
    const own = fit.recommended.heldOutScores.map((s) => s ?? 50)
    const y = rowIndices.map((i) => rows[i]!.churned)
    const ownAuc = bootstrapAuc(
      own.map((s) => 100 - s),
      y,
      { rounds: 100, seed: settings.seed },
    ).auc
    const sharedAuc = bootstrapAuc(
      rowIndices.map((i) => 100 - globalHeldOut[i]!),
      y,
      { rounds: 100, seed: settings.seed },
    ).auc
    const better = ownAuc !== null && sharedAuc !== null && ownAuc > sharedAuc
    return {
      ...base,
      ownWeights: better,
      weights: fit.recommended.weights,
      reason: better
        ? null
        : `its own weights' held-out AUC (${fixed(ownAuc)}) does not beat the portal-wide weights' (${fixed(sharedAuc)}) on its outcomes`,
      heldOut: own,
    }
  })
}

/** The model with the recommended weights, the next minor version and how it was fitted. */
function recommendedModel(
  model: CompiledModel,
  weights: Readonly<Record<string, number>>,
  segments: readonly SegmentFit[],
  bands: BandRecommendation | null,
  calibration: ModelCalibration,
): HealthModel {
  const own = new Map(
    segments.filter((s) => s.ownWeights && s.weights).map((s) => [s.segmentId, s.weights!]),
  )
  const [major, minor] = model.model.version.split('.').map(Number)
  const candidate: HealthModel = {
    ...model.model,
    version: `${major}.${(minor ?? 0) + 1}.0`,
    components: model.model.components.map((c) => ({
      ...c,
      weight: own.get(model.defaultSegmentId)?.[c.id] ?? weights[c.id] ?? 0,
    })),
    segments: model.model.segments.map((s) => ({
      ...s,
      weights: { ...(own.get(s.id) ?? weights) },
    })),
    ...(bands?.adopted ? withTiers(model.model, bands.tiers) : {}),
    calibration,
  }
  const parsed = parseModel(candidate)
  if (!parsed.success)
    throw new Error(`calibrate: the recommended model is not valid: ${formatIssues(parsed.issues)}`)
  return parsed.value
}

/**
 * The figures of one set of scores (0–100, higher healthier) against the outcomes; shared with
 * `backtestModels`, so a backtest measures a model exactly as calibrate does.
 * @example
 * const m = metricsOf(rows.map((r) => r.score), rows.map((r) => r.tier), churned, 1000, 1)
 */
export function metricsOf(
  scores: readonly number[],
  tiers: readonly TierId[],
  churned: readonly boolean[],
  rounds: number,
  seed: number,
): CalibrationMetrics {
  const band = bandMetrics(tiers.map((tier, i) => ({ tier, churned: churned[i]! })))
  if (band.tooFew) return withheld(scores.length, band.reason ?? 'too few outcomes to judge')
  const auc = bootstrapAuc(
    scores.map((s) => 100 - s),
    churned,
    { rounds, seed },
  )
  return {
    outcomes: scores.length,
    unscorable: 0,
    auc: auc.auc,
    aucLow: auc.low,
    aucHigh: auc.high,
    redPrecision: band.precision.value,
    redRecall: band.recall.value,
    lift: band.lift.value,
    sensitivity: band.sensitivity.value,
    specificity: band.specificity.value,
    churnRateByTier: Object.fromEntries(
      TIERS.map((t) => [t, band.churnRateByTier[t].value]),
    ) as Record<TierId, number | null>,
    reason: auc.reason ?? band.precision.reason ?? band.lift.reason,
  }
}

function withheld(outcomes: number, reason: string): CalibrationMetrics {
  return {
    outcomes,
    unscorable: 0,
    auc: null,
    aucLow: null,
    aucHigh: null,
    redPrecision: null,
    redRecall: null,
    lift: null,
    sensitivity: null,
    specificity: null,
    churnRateByTier: Object.fromEntries(TIERS.map((t) => [t, null])) as Record<TierId, null>,
    reason,
  }
}

/**
 * A share with its counts; null (with the reason) under 30 churned outcomes.
 * @example share(24, 31).value // 0.774…
 */
export function share(numerator: number, denominator: number): CountedShare {
  const tooFew = denominator < MIN_OUTCOMES
  return {
    value: tooFew ? null : numerator / denominator,
    numerator,
    denominator,
    reason: tooFew
      ? `only ${denominator} churned outcome${denominator === 1 ? '' : 's'} scorable 60–90 days before: at least ${MIN_OUTCOMES} are needed to judge`
      : null,
  }
}

/** True when the engine would not score these component scores under `weights` (its coverage rule). */
function uncoveredBy(
  scores: Readonly<Record<string, number | null>>,
  weights: Readonly<Record<string, number>>,
  minCoverage: number,
): boolean {
  let backed = 0
  let total = 0
  for (const [id, weight] of Object.entries(weights)) {
    total += weight
    if (scores[id] !== null && scores[id] !== undefined) backed += weight
  }
  return backed === 0 || Math.round((100 * backed) / total) < minCoverage
}

/** When the company left: its last churn up to `now`, unless it renewed after it; else null. */
function lastChurn(outcomes: readonly Outcome[], now: number): number | null {
  let left: number | null = null
  for (const outcome of outcomes) {
    if (outcome.at > now) continue
    // Outcomes come oldest first: a renewal after a churn is a customer won back.
    left = outcome.kind === 'churned' ? outcome.at : null
  }
  return left
}

function fixed(value: number | null): string {
  return value === null ? 'none' : value.toFixed(3)
}
