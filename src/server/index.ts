/**
 * @module The marketplace backend's foundations: configuration, token encryption, HubSpot's request
 * signatures, the OAuth install (state, tokens and their refresh, the portals' connections) and the
 * store, and the host that starts it all (`startServer`). Hosts (`health-score serve`) import from
 * here only.
 */
export { CARD_BUDGET_MS, cardRoutes, type CardRoutesDeps } from './api/card-routes.ts'
export { asHttpError, badRequest } from './api/operation-errors.ts'
export { type PortalModel, PortalModels } from './api/portal-model.ts'
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
export { errorHandler, HttpError } from './http-error.ts'
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
