/**
 * @module The marketplace backend's foundations: configuration, token encryption, HubSpot's request
 * signatures, the OAuth install (state, tokens and their refresh, the portals' connections), the
 * signed card and settings API, the webhook receiver, background jobs, metrics, the store, and the
 * host that starts it all (`startServer`). Hosts (`health-score serve`) import from here only.
 */
export { CARD_BUDGET_MS, cardRoutes, type CardRoutesDeps } from './api/card-routes.ts'
export { asHttpError, badRequest } from './api/operation-errors.ts'
export { portfolioRoute, type PortfolioRouteDeps } from './api/portfolio-route.ts'
export { PREVIEW_MAX_PAGES, previewTiers } from './api/preview-tiers.ts'
export { settingsRoutes, type SettingsRoutesDeps } from './api/settings-routes.ts'
export {
  WORKFLOW_ACTION_PATH,
  type WorkflowActionAnswer,
  type WorkflowActionDeps,
  workflowActionRoute,
} from './api/workflow-action-route.ts'
export {
  loadServerConfig,
  SERVER_DEFAULTS,
  type ServerConfig,
  ServerConfigError,
} from './config.ts'
export { type AppDeps, createApp } from './create-app.ts'
export { EVENT_DEDUPE_KEEP_MS, eventPruningService, PORTFOLIO_KEEP_MS } from './host-services.ts'
export { errorHandler, HttpError } from './http-error.ts'
export {
  type BackgroundJobs,
  type BackgroundJobsDeps,
  createBackgroundJobs,
} from './jobs/background-jobs.ts'
export {
  BACKTEST_JOB_REQUEST,
  type BacktestJobDeps,
  backtestJobHandler,
  type BacktestJobRequest,
} from './jobs/backtest-job.ts'
export { jobHandlers } from './jobs/job-handlers.ts'
export {
  type EnqueueResult,
  type JobContext,
  jobDedupeKey,
  type JobHandler,
  type JobOutcome,
  type JobQueue,
  type JobRequest,
} from './jobs/job-queue.ts'
export { nextRunAt, type TimeOfDay } from './jobs/next-run-at.ts'
export {
  NightlyScheduler,
  type NightlySchedulerOptions,
  type SchedulerTimers,
} from './jobs/nightly-scheduler.ts'
export { portalKeyOf, type RescoreJobDeps, rescoreJobHandler } from './jobs/rescore-job.ts'
export { StoreJobQueue, type StoreJobQueueOptions } from './jobs/store-job-queue.ts'
export { meteredConnections } from './metered-connections.ts'
export { createMetrics, type Metrics, METRICS_PREFIX } from './metrics.ts'
export {
  createHubSpotOAuth,
  type HubSpotOAuth,
  HubSpotOAuthError,
  type HubSpotOAuthOptions,
  type TokenGrant,
  type TokenInfo,
} from './oauth/hubspot-oauth.ts'
export {
  createOAuthPortalConnections,
  type OAuthPortalConnectionsOptions,
} from './oauth/oauth-portal-connections.ts'
export { createOAuthRouter, oauthRedirectUri, type OAuthRouterDeps } from './oauth/oauth-router.ts'
export {
  type InstalledPortal,
  REFRESH_MARGIN_MS,
  TokenManager,
  type TokenManagerOptions,
} from './oauth/token-manager.ts'
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
export { type ModelFor, type PortalModel, PortalModels } from './portal-models.ts'
export { assemblePortfolioView, type PortfolioRows } from './portfolio/assemble-portfolio-view.ts'
export { PORTFOLIO_LIMITS, readPortfolioView } from './portfolio/read-portfolio-view.ts'
export {
  recordHealth,
  type ScoreRecorder,
  scoreRecorder,
  scoreRecordOf,
} from './portfolio/record-scores.ts'
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
export {
  MAX_BODY_BYTES,
  ReplayGuard,
  requireSignedPortal,
  type SignedContext,
  signedContext,
  type SignedPortalDeps,
} from './signed-request.ts'
export {
  DRAIN_MS,
  HOST_VARIABLE,
  LISTEN_HOSTS,
  type ListenHost,
  type RunningServer,
  type ServerParts,
  type ServerService,
  startServer,
  type StartServerOptions,
} from './start-server.ts'
export { SqlitePortfolioStore } from './store/sqlite-portfolio-store.ts'
export { SCHEMA_VERSION } from './store/sqlite-schema.ts'
export { SERVER_STORE_FILE, SqliteServerStore } from './store/sqlite-server-store.ts'
export {
  type ActionRecord,
  type DistributionRow,
  type EventKey,
  type Installation,
  INSTALLATION_STATUSES,
  type InstallationStatus,
  type InstallationTokens,
  INTERVENTION_RESULTS,
  type InterventionResult,
  type InterventionRow,
  type Job,
  JOB_KINDS,
  JOB_STATUSES,
  type JobKind,
  type JobStatus,
  type JobUpdate,
  type JsonValue,
  type NewActionRecord,
  type NewInstallation,
  type NewJob,
  type NewSettings,
  PORTFOLIO_DAYS,
  type PortfolioAccountRow,
  type PortfolioStore,
  type SaveRateCounts,
  type SaveSettingsResult,
  type ScoreRecord,
  type ServerStore,
  type SettingsVersion,
  type WeekTiersRow,
} from './store/types.ts'
export {
  installationTokenContext,
  type SealedToken,
  TOKEN_CIPHER_FAILURES,
  TokenCipher,
  TokenCipherError,
  type TokenCipherFailure,
} from './token-cipher.ts'
export {
  type CatchUpJob,
  catchUpJobs,
  type CatchUpOptions,
  runCatchUp,
} from './webhooks/catch-up.ts'
export { companiesOf } from './webhooks/company-lookup.ts'
export {
  type EventFilter,
  eventFilter,
  type EventTarget,
  type LookupType,
  mapEvent,
  mapEvents,
  OBJECT_TYPES,
  OWN_PROPERTY_PREFIX,
} from './webhooks/map-events.ts'
export {
  type ParsedBatch,
  parseEvents,
  WEBHOOK_EVENT,
  type WebhookEvent,
} from './webhooks/webhook-event.ts'
export {
  type CompanyHealth,
  WEBHOOK_DEFAULTS,
  WebhookProcessor,
  type WebhookProcessorOptions,
  type WebhookStats,
} from './webhooks/webhook-processor.ts'
export { WEBHOOK_PATH, webhookRouter, type WebhookRouterDeps } from './webhooks/webhook-router.ts'
