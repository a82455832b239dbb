/**
 * @module Scoring a portal's renewal outcomes: one gather of its history (`gatherHistory`), and each
 * outcome (a renewal won or lost, by the outcome rule) scored by each given model as the company
 * stood `horizonDays` before it (`snapshotAsOf`, then the engine exactly as today). What `calibrate`
 * and `backtestModels` share: several models judged on one read of the portal, not one read each.
 */
import type {
  CompanyHistory,
  CompiledModel,
  Outcome,
  OutcomeRule,
  TierId,
} from '../health/index.ts'
import { DEFAULT_OUTCOME_RULE, scoreCompany, snapshotAsOf } from '../health/index.ts'
import type { HubSpotConnection } from '../hubspot/index.ts'
import { gatherHistory } from '../hubspot/index.ts'

const DAY_MS = 86_400_000

/** How one model scored one outcome, the horizon before it. */
export interface OutcomeScore {
  readonly segmentId: string
  readonly score: number
  readonly tier: TierId
  readonly components: Readonly<Record<string, number | null>>
  /**
   * For a churned outcome: whether the company was below green (not Healthy) 90, 75 or 60 days
   * before it; null when none of those could be scored, or the outcome was a renewal.
   */
  readonly belowGreen: boolean | null
}

/**
 * A model's verdict on one outcome: its score, `unscored` when the engine could not score the
 * company then (the model's coverage floor), or `thin` when the company had data for less than
 * `minCoverage` percent of the model's components (a past its history cannot rebuild).
 */
export type OutcomeVerdict = OutcomeScore | 'unscored' | 'thin'

/** One outcome, with each model's verdict in the order the models were given. */
export interface ScoredOutcome {
  readonly companyId: string
  readonly churned: boolean
  /** When it was decided, epoch ms. */
  readonly at: number
  readonly verdicts: readonly OutcomeVerdict[]
}

/** How far the gather has come, once per page. */
export interface ScoreOutcomesProgress {
  readonly companies: number
  /** Outcomes every model scored, so far. */
  readonly outcomes: number
}

export interface ScoreOutcomesOptions {
  /** The models to score with, the first one's properties and history read, then the others'. */
  readonly models: readonly CompiledModel[]
  readonly horizonDays: number
  readonly outcomes?: OutcomeRule
  /** Percent of a model's components that must have data at the horizon. */
  readonly minCoverage: number
  /** Outcomes after it (epoch ms) are ignored. */
  readonly now: number
  /** Each company as gathered with its outcomes (all of them, later ones too), e.g. for its score history. */
  readonly onCompany?: (company: CompanyHistory, outcomes: readonly Outcome[]) => void
  readonly onProgress?: (progress: ScoreOutcomesProgress) => void
  /** Checked after each page: aborting stops the gather with the signal's reason. */
  readonly signal?: AbortSignal
}

/** What one gather scored, and what it cost. */
export interface OutcomeScoring {
  readonly outcomes: readonly ScoredOutcome[]
  readonly companies: number
  /** Companies that could not be read, and sources the token could not read. */
  readonly failures: number
  readonly unreadable: readonly string[]
  readonly apiCalls: {
    readonly total: number
    readonly byEndpoint: Readonly<Record<string, number>>
  }
}

/**
 * Gathers the portal's history once and scores every outcome up to `now` with each model.
 * @throws DailyLimitError, HubSpotApiError when the portal cannot be read
 * @throws the signal's reason when it aborts
 * @example
 * const { outcomes } = await scoreOutcomes(connection, { models: [current, candidate],
 *   horizonDays: 90, minCoverage: 60, now: Date.now() })
 */
export async function scoreOutcomes(
  connection: HubSpotConnection,
  options: ScoreOutcomesOptions,
): Promise<OutcomeScoring> {
  const [first, ...others] = options.models
  if (!first) throw new Error('scoreOutcomes needs at least one model')
  const before = connection.calls.snapshot()
  const outcomes: ScoredOutcome[] = []
  let companies = 0
  let failures = 0
  let scoredByAll = 0
  let unreadable: readonly string[] = []

  for await (const page of gatherHistory(connection, {
    model: first,
    alsoFor: others,
    outcomes: options.outcomes ?? DEFAULT_OUTCOME_RULE,
  })) {
    failures += page.failures.length
    unreadable = page.unreadable
    for (const { company, outcomes: decided } of page.companies) {
      companies++
      options.onCompany?.(company, decided ?? [])
      for (const outcome of decided ?? []) {
        if (outcome.at > options.now) continue
        const churned = outcome.kind === 'churned'
        const verdicts = options.models.map((model) =>
          verdictOf(company, outcome.at, churned, model, options),
        )
        if (verdicts.every((v) => typeof v !== 'string')) scoredByAll++
        outcomes.push({ companyId: company.companyId, churned, at: outcome.at, verdicts })
      }
    }
    options.onProgress?.({ companies, outcomes: scoredByAll })
    options.signal?.throwIfAborted()
  }

  const after = connection.calls.snapshot()
  const byEndpoint: Record<string, number> = {}
  for (const [endpoint, n] of Object.entries(after.byEndpoint)) {
    const delta = n - (before.byEndpoint[endpoint] ?? 0)
    if (delta > 0) byEndpoint[endpoint] = delta
  }
  return {
    outcomes,
    companies,
    failures,
    unreadable,
    apiCalls: { total: after.total - before.total, byEndpoint },
  }
}

function verdictOf(
  company: CompanyHistory,
  at: number,
  churned: boolean,
  model: CompiledModel,
  options: Pick<ScoreOutcomesOptions, 'horizonDays' | 'minCoverage'>,
): OutcomeVerdict {
  const scored = scoreCompany(
    snapshotAsOf(company, at - options.horizonDays * DAY_MS, model),
    model,
  )
  if (!scored.success) return 'unscored'
  const result = scored.value
  const withData = result.components.filter((c) => c.score !== null).length
  if (100 * withData < options.minCoverage * result.components.length) return 'thin'
  return {
    segmentId: result.segmentId,
    score: result.score,
    tier: result.tier,
    components: Object.fromEntries(result.components.map((c) => [c.id, c.score])),
    belowGreen: churned ? belowGreen(company, at, model) : null,
  }
}

/** Whether the company was below green 90, 75 or 60 days before `at`; null when never scorable. */
function belowGreen(company: CompanyHistory, at: number, model: CompiledModel): boolean | null {
  const tiers = [90, 75, 60].flatMap((days) => {
    const earlier = scoreCompany(snapshotAsOf(company, at - days * DAY_MS, model), model)
    return earlier.success ? [earlier.value.tier] : []
  })
  return tiers.length ? tiers.some((tier) => tier !== 'healthy') : null
}
