/**
 * @module The settings page's API, what its marketplace transport calls through `hubspot.fetch`
 * (src/app/settings/transport/settings-transport.ts): the portal's model in use, versioned saves
 * that refuse a stale `baseVersion` (409), a preview of the tiers a candidate model would give, and
 * a backtest of the candidate against the model in use. A backtest reads the portal's whole history
 * (minutes on a large portal, past `hubspot.fetch`'s 15 s), so it is a background job: the POST
 * answers 202 with the job (the portal's unfinished one, if it has one), and the page polls it.
 */
import { type RequestHandler, Router } from 'express'
import { z } from 'zod'

import type { HealthModelInput } from '../../health/index.ts'
import { compileModel, DEFAULT_MODEL_INPUT, parseModel } from '../../health/index.ts'
import type { Logger } from '../../log.ts'
import type {
  BacktestJob,
  HealthSettings,
  SaveSettingsRequest,
  SettingsPreview,
} from '../../operations/index.ts'
import { CALIBRATE_HORIZONS, ensureSchema } from '../../operations/index.ts'
import { HttpError } from '../http-error.ts'
import { requestOf } from '../jobs/backtest-job.ts'
import type { JobQueue } from '../jobs/job-queue.ts'
import type { PortalConnections } from '../portal-connections.ts'
import type { PortalModels } from '../portal-models.ts'
import { signedContext } from '../signed-request.ts'
import type { Job, JsonValue, ServerStore, SettingsVersion } from '../store/types.ts'
import { asHttpError, badRequest } from './operation-errors.ts'
import { previewTiers } from './preview-tiers.ts'

const SAVE_BODY = z.strictObject({
  model: z.unknown(),
  baseVersion: z.number('must be a version number').int().min(0, 'must be ≥ 0'),
})
const PREVIEW_BODY = z.strictObject({ model: z.unknown() })
const BACKTEST_BODY = z.strictObject({
  model: z.unknown(),
  horizonDays: z
    .literal(CALIBRATE_HORIZONS, { error: 'must be 30, 60, 90 or 180 days' })
    .optional(),
})
const JOB_PATH = z.strictObject({
  jobId: z.coerce.number('must be a job id').int('must be a job id').positive('must be a job id'),
})
/** What a backtest job's progress holds while it runs, and once it completed. */
const RUNNING = z.object({ companies: z.number(), outcomes: z.number() })
const COMPLETED = z.object({ result: z.unknown() })

export interface SettingsRoutesDeps {
  /** `requireSignedPortal(...)`: in front of each route, so an unknown path stays a 404. */
  readonly signed: readonly RequestHandler[]
  readonly store: Pick<ServerStore, 'currentSettings' | 'saveSettings' | 'getJob'>
  readonly connections: PortalConnections
  readonly models: PortalModels
  /** Where backtests run; without it (a host with no job runner) a backtest answers 503. */
  readonly jobs?: Pick<JobQueue, 'enqueue'>
  /** Where a schema step that could not run after a save is reported. */
  readonly logger?: Logger
}

/**
 * The settings routes, each behind the signed-request check.
 * @example
 * app.use('/api', settingsRoutes({ signed, store, connections, models, jobs: queue }))
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
    // The properties whose options follow the model (playbooks, value tracks) are brought in step
    // now, so a card or webhook write for a company in a new segment is not refused. The save
    // stands if HubSpot cannot be reached: the next score or rescore runs the same step.
    try {
      const connection = await deps.connections.forPortal(portalId)
      await ensureSchema({ connection, model: compileModel(model) })
    } catch (error) {
      deps.logger?.warn(
        { portalId, err: (error as Error).message },
        'settings saved, but the health properties could not be brought in step with the model; the next score or rescore does it',
      )
    }
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

  router.post('/settings/backtest', ...deps.signed, async (req, res) => {
    const { portalId, body } = signedContext(req)
    const parsed = BACKTEST_BODY.safeParse(body)
    if (!parsed.success) throw badRequest('body', parsed.error.issues)
    const model = validModel(parsed.data.model)
    if (!deps.jobs)
      throw new HttpError(503, { message: 'this backend runs no background jobs: no backtest' })
    const { job, created } = await deps.jobs.enqueue({
      portalId,
      kind: 'backtest',
      progress: {
        model: JSON.parse(JSON.stringify(model)) as JsonValue,
        horizonDays: parsed.data.horizonDays ?? 90,
      },
    })
    res.status(202).json({ ...asBacktestJob(job), created })
  })

  router.get('/settings/backtest/:jobId', ...deps.signed, async (req, res) => {
    const { portalId } = signedContext(req)
    const parsed = JOB_PATH.safeParse(req.params)
    if (!parsed.success) throw badRequest('path', parsed.error.issues)
    const job = await deps.store.getJob(portalId, parsed.data.jobId)
    if (job?.kind !== 'backtest')
      throw new HttpError(404, { message: `this portal has no backtest ${parsed.data.jobId}` })
    res.json(asBacktestJob(job))
  })

  return router
}

/** A backtest job as the settings page reads it: the request, how far it came, the result. */
function asBacktestJob(job: Job): BacktestJob {
  const done = job.status === 'completed' ? COMPLETED.safeParse(job.progress) : null
  const running = RUNNING.safeParse(job.progress)
  const horizon = (job.progress as { horizonDays?: unknown } | null)?.horizonDays
  return {
    jobId: job.id,
    status: job.status,
    horizonDays: typeof horizon === 'number' ? horizon : requestOf(job).horizonDays,
    progress: running.success ? running.data : null,
    result: done?.success ? (done.data.result as BacktestJob['result']) : null,
    error: job.error,
  }
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
