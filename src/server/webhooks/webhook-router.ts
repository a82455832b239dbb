/**
 * @module `POST /webhooks/hubspot`: HubSpot's signed event batches. The v3 signature is checked
 * over the public URL and the raw body, each event is parsed on its own (a malformed one is logged
 * and skipped), redeliveries are recognised by (eventId, subscriptionId, portalId), and the batch is
 * acknowledged before any HubSpot call: the work runs afterwards, in the processor.
 */
import express, { type Request, type Response, Router } from 'express'

import type { Logger } from '../../log.ts'
import type { ServerConfig } from '../config.ts'
import { verifyV3 } from '../signatures.ts'
import type { ServerStore } from '../store/types.ts'
import { parseEvents, type WebhookEvent } from './webhook-event.ts'

/** The path HubSpot posts to (the webhooks component's `targetUrl`). */
export const WEBHOOK_PATH = '/webhooks/hubspot'

/** HubSpot sends at most 100 events a request; this leaves room and refuses anything larger. */
const BODY_LIMIT = '1mb'

export interface WebhookRouterDeps {
  readonly config: Pick<ServerConfig, 'publicUrl' | 'clientSecret'>
  readonly store: ServerStore
  readonly logger: Logger
  /** Takes the new events once the batch is acknowledged. */
  readonly processor: { accept(events: readonly WebhookEvent[]): void }
  /** The clock signature timestamps are checked against. Default `Date.now`. */
  readonly now?: () => number
}

/**
 * @example
 * app.use(webhookRouter({ config, store, logger, processor }))
 */
export function webhookRouter(deps: WebhookRouterDeps): Router {
  const { config, store, logger } = deps
  const now = deps.now ?? Date.now
  const router = Router()
  router.post(
    WEBHOOK_PATH,
    express.raw({ type: () => true, limit: BODY_LIMIT }),
    async function receiveWebhooks(req: Request, res: Response) {
      const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : ''
      const check = verifyV3({
        method: req.method,
        uri: config.publicUrl + req.originalUrl,
        body,
        timestamp: req.get('x-hubspot-request-timestamp'),
        signature: req.get('x-hubspot-signature-v3'),
        clientSecret: config.clientSecret,
        now: now(),
      })
      if (!check.ok) {
        logger.warn({ reason: check.reason }, 'refused a webhook batch with a bad signature')
        res.status(401).json({ status: 'error', message: check.message })
        return
      }
      let batch: unknown
      try {
        batch = JSON.parse(body)
      } catch {
        res.status(400).json({ status: 'error', message: 'the body is not JSON' })
        return
      }
      if (!Array.isArray(batch)) {
        res
          .status(400)
          .json({ status: 'error', message: 'the body must be a JSON array of events' })
        return
      }
      const { events, skipped } = parseEvents(batch)
      if (skipped.length) logger.warn({ skipped }, 'skipped malformed webhook events')
      const fresh: WebhookEvent[] = []
      const at = Date.now()
      for (const event of events) if (await store.recordEvent(event, at)) fresh.push(event)
      res.json({
        status: 'ok',
        received: batch.length,
        accepted: fresh.length,
        duplicates: events.length - fresh.length,
        skipped: skipped.length,
      })
      deps.processor.accept(fresh)
    },
  )
  return router
}
