/**
 * @module A load rig for the marketplace backend: `portals` HubSpot emulators, each serving one
 * demo-like portal over HTTP on loopback with HubSpot's OAuth burst limit enforced and a small
 * latency, and one backend (`createApp`) whose `PortalConnections` reach each portal's emulator
 * with the production connection code (`createConnection` at `OAUTH_RATE_LIMIT`, a token source
 * asked before each call). The token is the emulator's private-app token, not an OAuth token
 * refreshed from a refresh token: the emulator serves OAuth too, but one refresh per portal would
 * measure nothing here. `request()` signs like `hubspot.fetch`. Used by `npm run bench:server` and
 * by the budget test in test/server/.
 */
import { type ChildProcess, fork } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'

import { getDefaultModel } from '../src/health/index.ts'
import { createConnection, type HubSpotConnection } from '../src/hubspot/index.ts'
import type { Logger } from '../src/log.ts'
import { ensureSchema, MemoryRunJournal, rescorePortal } from '../src/operations/index.ts'
import {
  createApp,
  installationTokenContext,
  loadServerConfig,
  OAUTH_RATE_LIMIT,
  type PortalConnections,
  PortalNotInstalledError,
  type ServerStore,
  signV3,
  SqliteServerStore,
  TokenCipher,
} from '../src/server/index.ts'
import {
  type ChildMessage,
  type EmulatorPortals,
  type ParentMessage,
  type PortalInfo,
  type PortalsOptions,
  startEmulatorPortals,
} from './emulator-portals.ts'

export const RIG_CLIENT_SECRET = 'bench-client-secret'
/** The token the backend calls each emulator with; the set-up uses another app's, with its own budget. */
const BACKEND_TOKEN = 'backend-private-app-token'
const SETUP_TOKEN = 'setup-private-app-token'
const BURST_WINDOW_MS = 10_000

export interface RigOptions {
  readonly portals: number
  /** Companies per portal (demo generator, seed = portal index + 1). */
  readonly companies: number
  /** The emulator's latency for portal `index`, ms. */
  readonly latencyMs: (index: number) => number
  /** The emulator's burst limit per app per rolling 10 s. Default HubSpot's OAuth 110. */
  readonly emulatorBurst?: number
  /**
   * Score every portal once before the load (through another app's token), so a card view reads
   * the whole snapshot as it does on a scored portal, not the one call of a never-scored company.
   * Default true.
   */
  readonly prescore?: boolean
  readonly logger?: Logger
  /**
   * Where the emulators run: in this process (default), or in a child process of their own, so
   * that their work does not share the backend's event loop and the latencies are the backend's.
   */
  readonly emulatorsIn?: 'this-process' | 'child-process'
}

/** One portal: its id, its emulator's URL and latency, its company ids. */
export type RigPortal = PortalInfo

/** What an emulator answers at `/__emulator/stats`, the part the bench reads. */
export interface EmulatorCallStats {
  readonly total: number
  readonly rateLimited: number
  readonly byEndpoint: Record<string, number>
}

export interface RigAnswer {
  readonly status: number
  readonly ms: number
  readonly body: unknown
}

export interface SignedCall {
  readonly method: 'GET' | 'POST'
  /** The path with no query, e.g. `/api/companies/101/health`. */
  readonly path: string
  readonly userId: number
  readonly body?: unknown
}

export interface Rig {
  readonly backendUrl: string
  readonly portals: readonly RigPortal[]
  /** One card request for `portalId`, signed v3 with the query `hubspot.fetch` adds. */
  request(portalId: number, call: SignedCall): Promise<RigAnswer>
  /** The emulator's own counts, over HTTP. */
  stats(portal: RigPortal): Promise<EmulatorCallStats>
  /** Zeroes every emulator's counts; the burst log is kept, since the budget spans rounds. */
  resetStats(): Promise<void>
  /** When each call of the backend drew on a portal's burst budget (epoch ms), by portal id. */
  burstTimes(): Promise<Record<number, number[]>>
  /** The calls each portal's backend connection made. */
  connectionCalls(portalId: number): number
  stop(): Promise<void>
}

const SILENT: Logger = { error() {}, warn() {}, info() {}, debug() {} }

/**
 * The most of `times` (epoch ms, any order) inside any rolling window of `windowMs`.
 * @example peakInWindow([0, 5000, 9999, 10_000], 10_000) // 3
 */
export function peakInWindow(times: readonly number[], windowMs = BURST_WINDOW_MS): number {
  const sorted = [...times].sort((a, b) => a - b)
  let peak = 0
  let start = 0
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[start] as number) <= (sorted[end] as number) - windowMs) start++
    peak = Math.max(peak, end - start + 1)
  }
  return peak
}

/**
 * The value at quantile `q` (0–1) of `values`, nearest rank.
 * @example quantile([1, 2, 3, 4], 0.5) // 2
 */
export function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  if (!sorted.length) return NaN
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!
}

/** Production's `PortalConnections` shape, one emulator per portal and a private-app token. */
class RigConnections implements PortalConnections {
  private readonly connections = new Map<number, HubSpotConnection>()

  constructor(
    private readonly store: Pick<ServerStore, 'getInstallation'>,
    private readonly urlOf: (portalId: number) => string,
  ) {}

  async forPortal(portalId: number): Promise<HubSpotConnection> {
    const installation = await this.store.getInstallation(portalId)
    if (installation?.status !== 'installed') throw new PortalNotInstalledError(portalId)
    let connection = this.connections.get(portalId)
    if (!connection) {
      // As createOAuthPortalConnections makes it: default attempts and timeouts, a token source.
      connection = createConnection({
        accessToken: async () => BACKEND_TOKEN,
        basePath: this.urlOf(portalId),
        rateLimit: OAUTH_RATE_LIMIT,
      })
      this.connections.set(portalId, connection)
    }
    return connection
  }

  calls(portalId: number): number {
    return this.connections.get(portalId)?.calls.total ?? 0
  }

  async close(): Promise<void> {
    const all = [...this.connections.values()]
    this.connections.clear()
    await Promise.all(all.map((connection) => connection.close()))
  }
}

/**
 * Starts the emulators and the backend, installs the portals, and (by default) scores them once.
 * On failure everything started so far is stopped before the error is thrown.
 * @throws Error when an emulator, the backend or the set-up fails
 * @example
 * const rig = await startRig({ portals: 20, companies: 100, latencyMs: () => 40 })
 * try { await rig.request(rig.portals[0].portalId, { method: 'GET', path: '/api/companies/1/health', userId: 1 }) }
 * finally { await rig.stop() }
 */
export async function startRig(options: RigOptions): Promise<Rig> {
  const stops: (() => Promise<void>)[] = []
  const stop = async () => {
    const errors: unknown[] = []
    for (const close of stops.splice(0).reverse()) await close().catch((e) => errors.push(e))
    if (errors.length) throw errors[0]
  }
  try {
    const emulators = await (
      options.emulatorsIn === 'child-process' ? inChild : startEmulatorPortals
    )({
      companies: options.companies,
      latencies: Array.from({ length: options.portals }, (_, index) => options.latencyMs(index)),
      burst: options.emulatorBurst ?? OAUTH_RATE_LIMIT,
      backendToken: BACKEND_TOKEN,
      setupToken: SETUP_TOKEN,
    })
    stops.push(() => emulators.close())
    const { portals } = emulators
    const byId = new Map(portals.map((portal) => [portal.portalId, portal]))
    const model = getDefaultModel()
    await Promise.all(portals.map((portal) => setUpPortal(portal, model, options.prescore ?? true)))

    const store = new SqliteServerStore(':memory:')
    stops.push(async () => store.close())
    const cipher = new TokenCipher(Buffer.alloc(32, 9))
    for (const { portalId } of portals)
      await store.saveInstallation(
        {
          portalId,
          scopes: ['crm.objects.companies.read', 'crm.objects.companies.write'],
          tokens: {
            accessToken: cipher.seal(BACKEND_TOKEN, installationTokenContext(portalId, 'access')),
            refreshToken: cipher.seal('unused', installationTokenContext(portalId, 'refresh')),
            expiresAt: Date.now() + 3_600_000,
          },
        },
        Date.now(),
      )
    const connections = new RigConnections(store, (id) => byId.get(id)!.url)
    stops.push(() => connections.close())

    const server = createServer()
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject)
      server.listen(0, '127.0.0.1', () => resolve())
    })
    stops.push(() => closeServer(server))
    const backendUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    const config = loadServerConfig({
      HUBSPOT_CLIENT_ID: 'bench-client-id',
      HUBSPOT_CLIENT_SECRET: RIG_CLIENT_SECRET,
      HEALTH_SCORE_PUBLIC_URL: backendUrl,
    })
    server.on(
      'request',
      createApp({ config, store, logger: options.logger ?? SILENT, connections }),
    )

    return {
      backendUrl,
      portals,
      request: (portalId, call) => signedRequest(backendUrl, config.publicUrl, portalId, call),
      async stats(portal) {
        const response = await fetch(`${portal.url}/__emulator/stats`)
        const body = (await response.json()) as { calls: EmulatorCallStats }
        return body.calls
      },
      async resetStats() {
        for (const portal of portals) {
          const response = await fetch(`${portal.url}/__emulator/reset-stats`, {
            method: 'POST',
          })
          await response.arrayBuffer()
        }
      },
      burstTimes: () => emulators.burstTimes(),
      connectionCalls: (portalId) => connections.calls(portalId),
      stop,
    }
  } catch (error) {
    await stop().catch(() => {})
    throw error
  }
}

const CHILD_ENTRY = fileURLToPath(new URL('./emulator-portals.ts', import.meta.url))

/** The emulators in a child process: started, asked for their burst logs and stopped over IPC. */
async function inChild(options: PortalsOptions): Promise<EmulatorPortals> {
  const child = fork(CHILD_ENTRY, [JSON.stringify(options)], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const next = <T extends ChildMessage['type']>(type: T) =>
    new Promise<Extract<ChildMessage, { type: T }>>((resolve, reject) => {
      const onMessage = (message: ChildMessage) => {
        if (message.type === 'failed') reject(new Error(`the emulators failed: ${message.message}`))
        else if (message.type === type) resolve(message as Extract<ChildMessage, { type: T }>)
        else return
        child.off('message', onMessage)
        child.off('exit', onExit)
      }
      const onExit = (code: number | null) =>
        reject(new Error(`the emulators' process exited (${code}) before it answered`))
      child.on('message', onMessage)
      child.once('exit', onExit)
    })
  const close = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    send(child, { type: 'stop' })
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }
  try {
    const { portals } = await next('ready')
    return {
      portals,
      async burstTimes() {
        const answer = next('burst-times')
        send(child, { type: 'burst-times' })
        return (await answer).times
      },
      close,
    }
  } catch (error) {
    child.kill('SIGKILL')
    await exited
    throw error
  }
}

function send(child: ChildProcess, message: ParentMessage): void {
  child.send(message)
}

/** The app's schema, and one full rescore, through the set-up app's own budget. */
async function setUpPortal(
  portal: RigPortal,
  model: ReturnType<typeof getDefaultModel>,
  prescore: boolean,
): Promise<void> {
  const connection = createConnection({
    accessToken: SETUP_TOKEN,
    basePath: portal.url,
    rateLimit: OAUTH_RATE_LIMIT,
  })
  try {
    await ensureSchema({ connection, model })
    if (prescore)
      await rescorePortal({
        connection,
        model,
        journal: new MemoryRunJournal(),
        portalKey: String(portal.portalId),
      })
  } finally {
    await connection.close()
  }
}

/** Like `hubspot.fetch`: the query gets userId, userEmail, appId and portalId; then v3 over it. */
async function signedRequest(
  backendUrl: string,
  publicUrl: string,
  portalId: number,
  call: SignedCall,
): Promise<RigAnswer> {
  const query = new URLSearchParams({
    userId: String(call.userId),
    userEmail: `csm${call.userId}@example.com`,
    appId: '4242',
    portalId: String(portalId),
  })
  const path = `${call.path}?${query}`
  const body = call.body === undefined ? '' : JSON.stringify(call.body)
  const timestamp = String(Date.now())
  const signature = signV3({
    method: call.method,
    uri: `${publicUrl}${path}`,
    body,
    timestamp,
    clientSecret: RIG_CLIENT_SECRET,
  })
  const started = performance.now()
  const response = await fetch(`${backendUrl}${path}`, {
    method: call.method,
    headers: {
      'content-type': 'application/json',
      'x-hubspot-signature-v3': signature,
      'x-hubspot-request-timestamp': timestamp,
    },
    ...(call.body === undefined ? {} : { body }),
    signal: AbortSignal.timeout(30_000),
  })
  const answer: unknown = await response.json().catch(() => null)
  return { status: response.status, ms: performance.now() - started, body: answer }
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    server.closeAllConnections()
  })
}
