/**
 * @module Backtest two models side by side: the portal's current model and a candidate (an edited
 * one, from the settings page), each scored as it is (neither is fitted) on the same outcomes from
 * one gather of the portal's history, and measured as `calibrate` measures a model.
 *
 * Both sets of figures rest on the same outcomes: those whose company had data for at least
 * `minCoverage` percent of each model's components at the horizon (the past the history rebuilds),
 * and that at least one model could score. An outcome one model could not score (its coverage
 * floor) ranks nowhere (50) and counts Neutral for that model, out of the red band, as the engine
 * would leave it unscored; each model's `unscorable` counts them. With the candidate equal to the
 * current model, the figures are `calibrate`'s `current` ones.
 */
import { z } from 'zod'

import type { CompiledModel, OutcomeRule, TierId } from '../health/index.ts'
import { MIN_OUTCOMES } from '../health/index.ts'
import type { HubSpotConnection } from '../hubspot/index.ts'
import {
  BACKTEST_FIELDS,
  type CalibrationMetrics,
  type CountedShare,
  type HorizonDays,
  metricsOf,
  share,
} from './calibrate.ts'
import { callback, parseOptions, present } from './operation-options.ts'
import { scoreOutcomes, type ScoreOutcomesProgress } from './score-outcomes.ts'

/** What `backtestModels` takes. */
export interface BacktestOptions {
  readonly connection: HubSpotConnection
  /** The model in use. */
  readonly current: CompiledModel
  /** The model to compare it with. */
  readonly candidate: CompiledModel
  /** Days before each outcome the companies are scored. Default 90. */
  readonly horizonDays?: HorizonDays
  /** How renewals are recorded. Default: renewal deals. */
  readonly outcomes?: OutcomeRule
  /** Seeds the bootstrap. Default 1. */
  readonly seed?: number
  /** Bootstrap rounds for the AUC intervals, 100–10,000. Default 1,000. */
  readonly bootstrapRounds?: number
  /** As in `calibrate`: outcomes with data for less of the components are left out. Default 60. */
  readonly minCoverage?: number
  /** The moment of the backtest, epoch ms: later outcomes are ignored. Default: now. */
  readonly now?: number
  readonly onProgress?: (progress: ScoreOutcomesProgress) => void
  /** Stops the gather at its next page, with the signal's reason. */
  readonly signal?: AbortSignal
}

const compiled = present<CompiledModel>('a compiled model (compileModel, getDefaultModel)', [
  'model',
])

/** `backtestModels`' options. */
export const BACKTEST_OPTIONS: z.ZodType<BacktestOptions> = z.strictObject({
  ...BACKTEST_FIELDS,
  current: compiled,
  candidate: compiled,
  onProgress: callback<(progress: ScoreOutcomesProgress) => void>().optional(),
  signal: present<AbortSignal>('an AbortSignal', ['aborted']).optional(),
})

/** One model's backtest: `calibrate`'s figures, scored as the model stands. */
export interface ModelBacktest extends CalibrationMetrics {
  /** `id@version`. */
  readonly modelVersion: string
  /** Of the churned outcomes, the share below green 90, 75 or 60 days before. */
  readonly churnedBelowGreen: CountedShare
}

/** Which model predicted the outcomes better, by AUC; null when too few outcomes to judge. */
export type BetterModel = 'current' | 'candidate' | 'tie' | null

/** The two backtests side by side. */
export interface BacktestComparison {
  /** Companies with at least one outcome in the backtest. */
  readonly accounts: number
  /** Outcomes both figures rest on. */
  readonly outcomes: number
  readonly churned: number
  /** Churned over outcomes; null when too few to judge. */
  readonly baseRate: number | null
  readonly horizonDays: HorizonDays
  readonly current: ModelBacktest
  readonly candidate: ModelBacktest
  readonly better: BetterModel
  /** The comparison in one sentence. */
  readonly verdict: string
  /** Outcomes neither model could score at the horizon. */
  readonly unscored: number
  /** Outcomes left out because a model had data for less than `minCoverage` of its components. */
  readonly thinData: number
  readonly minCoverage: number
  readonly failures: number
  readonly unreadable: readonly string[]
  readonly apiCalls: {
    readonly total: number
    readonly byEndpoint: Readonly<Record<string, number>>
  }
}

interface Judged {
  readonly score: number
  readonly tier: TierId
  readonly belowGreen: boolean | null
}

/**
 * Backtests the current and the candidate model on one gather of the portal. Reads only.
 * @throws OperationOptionsError when an option is missing or malformed
 * @throws DailyLimitError, HubSpotApiError when the portal cannot be read
 * @example
 * const comparison = await backtestModels({ connection, current, candidate: compileModel(edited) })
 * if (comparison.better === 'candidate') console.log(comparison.verdict)
 */
export async function backtestModels(input: BacktestOptions): Promise<BacktestComparison> {
  const options = parseOptions('backtestModels', BACKTEST_OPTIONS, input)
  const horizonDays = options.horizonDays ?? 90
  const seed = options.seed ?? 1
  const rounds = options.bootstrapRounds ?? 1000
  const minCoverage = options.minCoverage ?? 60
  const models = [options.current, options.candidate]
  const scoring = await scoreOutcomes(options.connection, {
    models,
    horizonDays,
    minCoverage,
    now: options.now ?? Date.now(),
    ...(options.outcomes ? { outcomes: options.outcomes } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  })

  const judged: Judged[][] = [[], []]
  const unscorable = [0, 0]
  const churnedOf: boolean[] = []
  const accounts = new Set<string>()
  let unscored = 0
  let thinData = 0
  for (const { companyId, churned, verdicts } of scoring.outcomes) {
    if (verdicts.includes('thin')) thinData++
    else if (verdicts.every((v) => v === 'unscored')) unscored++
    else {
      accounts.add(companyId)
      churnedOf.push(churned)
      verdicts.forEach((verdict, m) => {
        if (verdict === 'thin') return
        if (verdict === 'unscored') {
          unscorable[m]!++
          judged[m]!.push({ score: 50, tier: 'neutral', belowGreen: null })
        } else judged[m]!.push(verdict)
      })
    }
  }
  const [current, candidate] = models.map((model, m): ModelBacktest => ({
    ...metricsOf(
      judged[m]!.map((j) => j.score),
      judged[m]!.map((j) => j.tier),
      churnedOf,
      rounds,
      seed,
    ),
    unscorable: unscorable[m]!,
    modelVersion: model.modelVersion,
    churnedBelowGreen: belowGreenShare(judged[m]!, churnedOf),
  })) as [ModelBacktest, ModelBacktest]
  const churned = churnedOf.filter(Boolean).length
  const { better, verdict } = compare(current, candidate)
  return {
    accounts: accounts.size,
    outcomes: churnedOf.length,
    churned,
    baseRate: churnedOf.length >= MIN_OUTCOMES ? churned / churnedOf.length : null,
    horizonDays,
    current,
    candidate,
    better,
    verdict,
    unscored,
    thinData,
    minCoverage,
    failures: scoring.failures,
    unreadable: scoring.unreadable,
    apiCalls: scoring.apiCalls,
  }
}

function belowGreenShare(judged: readonly Judged[], churned: readonly boolean[]): CountedShare {
  let numerator = 0
  let denominator = 0
  judged.forEach((j, i) => {
    if (!churned[i] || j.belowGreen === null) return
    denominator++
    if (j.belowGreen) numerator++
  })
  return share(numerator, denominator)
}

/** Which predicts better, by AUC, and whether their bootstrap intervals leave it in doubt. */
function compare(
  current: ModelBacktest,
  candidate: ModelBacktest,
): { better: BetterModel; verdict: string } {
  if (current.auc === null || candidate.auc === null)
    return {
      better: null,
      verdict: `Too few outcomes to judge: ${current.reason ?? candidate.reason ?? 'no AUC'}.`,
    }
  const a = candidate.auc.toFixed(2)
  const b = current.auc.toFixed(2)
  if (a === b)
    return { better: 'tie', verdict: `Both models predict the outcomes alike (AUC ${a}).` }
  const better: BetterModel = candidate.auc > current.auc ? 'candidate' : 'current'
  const [winner, loser] = better === 'candidate' ? [candidate, current] : [current, candidate]
  const overlap = winner.aucLow !== null && loser.aucHigh !== null && winner.aucLow <= loser.aucHigh
  const name = better === 'candidate' ? 'The candidate model' : 'The current model'
  return {
    better,
    verdict:
      `${name} predicts the outcomes better (AUC ${winner.auc!.toFixed(2)} against ${loser.auc!.toFixed(2)})` +
      (overlap ? ', though their intervals overlap: the difference may be chance.' : '.'),
  }
}
