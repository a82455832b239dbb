/**
 * @module The backend's Express app, built without listening so that tests drive it in-process and
 * `health-score serve` alone listens. The skeleton: a liveness route, a JSON 404 and the error
 * handler; the OAuth, card, settings, webhook and workflow-action routes mount between them.
 */
import express, { type Express } from 'express'

import type { Logger } from '../log.ts'
import { cardRoutes } from './api/card-routes.ts'
import { PortalModels } from './api/portal-model.ts'
import { settingsRoutes } from './api/settings-routes.ts'
import { WORKFLOW_ACTION_PATH, workflowActionRoute } from './api/workflow-action-route.ts'
import type { ServerConfig } from './config.ts'
import { errorHandler } from './http-error.ts'
import { createOAuthRouter, type OAuthRouterDeps } from './oauth/oauth-router.ts'
import type { PortalConnections } from './portal-connections.ts'
import { ReplayGuard, requireSignedPortal } from './signed-request.ts'
import type { ServerStore } from './store/types.ts'
import type { WebhookProcessor } from './webhooks/webhook-processor.ts'
import { webhookRouter } from './webhooks/webhook-router.ts'

/** What the app runs with; each is made once by the host and injected. */
export interface AppDeps {
  readonly config: ServerConfig
  readonly store: ServerStore
  readonly logger: Logger
  /** Each installed portal's one HubSpot connection (OAuth in production). */
  readonly connections: PortalConnections
  /** The install routes' own deps; without them the app has no `/oauth` routes (a test host). */
  readonly oauth?: Pick<OAuthRouterDeps, 'tokens' | 'now'>
  /**
   * Serves `POST /webhooks/hubspot`, handing acknowledged events to `processor`; `now` is the clock
   * signature timestamps are checked against (default `Date.now`).
   */
  readonly webhooks?: {
    readonly processor: Pick<WebhookProcessor, 'accept'>
    readonly now?: () => number
  }
}

/**
 * Builds the app.
 * @example
 * const app = createApp({ config, store, logger, connections })
 * const server = app.listen(config.port, '127.0.0.1')
 */
export function createApp(deps: AppDeps): Express {
  const app = express()
  app.disable('x-powered-by')
  // First, before any body parser: the webhook signature covers the raw bytes.
  if (deps.webhooks) app.use(webhookRouter({ ...deps, ...deps.webhooks }))
  app.get('/healthz', function healthz(_req, res) {
    res.json({ status: 'ok' })
  })
  const { config, store, connections } = deps
  const models = new PortalModels(store)
  const signed = requireSignedPortal({ config, store, replays: new ReplayGuard() })
  if (deps.oauth) app.use('/oauth', createOAuthRouter({ ...deps, ...deps.oauth }))
  app.use('/api', cardRoutes({ signed, connections, models }))
  app.use('/api', settingsRoutes({ signed, store, connections, models }))
  app.post(WORKFLOW_ACTION_PATH, ...workflowActionRoute({ config, store, connections, models }))
  app.use(function notFound(req, res) {
    res.status(404).json({ status: 'error', message: `no route for ${req.method} ${req.path}` })
  })
  app.use(errorHandler(deps.logger))
  return app
}
