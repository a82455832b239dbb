/**
 * @module What the health card and the settings page exchange with their host: the private app's
 * functions (`score_company`, `run_playbook_action`, `set_csm_sentiment`) and the marketplace
 * backend (`/api/companies/:id/...`, `/api/settings`). Types only: the card imports nothing else
 * from the operations, so it bundles without them.
 */
import type {
  ActionKind,
  ActionPriority,
  HealthModelInput,
  HealthResult,
  Issue,
  Result,
  ScorePoint,
  TierId,
} from '../health/index.ts'
import type { BacktestComparison } from './backtest-models.ts'
import type { ScoreOutcomesProgress } from './score-outcomes.ts'

export type { BacktestComparison, ModelBacktest } from './backtest-models.ts'

/** The CSM's own read of the account, as the card's sentiment control offers it. */
export type CsmSentiment = 'positive' | 'neutral' | 'negative'

/** What the CSM recorded, from `health_csm_sentiment`, `_reason` and `_at`. */
export interface CsmSentimentRead {
  readonly sentiment: CsmSentiment
  readonly reason: string
  /** ISO-8601: when it was set. The default model ignores it 90 days later. */
  readonly at: string
}

/** Lower bounds of the tiers, as the model defines them; `critical` starts at 0. */
export type TierBands = Readonly<Record<Exclude<TierId, 'critical'>, number>>

/**
 * Everything the card shows for one company: what `score_company` returns and what
 * `GET /api/companies/:id/health` answers (DESIGN.md, "Backend contract", extended).
 * @example
 * const health: CompanyHealth = await transport.loadHealth('123')
 * if (health.scoredAt === null) showScoreNow()
 */
export interface CompanyHealth {
  readonly companyId: string
  /** The company's `name`, or null when it has none. */
  readonly companyName: string | null
  /** The score as of now, or null when the company has never been scored or cannot be scored. */
  readonly result: HealthResult | null
  /** Why there is no result, when the company has been asked to score and could not be. */
  readonly issues: readonly Issue[]
  /** `health_score` as HubSpot's property history holds it, oldest first (epoch ms). */
  readonly history: readonly ScorePoint[]
  /** Each `health_<component>_score` history by component id, oldest first: for "what changed". */
  readonly componentHistory: Readonly<Record<string, readonly ScorePoint[]>>
  /** What HubSpot holds in the app's own properties now. */
  readonly current: Readonly<Record<string, string | null>>
  /** The bands of the model in use, so the card can draw them. */
  readonly tierBands: TierBands
  readonly csmSentiment: CsmSentimentRead | null
  /** ISO-8601 from `health_scored_at`: when the stored score was written; null when never. */
  readonly scoredAt: string | null
}

/**
 * `score_company`'s parameters. `view` returns what is stored, rescored from current data and
 * written only where it changed, or no result for a company never scored; `score` always scores
 * and writes (Recalculate, Score now). The backend's `GET .../health` is `view`, `POST
 * .../recalculate` is `score`. The requests are type aliases, not interfaces, so that they are JSON
 * objects to `hubspot.serverless`.
 */
export type ScoreCompanyRequest = {
  readonly companyId: string
  readonly mode: 'view' | 'score'
}

/** `run_playbook_action`'s parameters and the body of `POST .../actions/:actionId`. */
export type PlaybookActionRequest = {
  readonly companyId: string
  /** The id of an action in the company's current playbook. */
  readonly actionId: string
  /** ISO-8601 due date of the task, as the card showed it; a note ignores it. */
  readonly dueAt: string | null
  readonly priority: ActionPriority
}

/** The task or note created, associated to the company. */
export interface PlaybookActionCreated {
  /** `task` for task and email actions (an email is a task to send it), `note` for notes. */
  readonly kind: Extract<ActionKind, 'task' | 'note'>
  /** The engagement's HubSpot id. */
  readonly id: string
  readonly title: string
  readonly dueAt: string | null
}

/** `set_csm_sentiment`'s parameters and the body of `POST .../sentiment`. */
export type CsmSentimentRequest = {
  readonly companyId: string
  readonly sentiment: CsmSentiment
  /** A short reason, 1–280 characters. */
  readonly reason: string
}

/** What every app function returns: the value, or why the input was refused. */
export type FunctionResponse<T> = Result<T>

/** The return values of each app function, by uid. */
export interface AppFunctionResponses {
  readonly score_company: FunctionResponse<CompanyHealth>
  readonly run_playbook_action: FunctionResponse<PlaybookActionCreated>
  readonly set_csm_sentiment: FunctionResponse<CsmSentimentRead>
}

/** The parameters of each app function the card calls, by uid. */
export interface AppFunctionRequests {
  readonly score_company: ScoreCompanyRequest
  readonly run_playbook_action: PlaybookActionRequest
  readonly set_csm_sentiment: CsmSentimentRequest
}

/** `GET /api/settings`: the portal's model (marketplace) or the built-in one (private). */
export interface HealthSettings {
  readonly model: HealthModelInput
  /** Increases by one on every save; 0 for the built-in model. */
  readonly version: number
  /** ISO-8601, or null for the built-in model. */
  readonly updatedAt: string | null
}

/** `PUT /api/settings`: the new model, saved only if `baseVersion` is still the latest. */
export interface SaveSettingsRequest {
  readonly model: HealthModelInput
  readonly baseVersion: number
}

/** `POST /api/settings/preview`: the tiers a candidate model would give the portal's last scores. */
export interface SettingsPreview {
  readonly companies: number
  readonly tiers: Readonly<Record<TierId, number>>
}

/** `POST /api/settings/backtest`: backtest a candidate model against the one in use. */
export interface BacktestRequest {
  readonly model: HealthModelInput
  /** Days before each outcome the companies are scored: 30, 60, 90 (default) or 180. */
  readonly horizonDays?: 30 | 60 | 90 | 180
}

/**
 * A backtest job, as `POST /api/settings/backtest` (202) and `GET /api/settings/backtest/:jobId`
 * answer it: a backtest reads the portal's whole history, minutes on a large portal, so it runs as
 * a background job that the settings page polls.
 */
export interface BacktestJob {
  readonly jobId: number
  /** `stopped` runs again (a restart, the daily limit); `completed` and `failed` are final. */
  readonly status: 'queued' | 'running' | 'stopped' | 'completed' | 'failed'
  /** On a POST: false when the portal already had a backtest under way, which this is. */
  readonly created?: boolean
  readonly horizonDays: number
  /** How far the gather has come, while it runs. */
  readonly progress: ScoreOutcomesProgress | null
  /** The two backtests side by side, once completed. */
  readonly result: BacktestComparison | null
  /** Why it failed or stopped. */
  readonly error: string | null
}

/** The error body of every backend endpoint (HTTP 4xx/5xx). */
export interface BackendError {
  readonly status: 'error'
  readonly message: string
  readonly issues?: readonly Issue[]
}
