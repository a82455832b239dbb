/**
 * @module Operations: what the app does, written once and hosted three ways (the CLI, the backend's
 * routes, HubSpot app functions). Each takes a connection and a model and returns plain data.
 */
export { type CompanyExplanation, explainCompany } from './explain-company.ts'
export {
  type RescoreOptions,
  rescorePortal,
  type RescoreProgress,
  type RescoreSummary,
  RunStoppedError,
} from './rescore-portal.ts'
export { RunJournal, type RunKind, type RunRecord, type RunTotals } from './run-journal.ts'
