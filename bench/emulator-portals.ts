/**
 * @module The load rig's portals: one HubSpot emulator per portal, each serving a demo portal over
 * HTTP on loopback at a burst limit and a latency, with a log of when each call of the backend's
 * app drew on the burst budget. Used in the rig's process, or run as a child process of its own
 * (`fork` this file with its options as JSON) so that the emulators' work does not share the
 * backend's event loop; the child answers over IPC and stops when told or when its parent goes.
 */
import { pathToFileURL } from 'node:url'

import {
  ALL_SCOPES,
  createEmulator,
  type EmulatorServer,
  startEmulatorServer,
} from '@health-score/hubspot-emulator'
import { z } from 'zod'

import { generateDemoPortal } from '../src/demo/index.ts'

const FIRST_PORTAL_ID = 20_000_001

export const PORTALS_OPTIONS = z.strictObject({
  /** Companies per portal (demo generator, seed = portal index + 1). */
  companies: z.int().min(1),
  /** Each portal's emulator latency, ms; one portal per entry. */
  latencies: z.array(z.number().min(0)).min(1),
  /** The emulator's burst limit per app per rolling 10 s. */
  burst: z.int().min(1),
  /** The token the backend calls with, and the set-up's (another app, with its own budget). */
  backendToken: z.string().min(1),
  setupToken: z.string().min(1),
})
export type PortalsOptions = z.infer<typeof PORTALS_OPTIONS>

export interface PortalInfo {
  readonly portalId: number
  readonly index: number
  readonly latencyMs: number
  /** The emulator's base URL. */
  readonly url: string
  readonly companyIds: readonly string[]
}

export interface EmulatorPortals {
  readonly portals: readonly PortalInfo[]
  /** When each call of the backend's app drew on a portal's burst budget (epoch ms), by portal. */
  burstTimes(): Promise<Record<number, number[]>>
  close(): Promise<void>
}

/**
 * Starts one emulator per entry of `latencies`; on failure closes those already started.
 * @throws Error when an emulator cannot be started
 * @example const portals = await startEmulatorPortals({ companies: 50, latencies: [30, 40], … })
 */
export async function startEmulatorPortals(options: PortalsOptions): Promise<EmulatorPortals> {
  const servers: EmulatorServer[] = []
  const times = new Map<number, number[]>()
  const close = async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()))
  }
  try {
    const portals = await Promise.all(
      options.latencies.map(async (latencyMs, index): Promise<PortalInfo> => {
        const portalId = FIRST_PORTAL_ID + index
        const { fixture } = generateDemoPortal({
          companies: options.companies,
          seed: index + 1,
          portalId,
        })
        const emulator = createEmulator({
          fixture,
          token: options.backendToken,
          rateLimit: options.burst,
          latencyMs,
        })
        emulator.addPrivateAppToken(options.setupToken, ALL_SCOPES)
        // The emulator keeps no times of its calls, so note when each call of the backend's app
        // draws on the burst budget: the very check that answers 429 past the limit.
        const log: number[] = []
        times.set(portalId, log)
        const limiter = emulator.context.limiter
        const check = limiter.check.bind(limiter)
        const backendKey = `private:${options.backendToken}`
        limiter.check = (policy, appKey, withDailyHeaders) => {
          if (policy === 'burst' && appKey === backendKey) log.push(Date.now())
          return check(policy, appKey, withDailyHeaders)
        }
        const server = await startEmulatorServer(emulator, { port: 0 })
        servers.push(server)
        const companyIds = fixture.companies.map((company) => company.id)
        return { portalId, index, latencyMs, url: server.url, companyIds }
      }),
    )
    return {
      portals,
      burstTimes: async () => Object.fromEntries([...times].map(([id, log]) => [id, [...log]])),
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}

/** What the child sends its parent. */
export type ChildMessage =
  | { readonly type: 'ready'; readonly portals: readonly PortalInfo[] }
  | { readonly type: 'burst-times'; readonly times: Record<number, number[]> }
  | { readonly type: 'failed'; readonly message: string }

/** What the parent sends the child. */
export type ParentMessage = { readonly type: 'burst-times' } | { readonly type: 'stop' }

async function runChild(): Promise<void> {
  const send = (message: ChildMessage) => process.send?.(message)
  let portals: EmulatorPortals
  try {
    portals = await startEmulatorPortals(PORTALS_OPTIONS.parse(JSON.parse(process.argv[2] ?? '')))
  } catch (error) {
    send({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
    process.disconnect?.()
    return
  }
  const stop = () => void portals.close().finally(() => process.exit(0))
  process.on('disconnect', stop)
  process.on('message', (message: ParentMessage) => {
    if (message.type === 'stop') stop()
    else void portals.burstTimes().then((times) => send({ type: 'burst-times', times }))
  })
  send({ type: 'ready', portals: portals.portals })
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await runChild()
