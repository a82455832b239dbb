/**
 * @module The backend's host: reads the configuration, opens the store, wires the OAuth tokens and
 * the portals' connections into `createApp`, listens, and starts the background services. Its
 * `close()` is graceful: it stops accepting, lets the requests in flight finish (for a bounded
 * time), stops the services, then closes the connections and the store. `health-score serve` and
 * `health-score demo` both start the backend here.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { z } from 'zod'

import type { Logger } from '../log.ts'
import { loadServerConfig, type ServerConfig, ServerConfigError } from './config.ts'
import { createApp } from './create-app.ts'
import {
  catchUpService,
  eventPruningService,
  jobsService,
  webhookService,
} from './host-services.ts'
import { createBackgroundJobs } from './jobs/background-jobs.ts'
import { meteredConnections } from './metered-connections.ts'
import { createMetrics } from './metrics.ts'
import { createHubSpotOAuth } from './oauth/hubspot-oauth.ts'
import { createOAuthPortalConnections } from './oauth/oauth-portal-connections.ts'
import { TokenManager } from './oauth/token-manager.ts'
import type { PortalConnections } from './portal-connections.ts'
import { PortalModels } from './portal-models.ts'
import { SqliteServerStore } from './store/sqlite-server-store.ts'
import type { ServerStore } from './store/types.ts'
import { TokenCipher } from './token-cipher.ts'
import { WebhookProcessor } from './webhooks/webhook-processor.ts'

/** How long `close()` waits for the requests in flight before it cuts them, ms. */
export const DRAIN_MS = 10_000

/** The environment variable naming the interface to listen on. */
export const HOST_VARIABLE = 'HEALTH_SCORE_HOST'

/** The interfaces the backend may listen on: loopback (the default), or every IPv4 interface. */
export const LISTEN_HOSTS = ['127.0.0.1', '0.0.0.0'] as const
export type ListenHost = (typeof LISTEN_HOSTS)[number]

const HOST = z
  .enum(LISTEN_HOSTS, {
    error: `must be 127.0.0.1 (loopback, the default) or 0.0.0.0 (every interface, e.g. in a container behind TLS)`,
  })
  .optional()

/**
 * Background work the backend runs beside its routes (the webhook coalescer, the job runner, the
 * nightly scheduler): started once the server listens, stopped on close after the requests in
 * flight, before the connections and the store close.
 */
export interface ServerService {
  /** For the logs: `webhooks`, `jobs`, `scheduler`. */
  readonly name: string
  start(): Promise<void> | void
  /** Finishes or checkpoints its work in flight; the store and connections are still open. */
  stop(): Promise<void> | void
}

/** What the host made, for the services to run on. */
export interface ServerParts {
  readonly config: ServerConfig
  readonly store: ServerStore
  readonly connections: PortalConnections
  readonly tokens: TokenManager
  readonly logger: Logger
}

export interface StartServerOptions {
  /** The variables of the configuration table (shared/DESIGN.md), plus `HEALTH_SCORE_HOST`. */
  readonly env: Readonly<Record<string, string | undefined>>
  /** Overrides `PORT`; 0 for any free port. */
  readonly port?: number
  readonly logger: Logger
  /** How long `close()` waits for requests in flight, ms; default `DRAIN_MS`. */
  readonly drainMs?: number
  /** More services, after the backend's own (tests). */
  readonly services?: (parts: ServerParts) => readonly ServerService[]
}

export interface RunningServer {
  /** Where the backend answers on this machine: `http://127.0.0.1:PORT`. */
  readonly url: string
  readonly host: ListenHost
  readonly config: ServerConfig
  /** Stops gracefully; every call returns the same promise. */
  close(): Promise<void>
}

/**
 * Starts the backend.
 * @throws ServerConfigError naming every missing or bad variable, one per line, before listening
 * @throws Error when the store cannot be opened or the port is taken (nothing is left open)
 * @example
 * const server = await startServer({ env: process.env, logger })
 * process.stdout.write(`listening on ${server.url}\n`)
 * await untilSignal()
 * await server.close()
 */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const { logger } = options
  const env =
    options.port === undefined ? options.env : { ...options.env, PORT: String(options.port) }
  let config = loadConfig(env)
  const host = HOST.parse(emptyAsUnset(env[HOST_VARIABLE])) ?? '127.0.0.1'
  const store = new SqliteServerStore(config.dataDir)
  let server: Server
  try {
    server = await listen(config.port, host)
  } catch (error) {
    await store.close()
    throw error
  }
  const port = (server.address() as AddressInfo).port
  // Port 0: the public URL's default (and so the OAuth redirect and signed URIs) names the real port.
  if (port !== config.port && emptyAsUnset(env.HEALTH_SCORE_PUBLIC_URL) === undefined)
    config = loadServerConfig({ ...env, PORT: String(port) })
  for (const warning of config.warnings) logger.warn({}, warning)

  const cipher = new TokenCipher(config.tokenKey)
  const oauth = createHubSpotOAuth(config)
  const tokens = new TokenManager({ store, cipher, oauth, logger })
  const metrics = createMetrics()
  const connections = meteredConnections(
    createOAuthPortalConnections({ store, tokens, apiBaseUrl: config.apiBaseUrl }),
    metrics,
  )
  // One compiled model per portal and settings version, for the routes, webhooks and jobs alike.
  const models = new PortalModels(store)
  const { modelFor } = models
  const processor = new WebhookProcessor({
    store,
    connections,
    modelFor,
    logger,
    onRescored(_portalId, _health, { oldestEventAt }) {
      metrics.companiesRescored()
      metrics.observeWebhookLag((Date.now() - oldestEventAt) / 1000)
    },
  })
  const jobs = createBackgroundJobs({
    store,
    connections,
    rescoreAt: config.rescoreAt,
    logger,
    metrics,
    models,
  })
  const app = createApp({
    config,
    store,
    logger,
    connections,
    models,
    oauth: { tokens },
    webhooks: { processor },
    metrics,
    worker: jobs.queue,
    jobs: jobs.queue,
  })
  server.on('request', app)
  const parts: ServerParts = { config, store, connections, tokens, logger }

  // The background services, started in this order and stopped in reverse, after the requests in
  // flight and before the connections and the store close.
  const services: ServerService[] = [
    webhookService(processor),
    jobsService(jobs),
    catchUpService({ store, connections, modelFor, logger }),
    eventPruningService(store, logger),
    ...(options.services?.(parts) ?? []),
  ]
  const started: ServerService[] = []
  const stopServices = async () => {
    for (const service of started.splice(0).reverse()) {
      try {
        await service.stop()
      } catch (error) {
        logger.error({ service: service.name, error: message(error) }, 'a service failed to stop')
      }
    }
  }
  const releaseAll = async () => {
    await stopServices()
    await connections.close()
    await store.close()
  }
  try {
    for (const service of services) {
      await service.start()
      started.push(service)
    }
  } catch (error) {
    await closeServer(server, 0, logger)
    await releaseAll()
    throw error
  }

  const url = `http://127.0.0.1:${port}`
  logger.info({ url, host, publicUrl: config.publicUrl }, 'backend listening')
  let closing: Promise<void> | undefined
  return {
    url,
    host,
    config,
    close() {
      closing ??= (async () => {
        logger.info({}, 'backend stopping: finishing the requests in flight')
        await closeServer(server, options.drainMs ?? DRAIN_MS, logger)
        await releaseAll()
        logger.info({}, 'backend stopped')
      })()
      return closing
    },
  }
}

/** The configuration, with a bad `HEALTH_SCORE_HOST` among its problems. */
function loadConfig(env: Readonly<Record<string, string | undefined>>): ServerConfig {
  const host = HOST.safeParse(emptyAsUnset(env[HOST_VARIABLE]))
  const hostProblems = host.success
    ? []
    : host.error.issues.map((issue) => `${HOST_VARIABLE} ${issue.message}`)
  let config: ServerConfig | undefined
  let problems = hostProblems
  try {
    config = loadServerConfig(env)
  } catch (error) {
    if (!(error instanceof ServerConfigError)) throw error
    problems = [...error.problems, ...hostProblems]
  }
  if (!config || problems.length > 0) throw new ServerConfigError(problems)
  return config
}

function emptyAsUnset(value: string | undefined): string | undefined {
  return value === '' ? undefined : value
}

function listen(port: number, host: ListenHost): Promise<Server> {
  const server = createServer()
  return new Promise((resolve, reject) => {
    server.once('error', (error) =>
      reject(new Error(`cannot listen on ${host}:${port}: ${message(error)}`, { cause: error })),
    )
    server.listen(port, host, () => resolve(server))
  })
}

/**
 * Stops accepting, closes idle keep-alive sockets as their requests finish, and after `drainMs`
 * cuts whatever is still open.
 */
async function closeServer(server: Server, drainMs: number, logger: Logger): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  server.closeIdleConnections()
  const sweep = setInterval(() => server.closeIdleConnections(), 50)
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), drainMs)
  })
  try {
    if ((await Promise.race([closed, timeout])) === 'timeout') {
      logger.warn({ drainMs }, 'requests still in flight after the drain time: cut')
      server.closeAllConnections()
      await closed
    }
  } finally {
    clearInterval(sweep)
    clearTimeout(timer)
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
