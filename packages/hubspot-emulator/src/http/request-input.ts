/** Reading request input at the edge: JSON bodies checked with zod, query parameters as HubSpot reads them. */
import type { z } from 'zod'

import { hubspotError } from './hubspot-error.ts'

/** Parsed input, or the 400 to answer with. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; response: Response }

/**
 * Reads a JSON body and validates it. Failures give HubSpot's 400 VALIDATION_ERROR, phrased like
 * its own: `Invalid input JSON on line 1: Cannot build BatchReadInput, some of required attributes are not set [inputs]`.
 */
export async function readBody<T>(
  request: Request,
  schema: z.ZodType<T>,
  typeName: string,
): Promise<Parsed<T>> {
  let json: unknown
  try {
    json = await request.json()
  } catch {
    return invalid(`Invalid input JSON: the body of ${typeName} is not valid JSON`)
  }
  const result = schema.safeParse(json)
  if (result.success) return { ok: true, value: result.data }
  const missing = result.error.issues
    .filter((issue) => issue.code === 'invalid_type' && issue.input === undefined)
    .map((issue) => issue.path.join('.'))
  if (missing.length) {
    return invalid(
      `Invalid input JSON: Cannot build ${typeName}, some of required attributes are not set [${missing.join(', ')}]`,
    )
  }
  const details = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`,
  )
  return invalid(`Invalid input JSON: ${typeName}: ${details.join('; ')}`)
}

/** A 400 VALIDATION_ERROR. */
export function invalid(
  message: string,
  extra?: Parameters<typeof hubspotError>[3],
): { ok: false; response: Response } {
  return { ok: false, response: hubspotError(400, 'VALIDATION_ERROR', message, extra) }
}

/** A list parameter, repeated (`properties=a&properties=b`) or comma-separated, or both. */
export function listParam(url: URL, name: string): string[] | undefined {
  const raw = url.searchParams.getAll(name)
  if (raw.length === 0) return undefined
  const names = raw
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean)
  return [...new Set(names)]
}

/** An integer query parameter within [min, max], or a 400 naming it. */
export function intParam(
  url: URL,
  name: string,
  fallback: number,
  min: number,
  max: number,
): Parsed<number> {
  const raw = url.searchParams.get(name)
  if (raw === null || raw === '') return { ok: true, value: fallback }
  const value = Number(raw)
  if (!Number.isInteger(value))
    return invalid(`Invalid value for '${name}': '${raw}' is not an integer`)
  if (value < min || value > max) {
    return invalid(`Invalid value for '${name}': ${value} must be between ${min} and ${max}`)
  }
  return { ok: true, value }
}
