/**
 * @fileoverview The backend over real HTTP on loopback for tests: an emulator portal served over
 * HTTP, an in-memory store with that portal installed, `createApp` listening on 127.0.0.1:0, and
 * `hubspotFetch`, a `BackendFetch` that behaves like `hubspot.fetch`: it adds `portalId`, `userId`,
 * `userEmail` and `appId` to the query, signs with v3 and the client secret, and makes the request.
 * `stop()` closes everything it started, in reverse.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Fixture } from '@health-score/hubspot-emulator'
import {
  createTestPortal,
  TEST_PORTAL_ID,
  type TestPortal,
} from '@health-score/hubspot-emulator/testing'

import type { BackendFetch } from '../../src/app/cards/transport/backend-fetch.ts'
import { getDefaultModel } from '../../src/health/index.ts'
import { createConnection } from '../../src/hubspot/index.ts'
import type { Logger } from '../../src/log.ts'
import { ensureSchema } from '../../src/operations/index.ts'
import {
  createApp,
  installationTokenContext,
  jobHandlers,
  loadServerConfig,
  type ServerConfig,
  signV3,
  SqliteServerStore,
  StoreJobQueue,
  TokenCipher,
} from '../../src/server/index.ts'
import { EmulatorConnections } from './emulator-connections.ts'

export const CLIENT_SECRET = 'test-client-secret'
export const PORTAL_ID = TEST_PORTAL_ID
export const USER_ID = 777
export const USER_EMAIL = 'csm@example.com'
export const APP_ID = 4242

/** A logger that keeps every line, so a test can check nothing secret or personal was logged. */
export function recordingLogger(): Logger & { lines: { facts: object; message: string }[] } {
  const lines: { facts: object; message: string }[] = []
  const keep = (facts: object, message: string) => void lines.push({ facts, message })
  return { lines, error: keep, warn: keep, info: keep, debug: keep }
}

/** One signed request, as HubSpot would send it: headers and the exact body bytes. */
export interface SignedParts {
  readonly url: string
  readonly headers: Record<string, string>
  readonly body: string
}

export interface Backend {
  readonly url: string
  readonly config: ServerConfig
  readonly store: SqliteServerStore
  readonly portal: TestPortal
  readonly emulatorUrl: string
  readonly connections: EmulatorConnections
  readonly logger: ReturnType<typeof recordingLogger>
  /** The job queue behind the backtest routes (started when `jobs` was `'running'`). */
  readonly queue: StoreJobQueue
  /** `hubspot.fetch` for `portalId` (default the installed portal). */
  hubspotFetch(portalId?: number): BackendFetch
  /** Signs a request for `path` (query included) the way `hubspot.fetch` would. */
  sign(method: string, path: string, body?: unknown, options?: SignOptions): SignedParts
  stop(): Promise<void>
}

export interface SignOptions {
  readonly portalId?: number
  /** The request's timestamp, epoch ms; default now. */
  readonly timestamp?: number
  readonly clientSecret?: string
}

export interface BackendOptions {
  /** Replaces the token the backend calls HubSpot with (a revoked one, say). */
  readonly connectionToken?: string
  /** The portal's data instead of `companies` generated companies (the demo portal, say). */
  readonly fixture?: Fixture
  /** Whether the job queue runs (`'running'`) or only records jobs (`'stopped'`, the default). */
  readonly jobs?: 'running' | 'stopped'
}

/**
 * Starts the backend for `companies` emulator companies (or `options.fixture`), the app's schema
 * ensured in the portal, with a job queue the backtest routes enqueue on.
 * @example
 * const backend = await startBackend(); onTestFinished(backend.stop)
 */
export async function startBackend(companies = 3, options: BackendOptions = {}): Promise<Backend> {
  const stops: (() => Promise<void>)[] = []
  const stop = async () => {
    for (const close of stops.splice(0).reverse()) await close()
  }
  try {
    const portal = createTestPortal({
      ...(options.fixture ? { fixture: options.fixture } : { companies }),
      rateLimits: false,
    })
    const emulator = await portal.serve()
    stops.push(() => emulator.close())
    const schemaConn = createConnection({ accessToken: portal.token, basePath: emulator.url })
    try {
      await ensureSchema({ connection: schemaConn, model: getDefaultModel() })
    } finally {
      await schemaConn.close()
    }
    const store = new SqliteServerStore(':memory:')
    stops.push(() => store.close())
    const cipher = new TokenCipher(Buffer.alloc(32, 7))
    await store.saveInstallation(
      {
        portalId: PORTAL_ID,
        scopes: ['crm.objects.companies.read'],
        tokens: {
          accessToken: cipher.seal(portal.token, installationTokenContext(PORTAL_ID, 'access')),
          refreshToken: cipher.seal('refresh', installationTokenContext(PORTAL_ID, 'refresh')),
          expiresAt: Date.now() + 3_600_000,
        },
      },
      Date.now(),
    )
    const connections = new EmulatorConnections({
      installed: store,
      basePath: emulator.url,
      token: options.connectionToken ?? portal.token,
    })
    stops.push(() => connections.close())
    const logger = recordingLogger()
    const queue = new StoreJobQueue({ store, handler: jobHandlers({ store, connections }), logger })
    if (options.jobs === 'running') await queue.start()
    stops.push(() => queue.stop())
    const server = createServer()
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    stops.push(() => closeServer(server))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const config = loadServerConfig({
      HUBSPOT_CLIENT_ID: 'test-client-id',
      HUBSPOT_CLIENT_SECRET: CLIENT_SECRET,
      HEALTH_SCORE_PUBLIC_URL: url,
    })
    server.on('request', createApp({ config, store, logger, connections, jobs: queue }))
    const sign = (method: string, path: string, body?: unknown, options: SignOptions = {}) => {
      const text = body === undefined ? '' : JSON.stringify(body)
      const timestamp = String(options.timestamp ?? Date.now())
      const uri = `${config.publicUrl}${path}`
      const signature = signV3({
        method,
        uri,
        body: text,
        timestamp,
        clientSecret: options.clientSecret ?? CLIENT_SECRET,
      })
      return {
        url: `${url}${path}`,
        body: text,
        headers: {
          'content-type': 'application/json',
          'x-hubspot-signature-v3': signature,
          'x-hubspot-request-timestamp': timestamp,
        },
      }
    }
    const hubspotFetch =
      (portalId = PORTAL_ID): BackendFetch =>
      async (target, options) => {
        const address = new URL(target)
        const query = new URLSearchParams(address.search)
        query.set('userId', String(USER_ID))
        query.set('userEmail', USER_EMAIL)
        query.set('appId', String(APP_ID))
        query.set('portalId', String(portalId))
        const path = `${address.pathname}?${query}`
        const parts = sign(options.method, path, options.body, { portalId })
        const response = await fetch(parts.url, {
          method: options.method,
          headers: parts.headers,
          ...(options.body === undefined ? {} : { body: parts.body }),
          signal: AbortSignal.timeout(options.timeout ?? 15_000),
        })
        return response
      }
    return {
      url,
      config,
      store,
      portal,
      emulatorUrl: emulator.url,
      connections,
      logger,
      queue,
      hubspotFetch,
      sign,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}
