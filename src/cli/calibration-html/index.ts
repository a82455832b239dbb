/** @module The calibrate report as a self-contained HTML page (`health-score calibrate --report`). */
export { esc } from './html.ts'
export { type CalibrationHtmlOptions, renderCalibrationHtml } from './render-calibration-html.ts'
export { ROC_PLOT } from './roc-chart.ts'
