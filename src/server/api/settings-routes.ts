/**
 * @module The settings page's API, what its marketplace transport calls through `hubspot.fetch`
 * (src/app/settings/transport/settings-transport.ts): the portal's model in use, versioned saves
 * that refuse a stale `baseVersion` (409), and a preview of the tiers a candidate model would give.
 */
import { type RequestHandler, Router } from 'express'
import { z } from 'zod'

import type { HealthModelInput } from '../../health/index.ts'
import { compileModel, DEFAULT_MODEL_INPUT, parseModel } from '../../health/index.ts'
import type {
  HealthSettings,
  SaveSettingsRequest,
  SettingsPreview,
} from '../../operations/index.ts'
import { HttpError } from '../http-error.ts'
import type { PortalConnections } from '../portal-connections.ts'
import type { PortalModels } from '../portal-models.ts'
import { signedContext } from '../signed-request.ts'
import type { JsonValue, ServerStore, SettingsVersion } from '../store/types.ts'
import { asHttpError, badRequest } from './operation-errors.ts'
import { previewTiers } from './preview-tiers.ts'

const SAVE_BODY = z.strictObject({
  model: z.unknown(),
  baseVersion: z.number('must be a version number').int().min(0, 'must be ≥ 0'),
})
const PREVIEW_BODY = z.strictObject({ model: z.unknown() })

export interface SettingsRoutesDeps {
  /** `requireSignedPortal(...)`: in front of each route, so an unknown path stays a 404. */
  readonly signed: readonly RequestHandler[]
  readonly store: Pick<ServerStore, 'currentSettings' | 'saveSettings'>
  readonly connections: PortalConnections
  readonly models: PortalModels
}

/**
 * The settings routes, each behind the signed-request check.
 * @example
 * app.use('/api', settingsRoutes({ signed, store, connections, models }))
 */
export function settingsRoutes(deps: SettingsRoutesDeps): Router {
  const router = Router()

  router.get('/settings', ...deps.signed, async (req, res) => {
    const { portalId } = signedContext(req)
    const current = await deps.store.currentSettings(portalId)
    const answer: HealthSettings = current
      ? asSettings(current)
      : { model: DEFAULT_MODEL_INPUT, version: 0, updatedAt: null }
    res.json(answer)
  })

  router.put('/settings', ...deps.signed, async (req, res) => {
    const { portalId, userId, body } = signedContext(req)
    const parsed = SAVE_BODY.safeParse(body)
    if (!parsed.success) throw badRequest('body', parsed.error.issues)
    const request = parsed.data as SaveSettingsRequest
    // The engine's parse, stored: unknown keys dropped and defaults filled, so what is kept is
    // exactly what scores.
    const model = validModel(request.model)
    const result = await deps.store.saveSettings(
      {
        portalId,
        model: JSON.parse(JSON.stringify(model)) as JsonValue,
        savedBy: userId,
        basedOn: request.baseVersion === 0 ? null : request.baseVersion,
      },
      Date.now(),
    )
    if (!result.saved)
      throw new HttpError(409, {
        message: `the settings were saved by someone else meanwhile: version ${result.currentVersion ?? 0} is the latest, not ${request.baseVersion}; reload and apply your changes again`,
      })
    res.json(asSettings(result.settings))
  })

  router.post('/settings/preview', ...deps.signed, async (req, res) => {
    const { portalId, body } = signedContext(req)
    const parsed = PREVIEW_BODY.safeParse(body)
    if (!parsed.success) throw badRequest('body', parsed.error.issues)
    const model = compileModel(validModel(parsed.data.model))
    try {
      const connection = await deps.connections.forPortal(portalId)
      const inUse = await deps.models.forPortal(portalId)
      const preview: SettingsPreview = await previewTiers(connection, model, inUse.model)
      res.json(preview)
    } catch (error) {
      throw asHttpError(error)
    }
  })

  return router
}

/** The engine's own validation; a bad model is a 400 naming each path, e.g. `model.tiers.healthy`. */
function validModel(input: unknown) {
  const parsed = parseModel(input)
  if (parsed.success) return parsed.value
  throw badRequest(
    'body',
    parsed.issues.map((issue) => ({ ...issue, path: ['model', ...issue.path] })),
  )
}

function asSettings(settings: SettingsVersion): HealthSettings {
  return {
    model: settings.model as unknown as HealthModelInput,
    version: settings.version,
    updatedAt: new Date(settings.savedAt).toISOString(),
  }
}
