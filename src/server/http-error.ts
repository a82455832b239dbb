/**
 * @module How the backend fails a request: routes throw `HttpError(status, { message })`, and the one
 * `errorHandler` turns it into HubSpot-style JSON `{status: 'error', message, issues?}`. Anything else is
 * logged (its message and stack, never the request, which may carry a token) and answered 500.
 */
import type { ErrorRequestHandler } from 'express'

import type { Issue } from '../health/index.ts'
import type { Logger } from '../log.ts'

/** An expected failure of a request, with the status and one line to answer it with. */
export class HttpError extends Error {
  readonly status: number
  /** What exactly was wrong (a bad field, a model path), answered as `issues`. */
  readonly issues: readonly Issue[] | undefined

  constructor(
    status: number,
    options: { message: string; cause?: unknown; issues?: readonly Issue[] },
  ) {
    super(options.message, { cause: options.cause })
    this.name = 'HttpError'
    this.status = status
    this.issues = options.issues
  }
}

/**
 * The app's last middleware.
 * @example
 * app.use(errorHandler(logger))
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return function errorHandler(error: unknown, req, res, next) {
    if (res.headersSent) return next(error)
    const known = knownStatus(error)
    if (known) {
      const issues = error instanceof HttpError ? error.issues : undefined
      res
        .status(known.status)
        .json({ status: 'error', message: known.message, ...(issues ? { issues } : {}) })
      return
    }
    logger.error(
      { method: req.method, path: req.path, error: describe(error) },
      'request failed: answered 500',
    )
    res.status(500).json({ status: 'error', message: 'internal error' })
  }
}

/** An `HttpError`, or a body-parser failure (which carries `status` and `type`). */
function knownStatus(error: unknown): { status: number; message: string } | null {
  if (error instanceof HttpError) return { status: error.status, message: error.message }
  if (typeof error !== 'object' || error === null) return null
  const { status, type } = error as { status?: unknown; type?: unknown }
  if (type === 'entity.parse.failed') return { status: 400, message: 'the body is not valid JSON' }
  if (type === 'entity.too.large') return { status: 413, message: 'the body is too large' }
  if (typeof status === 'number' && status >= 400 && status < 500 && typeof type === 'string')
    return { status, message: `the request could not be read (${type})` }
  return null
}

function describe(error: unknown): { message: string; stack?: string } {
  return error instanceof Error
    ? { message: error.message, ...(error.stack ? { stack: error.stack } : {}) }
    : { message: String(error) }
}
