/**
 * @module The backend's Express app, built without listening so that tests drive it in-process and
 * `health-score serve` alone listens. The skeleton: the ops routes, a JSON 404 and the error
 * handler; the OAuth, card, settings, portfolio, webhook and workflow-action routes mount between
 * them.
 *
 * Ops routes: `GET /healthz` is liveness (the process answers: 200, always); `GET /readyz` is
 * readiness (200 when the store answers and the job worker is running, else 503 naming what is
 * not), so a load balancer sends traffic only to a backend that can do its work; `GET /metrics`
 * is Prometheus' text format.
 */
import express, { type Express } from 'express'

import type { Logger } from '../log.ts'
import { cardRoutes } from './api/card-routes.ts'
import { portfolioRoute } from './api/portfolio-route.ts'
import { settingsRoutes } from './api/settings-routes.ts'
import { WORKFLOW_ACTION_PATH, workflowActionRoute } from './api/workflow-action-route.ts'
import type { ServerConfig } from './config.ts'
import { errorHandler } from './http-error.ts'
import type { JobQueue } from './jobs/job-queue.ts'
import { createMetrics, type Metrics } from './metrics.ts'
import { createOAuthRouter, type OAuthRouterDeps } from './oauth/oauth-router.ts'
import type { PortalConnections } from './portal-connections.ts'
import { PortalModels } from './portal-models.ts'
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
  /** The portals' models, shared with the host's webhook and job work (default: the app's own). */
  readonly models?: PortalModels
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
  /** What `/metrics` serves; a fresh set when not given. */
  readonly metrics?: Metrics
  /** The job worker, for readiness: not ready while it is not running (or absent). */
  readonly worker?: { readonly running: boolean }
  /** Where the settings page's backtests are queued (the job queue); without it they answer 503. */
  readonly jobs?: Pick<JobQueue, 'enqueue'>
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
  const metrics = deps.metrics ?? createMetrics()
  app.get('/healthz', function healthz(_req, res) {
    res.json({ status: 'ok' })
  })
  app.get('/readyz', async function readyz(_req, res) {
    const checks = {
      store: (await storeAnswers(deps.store)) ? 'ok' : 'unavailable',
      worker: deps.worker?.running ? 'running' : 'stopped',
    }
    if (checks.store === 'ok' && checks.worker === 'running') res.json({ status: 'ok', checks })
    else {
      const failing = Object.entries(checks).filter(
        ([, value]) => value !== 'ok' && value !== 'running',
      )
      const message = `not ready: ${failing.map(([name, value]) => `${name} ${value}`).join(', ')}`
      res.status(503).json({ status: 'error', message, checks })
    }
  })
  app.get('/metrics', async function prometheus(_req, res) {
    res.type(metrics.contentType).send(await metrics.text())
  })
  const { config, store, connections } = deps
  const models = deps.models ?? new PortalModels(store)
  const signed = requireSignedPortal({ config, store, replays: new ReplayGuard() })
  if (deps.oauth) app.use('/oauth', createOAuthRouter({ ...deps, ...deps.oauth }))
  const { logger } = deps
  const portfolio = store.portfolio()
  app.use('/api', cardRoutes({ signed, connections, models, portfolio, logger }))
  app.use(
    '/api',
    settingsRoutes({
      signed,
      store,
      connections,
      models,
      logger,
      ...(deps.jobs ? { jobs: deps.jobs } : {}),
    }),
  )
  app.use('/api', portfolioRoute({ signed, portfolio }))
  app.post(
    WORKFLOW_ACTION_PATH,
    ...workflowActionRoute({ config, store, connections, models, portfolio, logger }),
  )
  app.use(function notFound(req, res) {
    res.status(404).json({ status: 'error', message: `no route for ${req.method} ${req.path}` })
  })
  app.use(errorHandler(deps.logger))
  return app
}

/** Whether the store answers a read (a closed or broken store throws). */
async function storeAnswers(store: ServerStore): Promise<boolean> {
  try {
    await store.getInstallation(0)
    return true
  } catch {
    return false
  }
}
