/**
 * @module The health card's API, what the card's marketplace transport calls through
 * `hubspot.fetch` (src/app/cards/transport/fetch-transport.ts): thin adapters over the operations,
 * on the signed portal's one connection and its model in use. Answers are exactly the operations'
 * values: `CompanyHealth`, `PlaybookActionCreated`, `CsmSentimentRead`. Each score (a view rescores
 * from current data, Recalculate always) and each playbook action started is kept in the store's
 * portfolio history, for `GET /api/portfolio`.
 */
import { type Request, type RequestHandler, Router } from 'express'
import { z } from 'zod'

import { ACTION_PRIORITIES } from '../../health/index.ts'
import type { Logger } from '../../log.ts'
import {
  MAX_SENTIMENT_REASON,
  runPlaybookAction,
  scoreOneCompany,
  setCsmSentiment,
} from '../../operations/index.ts'
import type { PortalConnections } from '../portal-connections.ts'
import type { PortalModels } from '../portal-models.ts'
import { recordHealth } from '../portfolio/record-scores.ts'
import { signedContext } from '../signed-request.ts'
import type { PortfolioStore } from '../store/types.ts'
import { asHttpError, badRequest } from './operation-errors.ts'

/** How long a card request may spend starting HubSpot calls; the card's fetch waits 30 s. */
export const CARD_BUDGET_MS = 25_000

const COMPANY_PATH = z.object({
  id: z.string().regex(/^\d{1,20}$/, 'must be a company id (digits)'),
})
const ACTION_PATH = COMPANY_PATH.extend({
  actionId: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be an action id (lower_snake_case)'),
})
const EMPTY_BODY = z.strictObject({}).optional()
const ACTION_BODY = z
  .strictObject({
    dueAt: z.iso.datetime({ offset: true, message: 'must be an ISO-8601 date-time' }).nullish(),
    priority: z
      .enum(ACTION_PRIORITIES, `must be one of ${ACTION_PRIORITIES.join(', ')}`)
      .optional(),
  })
  .optional()
const SENTIMENT_BODY = z.strictObject({
  sentiment: z.enum(['positive', 'neutral', 'negative'], 'must be positive, neutral or negative'),
  reason: z
    .string('must be text')
    .trim()
    .min(1, 'must give a reason')
    .max(MAX_SENTIMENT_REASON, `must be at most ${MAX_SENTIMENT_REASON} characters`),
})

export interface CardRoutesDeps {
  /** `requireSignedPortal(...)`: in front of each route, so an unknown path stays a 404. */
  readonly signed: readonly RequestHandler[]
  readonly connections: PortalConnections
  readonly models: PortalModels
  /** Where scores and started actions are kept (`store.portfolio()`). */
  readonly portfolio: Pick<PortfolioStore, 'recordScores' | 'recordAction'>
  readonly logger: Logger
}

/**
 * The card routes, each behind the signed-request check.
 * @example
 * app.use('/api', cardRoutes({ signed: requireSignedPortal(deps), connections, models, portfolio: store.portfolio(), logger }))
 */
export function cardRoutes(deps: CardRoutesDeps): Router {
  const router = Router()

  /** The signed portal's connection and model, and the parsed path and body. */
  async function prepare<P, B>(req: Request, path: z.ZodType<P>, body: z.ZodType<B>) {
    const params = path.safeParse(req.params)
    if (!params.success) throw badRequest('path', params.error.issues)
    const signed = signedContext(req)
    const parsed = body.safeParse(signed.body)
    if (!parsed.success) throw badRequest('body', parsed.error.issues)
    try {
      const connection = await deps.connections.forPortal(signed.portalId)
      const { model } = await deps.models.forPortal(signed.portalId)
      const { portalId } = signed
      return { portalId, params: params.data, body: parsed.data, connection, model }
    } catch (error) {
      throw asHttpError(error)
    }
  }

  const deadline = () => Date.now() + CARD_BUDGET_MS

  router.get('/companies/:id/health', ...deps.signed, async (req, res) => {
    const { portalId, params, connection, model } = await prepare(req, COMPANY_PATH, EMPTY_BODY)
    const health = await scoreOneCompany({
      connection, model, companyId: params.id, mode: 'view', deadline: deadline(),
    }).catch(rethrow) // prettier-ignore
    await recordHealth(deps.portfolio, portalId, health, deps.logger)
    res.json(health)
  })

  router.post('/companies/:id/recalculate', ...deps.signed, async (req, res) => {
    const { portalId, params, connection, model } = await prepare(req, COMPANY_PATH, EMPTY_BODY)
    const health = await scoreOneCompany({
      connection, model, companyId: params.id, mode: 'score', deadline: deadline(),
    }).catch(rethrow) // prettier-ignore
    await recordHealth(deps.portfolio, portalId, health, deps.logger)
    res.json(health)
  })

  router.post('/companies/:id/actions/:actionId', ...deps.signed, async (req, res) => {
    const { portalId, params, body, connection, model } = await prepare(
      req,
      ACTION_PATH,
      ACTION_BODY,
    )
    const created = await runPlaybookAction({
      connection,
      model,
      companyId: params.id,
      actionId: params.actionId,
      dueAt: body?.dueAt ?? null,
      priority: body?.priority ?? 'MEDIUM',
    }).catch(rethrow)
    await deps.portfolio
      .recordAction({
        portalId,
        companyId: params.id,
        actionId: params.actionId,
        label: created.title,
        startedAt: Date.now(),
      })
      .catch((error: unknown) =>
        deps.logger.warn(
          { portalId, actionId: params.actionId, error: String(error) },
          'a started playbook action could not be kept for the intervention outcomes',
        ),
      )
    res.json(created)
  })

  router.post('/companies/:id/sentiment', ...deps.signed, async (req, res) => {
    const { params, body, connection, model } = await prepare(req, COMPANY_PATH, SENTIMENT_BODY)
    const written = await setCsmSentiment({
      connection,
      model,
      companyId: params.id,
      sentiment: body.sentiment,
      reason: body.reason,
    }).catch(rethrow)
    res.json(written)
  })

  return router
}

function rethrow(error: unknown): never {
  throw asHttpError(error)
}
