/**
 * @module The door of the card and settings API: every request is one `hubspot.fetch` made by
 * HubSpot, signed with v3 over `method + public URL + path + query + raw body + timestamp`. The
 * middleware reads the raw body (the signature covers its exact bytes), checks the signature, the
 * 5-minute window and replays, then takes the portal from the signed query's `portalId` and
 * requires it to be installed. Routes read the result with `signedContext(req)`; nothing else
 * about the caller is trusted, and no body names a portal.
 */
import express, { type Request, type RequestHandler } from 'express'

import type { ServerConfig } from './config.ts'
import { HttpError } from './http-error.ts'
import { SIGNATURE_WINDOW_MS, verifyV3 } from './signatures.ts'
import type { ServerStore } from './store/types.ts'

/** The largest body a card or settings request may carry (a model is a few kB). */
export const MAX_BODY_BYTES = 256 * 1024

/** What a verified request proved. */
export interface SignedContext {
  /** The installed portal, from the signed query's `portalId`. */
  readonly portalId: number
  /** The HubSpot user, from the signed query's `userId`, or null when HubSpot sent none. */
  readonly userId: string | null
  /** The body as JSON (undefined when there was none). */
  readonly body: unknown
}

const contexts = new WeakMap<Request, SignedContext>()

/**
 * What `requireSignedPortal` proved about this request.
 * @throws Error when the route is mounted without `requireSignedPortal` (a programming error)
 * @example
 * const { portalId, body } = signedContext(req)
 */
export function signedContext(req: Request): SignedContext {
  const context = contexts.get(req)
  if (!context) throw new Error('signedContext: the route is not behind requireSignedPortal')
  return context
}

/**
 * Signatures seen within the window, so that a captured request cannot be sent again.
 *
 * @note Kept in this process's memory. A signature is only replayable while its timestamp is
 * within 5 minutes of now, so remembering each for that long (at most some thousand entries per
 * busy portal) catches every replay that reaches this process. With several instances behind a
 * load balancer, a replay sent to another instance is not caught: that deployment needs the
 * memory shared (Redis `SET key NX PX 600000`, or a table in the store keyed by signature), at the
 * cost of one round trip per request. One instance, as `health-score serve` runs today, needs none.
 */
export class ReplayGuard {
  private readonly seen = new Map<string, number>()
  private nextSweep = 0

  /** How long a signature stays replayable after its timestamp: the window on either side. */
  static readonly REMEMBER_MS = 2 * SIGNATURE_WINDOW_MS

  /**
   * Remembers a verified signature; false when it was already seen within the window.
   * @example
   * if (!guard.firstUse(signature, Number(timestamp), Date.now())) throw new HttpError(401, …)
   */
  firstUse(signature: string, timestamp: number, now: number): boolean {
    this.sweep(now)
    const until = this.seen.get(signature)
    if (until !== undefined && until > now) return false
    this.seen.set(signature, Math.max(timestamp, now) + ReplayGuard.REMEMBER_MS)
    return true
  }

  /** How many signatures are remembered (for tests and metrics). */
  get size(): number {
    return this.seen.size
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return
    this.nextSweep = now + 10_000
    for (const [signature, until] of this.seen) if (until <= now) this.seen.delete(signature)
  }
}

export interface SignedPortalDeps {
  readonly config: Pick<ServerConfig, 'clientSecret' | 'publicUrl'>
  readonly store: Pick<ServerStore, 'getInstallation'>
  readonly replays: ReplayGuard
  /** Our clock, epoch ms. Default `Date.now`. */
  readonly now?: () => number
}

/**
 * The middlewares in front of every card and settings route: the raw body, then the checks.
 * Answers 401 to a missing, stale, forged or replayed signature, 400 to a query without one
 * numeric `portalId` or a body that is not JSON, and 403 to a portal that has not installed the app.
 * @example
 * router.use(requireSignedPortal({ config, store, replays: new ReplayGuard() }))
 */
export function requireSignedPortal(deps: SignedPortalDeps): RequestHandler[] {
  const now = deps.now ?? Date.now
  const readRaw = express.raw({ type: () => true, limit: MAX_BODY_BYTES })
  const check: RequestHandler = async function checkSignedPortal(req, _res, next) {
    try {
      const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : ''
      const timestamp = req.get('x-hubspot-request-timestamp')
      const signature = req.get('x-hubspot-signature-v3')
      const at = now()
      const verdict = verifyV3({
        method: req.method,
        uri: deps.config.publicUrl + req.originalUrl,
        body: raw,
        timestamp,
        signature,
        clientSecret: deps.config.clientSecret,
        now: at,
      })
      if (!verdict.ok) throw new HttpError(401, { message: verdict.message })
      if (!deps.replays.firstUse(signature!, Number(timestamp), at))
        throw new HttpError(401, { message: 'this signed request was already received (replay)' })
      const query = new URLSearchParams(req.originalUrl.split('?')[1] ?? '')
      const portalId = singleDigits(query, 'portalId', true)!
      const userId = singleDigits(query, 'userId', false)
      const installation = await deps.store.getInstallation(Number(portalId))
      if (installation?.status !== 'installed')
        throw new HttpError(403, { message: `portal ${portalId} has not installed the app` })
      contexts.set(req, { portalId: Number(portalId), userId, body: parseJson(raw) })
      next()
    } catch (error) {
      next(error)
    }
  }
  return [readRaw, check]
}

/** One value of `name`, digits only; several, or a non-numeric one, is a bad request. */
function singleDigits(query: URLSearchParams, name: string, required: boolean): string | null {
  const values = query.getAll(name)
  if (values.length === 0 && !required) return null
  if (values.length !== 1 || !/^\d{1,15}$/.test(values[0]!))
    throw new HttpError(400, {
      message: `the signed query must carry one numeric ${name}, got ${values.length === 0 ? 'none' : JSON.stringify(values.join(','))}`,
    })
  return values[0]!
}

function parseJson(raw: string): unknown {
  if (raw.trim() === '') return undefined
  try {
    return JSON.parse(raw) as unknown
  } catch {
    throw new HttpError(400, { message: 'the body is not valid JSON' })
  }
}
