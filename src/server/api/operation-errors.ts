/**
 * @module How an operation's failure is answered: each known error becomes an `HttpError` with the
 * status that says who must act (400 the caller, 404 a missing company, 409 the portal's set-up,
 * 502/503 HubSpot), and its one-line message. Anything else stays a 500.
 */
import type { Issue } from '../../health/index.ts'
import { DailyLimitError, HubSpotApiError } from '../../hubspot/index.ts'
import {
  DeadlineError,
  MissingSchemaError,
  OperationOptionsError,
  UnknownActionError,
} from '../../operations/index.ts'
import { HttpError } from '../http-error.ts'
import { PortalNotInstalledError } from '../portal-connections.ts'

/**
 * The `HttpError` for an operation's failure, or the error itself when it is not a known one.
 * @example
 * try { await scoreOneCompany(options) } catch (error) { throw asHttpError(error) }
 */
export function asHttpError(error: unknown): unknown {
  if (error instanceof HttpError) return error
  if (error instanceof OperationOptionsError)
    return new HttpError(400, { message: error.message, issues: issuesOf(error), cause: error })
  if (error instanceof UnknownActionError)
    return new HttpError(404, { message: error.message, cause: error })
  if (error instanceof MissingSchemaError)
    return new HttpError(409, { message: error.message, cause: error })
  if (error instanceof PortalNotInstalledError)
    return new HttpError(403, { message: error.message, cause: error })
  if (error instanceof DeadlineError)
    return new HttpError(504, { message: error.message, cause: error })
  if (error instanceof DailyLimitError)
    return new HttpError(503, {
      message: `HubSpot's daily API limit for this portal is spent; it resets at ${error.resetsAt.toISOString()}`,
      cause: error,
    })
  if (error instanceof HubSpotApiError) {
    if (error.status === 404)
      return new HttpError(404, { message: `HubSpot has no such record (${error.endpoint})` })
    return new HttpError(502, { message: `HubSpot failed: ${error.message}`, cause: error })
  }
  if (error instanceof Error && /^company \d+ was not found$/.test(error.message))
    return new HttpError(404, { message: error.message, cause: error })
  return error
}

function issuesOf(error: OperationOptionsError): Issue[] {
  return error.issues.map((issue) => ({
    code: issue.code,
    path: issue.path.map((key) => (typeof key === 'number' ? key : String(key))),
    message: issue.message,
  }))
}

/**
 * The 400 for a body or a path parameter that zod refused: one line naming each bad field.
 * @example
 * const parsed = BODY.safeParse(body)
 * if (!parsed.success) throw badRequest('body', parsed.error.issues)
 */
export function badRequest(
  where: 'body' | 'path',
  issues: readonly { code: string; path: readonly PropertyKey[]; message: string }[],
): HttpError {
  const shaped: Issue[] = issues.map((issue) => ({
    code: issue.code,
    path: [where, ...issue.path.map((key) => (typeof key === 'number' ? key : String(key)))],
    message: issue.message,
  }))
  const lines = shaped.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
  return new HttpError(400, { message: `invalid ${where}: ${lines.join('; ')}`, issues: shaped })
}
