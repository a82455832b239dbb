/**
 * @module Operations: what the app does, written once and hosted anywhere (the CLI, the backend's
 * routes, HubSpot app functions, a scheduler). Each takes zod-checked options holding a connection
 * and a model, and returns plain data. Nothing here loads a native module or the emulator.
 */
export {
  BACKTEST_OPTIONS,
  type BacktestComparison,
  backtestModels,
  type BacktestOptions,
  type BetterModel,
  type ModelBacktest,
} from './backtest-models.ts'
export {
  calibrate,
  CALIBRATE_HORIZONS,
  CALIBRATE_OPTIONS,
  type CalibrateOptions,
  type CalibrateProgress,
  type CalibrationMetrics,
  type CalibrationReport,
  type CountedShare,
  type HorizonDays,
  type SegmentCalibration,
} from './calibrate.ts'
export {
  type BandChoice,
  type BandRecommendation,
  chooseBands,
  type RedBandFigures,
  type TierBounds,
  withTiers,
} from './calibrate-bands.ts'
export {
  type CalibrationChart,
  calibrationChart,
  MAX_ROC_POINTS,
  thinRoc,
  type TierTally,
} from './calibration-charts.ts'
export type {
  BackendError,
  BacktestJob,
  BacktestRequest,
  CompanyHealth,
  CsmSentimentRead,
  HealthSettings,
  PlaybookActionCreated,
  SaveSettingsRequest,
  SettingsPreview,
} from './company-health.ts'
export { ENSURE_SCHEMA_OPTIONS, ensureSchema, type EnsureSchemaOptions } from './ensure-schema.ts'
export {
  type CompanyExplanation,
  EXPLAIN_OPTIONS,
  explainCompany,
  type ExplainOptions,
} from './explain-company.ts'
export { MemoryRunJournal } from './memory-run-journal.ts'
export { OperationOptionsError } from './operation-options.ts'
export {
  allocateSample,
  HISTORY_WEEKS,
  type SampledAccount,
  type SampleSummary,
  summariseSample,
} from './portfolio-sample.ts'
export type {
  InterventionOutcome,
  PortfolioAccount,
  PortfolioSaveRate,
  PortfolioView,
  PortfolioWeek,
  TierCounts,
} from './portfolio-types.ts'
export {
  MAX_PORTFOLIO_SAMPLE,
  NEWLY_RED_DAYS,
  PORTFOLIO_LIST_SIZE,
  READ_PORTFOLIO_OPTIONS,
  readPortfolio,
  type ReadPortfolioOptions,
} from './read-portfolio.ts'
export { MAX_PAGE_SIZE, MAX_WINDOW_SIZE, RESCORE_OPTIONS } from './rescore-options.ts'
export { rescorePortal } from './rescore-portal.ts'
export {
  emptyTotals,
  type FailureKind,
  type LeaseClaim,
  type NewRun,
  RUN_KINDS,
  RUN_STATUSES,
  type RunFailure,
  type RunHolder,
  type RunJournal,
  type RunKind,
  type RunLease,
  type RunRecord,
  type RunStatus,
  type RunTotals,
} from './run-journal.ts'
export { isLeaseStale, LEASE_RENEW_MS, LEASE_TTL_MS, newRunHolder } from './run-lease.ts'
export { RunLockedError } from './run-locked-error.ts'
export {
  NOTE_TO_COMPANY,
  PLAYBOOK_ACTION_OPTIONS,
  type PlaybookActionOptions,
  runPlaybookAction,
  TASK_TO_COMPANY,
  UnknownActionError,
} from './run-playbook-action.ts'
export { RunStoppedError, STOP_REASONS, type StopReason } from './run-stopped-error.ts'
export {
  DeadlineError,
  MissingSchemaError,
  SCORE_ONE_OPTIONS,
  scoreOneCompany,
  type ScoreOneOptions,
} from './score-one-company.ts'
export {
  type OutcomeScore,
  type OutcomeScoring,
  type OutcomeVerdict,
  type ScoredOutcome,
  scoreOutcomes,
  type ScoreOutcomesOptions,
  type ScoreOutcomesProgress,
} from './score-outcomes.ts'
export { type ScoredPage, scorePage } from './score-page.ts'
export {
  MAX_SENTIMENT_REASON,
  SET_SENTIMENT_OPTIONS,
  setCsmSentiment,
  type SetSentimentOptions,
} from './set-csm-sentiment.ts'
export type { RescoreOptions, RescoreProgress, RescoreSummary } from './types.ts'
