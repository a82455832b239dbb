/**
 * @module The custom workflow action "Recalculate health" (`POST /workflow-actions/recalculate-health`):
 * HubSpot calls it for each enrolled company with a v2 signature; we score and write the company
 * and answer `outputFields` so that later workflow steps can branch on the new score.
 *
 * The request body, as HubSpot's custom workflow actions guide gives it
 * (https://developers.hubspot.com/docs/api-reference/automation-actions-v4-v4/guide, "Execution
 * request"; v2 signature per the same page):
 * `{"callbackId": "ap-102670506-56776413549-7-0", "origin": {"portalId": 102670506,
 * "actionDefinitionId": 10860211, "actionDefinitionVersion": 1}, "context": {"source": "WORKFLOWS",
 * "workflowId": 192814114}, "object": {"objectId": 904, "objectType": "COMPANY"}, "inputFields": {}}`.
 * v2 covers the whole body, so here (and only here) the portal is read from the body: the
 * signature proves HubSpot wrote it. v2 has no timestamp, so a replay is a retry: rescoring is
 * idempotent (it writes only what changed). The score is kept in the store's portfolio history.
 */
import express, { type RequestHandler } from 'express'
import { z } from 'zod'

import type { Logger } from '../../log.ts'
import { scoreOneCompany } from '../../operations/index.ts'
import type { ServerConfig } from '../config.ts'
import { HttpError } from '../http-error.ts'
import type { PortalConnections } from '../portal-connections.ts'
import type { PortalModels } from '../portal-models.ts'
import { recordHealth } from '../portfolio/record-scores.ts'
import { verifyV2 } from '../signatures.ts'
import { MAX_BODY_BYTES } from '../signed-request.ts'
import type { PortfolioStore, ServerStore } from '../store/types.ts'
import { asHttpError, badRequest } from './operation-errors.ts'

/** Where HubSpot calls the action: the `actionUrl` is the public URL plus this. */
export const WORKFLOW_ACTION_PATH = '/workflow-actions/recalculate-health'

/** The deadline HubSpot gives an action's answer is 20 s; we stop starting calls before. */
const ACTION_BUDGET_MS = 15_000

const PAYLOAD = z.object({
  callbackId: z.string().optional(),
  origin: z.object({ portalId: z.number('must be the portal id').int().positive() }),
  object: z.object({
    objectId: z.union([z.number().int().positive(), z.string().regex(/^\d{1,20}$/)], {
      error: 'must be the enrolled company id',
    }),
    objectType: z
      .literal('COMPANY', 'must be COMPANY: the action is defined for companies')
      .optional(),
  }),
})

/** What the action answers: every value a string, empty when the company could not be scored. */
export interface WorkflowActionAnswer {
  readonly outputFields: {
    readonly health_score: string
    readonly health_tier: string
    readonly health_playbook: string
  }
}

export interface WorkflowActionDeps {
  readonly config: Pick<ServerConfig, 'clientSecret' | 'publicUrl'>
  readonly store: Pick<ServerStore, 'getInstallation'>
  readonly connections: PortalConnections
  readonly models: PortalModels
  /** Where the score is kept (`store.portfolio()`). */
  readonly portfolio: Pick<PortfolioStore, 'recordScores'>
  readonly logger: Logger
}

/**
 * The action's handlers: the raw body, the v2 check (401), the payload (400), the installed portal
 * (403), then the score and its `outputFields`.
 * @example
 * app.post(WORKFLOW_ACTION_PATH, ...workflowActionRoute(deps))
 */
export function workflowActionRoute(deps: WorkflowActionDeps): RequestHandler[] {
  const readRaw = express.raw({ type: () => true, limit: MAX_BODY_BYTES })
  const handle: RequestHandler = async function recalculateHealth(req, res) {
    const raw = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : ''
    const verdict = verifyV2({
      method: req.method,
      uri: deps.config.publicUrl + req.originalUrl,
      body: raw,
      clientSecret: deps.config.clientSecret,
      signature: req.get('x-hubspot-signature'),
    })
    if (!verdict.ok) throw new HttpError(401, { message: verdict.message })
    let json: unknown
    try {
      json = JSON.parse(raw)
    } catch {
      throw new HttpError(400, { message: 'the body is not valid JSON' })
    }
    const payload = PAYLOAD.safeParse(json)
    if (!payload.success) throw badRequest('body', payload.error.issues)
    const { portalId } = payload.data.origin
    const installation = await deps.store.getInstallation(portalId)
    if (installation?.status !== 'installed')
      throw new HttpError(403, { message: `portal ${portalId} has not installed the app` })
    try {
      const connection = await deps.connections.forPortal(portalId)
      const { model } = await deps.models.forPortal(portalId)
      const health = await scoreOneCompany({
        connection,
        model,
        companyId: String(payload.data.object.objectId),
        mode: 'score',
        deadline: Date.now() + ACTION_BUDGET_MS,
      })
      await recordHealth(deps.portfolio, portalId, health, deps.logger)
      const answer: WorkflowActionAnswer = {
        outputFields: {
          health_score: health.current.health_score ?? '',
          health_tier: health.current.health_tier ?? '',
          health_playbook: health.current.health_playbook ?? '',
        },
      }
      res.json(answer)
    } catch (error) {
      throw asHttpError(error)
    }
  }
  return [readRaw, handle]
}
