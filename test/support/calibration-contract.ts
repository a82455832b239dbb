/**
 * @fileoverview The `calibrate --json` contract (shared/DESIGN.md): the figures each of `current`
 * and `calibrated` carries, as both the operation's and the command's tests check them.
 */
export const CALIBRATION_METRIC_KEYS = [
  'auc',
  'aucLow',
  'aucHigh',
  'redPrecision',
  'redRecall',
  'lift',
  'sensitivity',
  'specificity',
  'churnRateByTier',
] as const
