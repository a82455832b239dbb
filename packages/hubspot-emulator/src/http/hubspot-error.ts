/** HubSpot-shaped JSON responses, errors included: every response the emulator sends is JSON. */
import { randomUUID } from 'node:crypto'

import { HttpResponse } from 'msw'

/** The error body HubSpot sends (`Error` in its OpenAPI definitions). */
export interface HubSpotErrorBody {
  status: string
  message: string
  correlationId: string
  category?: string
  subCategory?: string
  errors?: { message: string; in?: string; code?: string; context?: Record<string, string[]> }[]
  context?: Record<string, string[]>
  links?: Record<string, string>
  errorType?: string
  policyName?: string
  groupName?: string
}

/** Any JSON body the emulator answers with. */
export type JsonBody = object

/** A JSON response with `content-type: application/json`. */
export function jsonResponse(
  body: JsonBody,
  status = 200,
  headers?: Record<string, string>,
): HttpResponse<JsonBody> {
  return HttpResponse.json(body, { status, headers })
}

/**
 * A HubSpot error response: `{status:"error", message, correlationId, category, ...extra}`.
 * Returned, never thrown.
 * @example return hubspotError(400, 'VALIDATION_ERROR', 'limit must be at most 100')
 */
export function hubspotError(
  status: number,
  category: string | undefined,
  message: string,
  extra: Partial<HubSpotErrorBody> = {},
  headers?: Record<string, string>,
): HttpResponse<JsonBody> {
  const body: HubSpotErrorBody = { status: 'error', message, correlationId: randomUUID() }
  if (category) body.category = category
  return jsonResponse({ ...body, ...extra }, status, headers)
}

/** HubSpot's error categories used here. */
export const ERROR_CATEGORY = {
  validation: 'VALIDATION_ERROR',
  notFound: 'OBJECT_NOT_FOUND',
  alreadyExists: 'OBJECT_ALREADY_EXISTS',
  invalidAuth: 'INVALID_AUTHENTICATION',
  expiredAuth: 'EXPIRED_AUTHENTICATION',
  missingScopes: 'MISSING_SCOPES',
  rateLimits: 'RATE_LIMITS',
} as const
