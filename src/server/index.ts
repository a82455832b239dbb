/**
 * @module The marketplace backend's foundations: configuration, token encryption, HubSpot's request
 * signatures, OAuth state, the store, background jobs and metrics. Hosts (`health-score serve`)
 * import from here only.
 */
export {
  loadServerConfig,
  SERVER_DEFAULTS,
  type ServerConfig,
  ServerConfigError,
} from './config.ts'
export { type AppDeps, createApp } from './create-app.ts'
export { errorHandler, HttpError } from './http-error.ts'
export {
  type BackgroundJobs,
  type BackgroundJobsDeps,
  createBackgroundJobs,
} from './jobs/background-jobs.ts'
export {
  type EnqueueResult,
  type JobContext,
  jobDedupeKey,
  type JobHandler,
  type JobOutcome,
  type JobQueue,
  type JobRequest,
} from './jobs/job-queue.ts'
export { modelFor } from './jobs/model-for.ts'
export { nextRunAt, type TimeOfDay } from './jobs/next-run-at.ts'
export {
  NightlyScheduler,
  type NightlySchedulerOptions,
  type SchedulerTimers,
} from './jobs/nightly-scheduler.ts'
export { portalKeyOf, type RescoreJobDeps, rescoreJobHandler } from './jobs/rescore-job.ts'
export { StoreJobQueue, type StoreJobQueueOptions } from './jobs/store-job-queue.ts'
export { createMetrics, type Metrics, METRICS_PREFIX } from './metrics.ts'
export {
  type IssuedState,
  issueOAuthState,
  OAUTH_STATE_COOKIE,
  OAUTH_STATE_FAILURES,
  OAUTH_STATE_TTL_MS,
  type OAuthStateCheck,
  type OAuthStateFailure,
  verifyOAuthState,
} from './oauth-state.ts'
export {
  OAUTH_RATE_LIMIT,
  type PortalConnections,
  PortalNotInstalledError,
} from './portal-connections.ts'
export {
  SIGNATURE_FAILURES,
  SIGNATURE_WINDOW_MS,
  type SignatureCheck,
  type SignatureFailure,
  signatureUri,
  type SignedRequest,
  signV2,
  signV3,
  type V3Request,
  verifyV2,
  verifyV3,
} from './signatures.ts'
export { SCHEMA_VERSION } from './store/sqlite-schema.ts'
export { SERVER_STORE_FILE, SqliteServerStore } from './store/sqlite-server-store.ts'
export {
  type EventKey,
  type Installation,
  INSTALLATION_STATUSES,
  type InstallationStatus,
  type InstallationTokens,
  type Job,
  JOB_KINDS,
  JOB_STATUSES,
  type JobKind,
  type JobStatus,
  type JobUpdate,
  type JsonValue,
  type NewInstallation,
  type NewJob,
  type NewSettings,
  type SaveSettingsResult,
  type ServerStore,
  type SettingsVersion,
} from './store/types.ts'
export {
  installationTokenContext,
  type SealedToken,
  TOKEN_CIPHER_FAILURES,
  TokenCipher,
  TokenCipherError,
  type TokenCipherFailure,
} from './token-cipher.ts'
