/**
 * @module The health engine: pure functions from a company snapshot to a health result. No I/O, no
 * clock and no HubSpot types; `asOf` and the model come in as arguments.
 */
export type { AucInterval, BootstrapOptions, RocPoint, RocResult } from './calibration/auc.ts'
export { bootstrapAuc, rocAuc } from './calibration/auc.ts'
export type {
  BandCounts,
  BandMetrics,
  BandOptions,
  Rate,
  TierOutcome,
} from './calibration/band-metrics.ts'
export { bandMetrics, MIN_OUTCOMES, RED_TIERS } from './calibration/band-metrics.ts'
export type {
  CrossValidateOptions,
  CrossValidation,
  FoldOptions,
} from './calibration/cross-validate.ts'
export { crossValidate, DEFAULT_L2_GRID, stratifiedFolds } from './calibration/cross-validate.ts'
export type { LogisticFit, LogisticOptions } from './calibration/logistic.ts'
export { fitLogistic, logLoss, predictLogistic } from './calibration/logistic.ts'
export type {
  BoundaryRow,
  RedBoundary,
  RedBoundaryOptions,
} from './calibration/recommend-red-boundary.ts'
export { recommendRedBoundary } from './calibration/recommend-red-boundary.ts'
export type {
  ComponentOutcome,
  RecommendInput,
  RecommendOptions,
  WeightRecommendation,
  WeightsBacktest,
} from './calibration/recommend-weights.ts'
export { recommendWeights } from './calibration/recommend-weights.ts'
export type { RandomSource } from './calibration/seeded-random.ts'
export { seededRandom } from './calibration/seeded-random.ts'
export type { CompiledModel } from './compile-model.ts'
export { compileModel } from './compile-model.ts'
export type { CsmSentiment } from './csm-sentiment.ts'
export { CSM_SENTIMENT_PROPERTIES, CSM_SENTIMENTS } from './csm-sentiment.ts'
export { DEFAULT_MODEL_INPUT } from './default-model.ts'
export { describeSignals } from './explain.ts'
export { formatIssuePath } from './issues.ts'
export type { HealthModel, HealthModelInput, ModelCalibration } from './model.ts'
export { BUILT_IN_SIGNALS, formatIssues, healthModelSchema, parseModel } from './model.ts'
export type { Outcome, OutcomeKind, OutcomeRule, OutcomeRuleInput } from './outcomes.ts'
export {
  companyOutcomes,
  dealOutcomes,
  DEFAULT_OUTCOME_RULE,
  OUTCOME_DEAL_PROPERTIES,
  outcomeCompanyProperties,
  outcomeRuleSchema,
  parseOutcomeRule,
  propertyOutcome,
} from './outcomes.ts'
export { parseFiniteNumber } from './parse-finite-number.ts'
export { parseInstant } from './parse-instant.ts'
export { replayScores } from './replay-scores.ts'
export type { SaveRate, SaveRateOptions } from './save-rate.ts'
export { DEFAULT_SAVE_WINDOW_DAYS, saveRate } from './save-rate.ts'
export { scoreSignals } from './score.ts'
export { getDefaultModel, scoreCompany } from './score-company.ts'
export { extractSignals } from './signals.ts'
export type { CompanyHistory, PropertyHistories, RecordWithHistory } from './snapshot-as-of.ts'
export { snapshotAsOf, valueAsOf } from './snapshot-as-of.ts'
export { tierOf } from './trend.ts'
export * from './types.ts'
