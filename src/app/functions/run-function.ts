/**
 * @module What every app function does around its operation: check `context.parameters` with zod,
 * connect with the private app's token (`PRIVATE_APP_ACCESS_TOKEN`, and `HUBSPOT_API_BASE_URL` when
 * set), give the operation a deadline inside HubSpot's 15 s, and return `{success, value | issues}`
 * instead of throwing.
 */
import type { z } from 'zod'

import type { CompiledModel, Issue } from '../../health/index.ts'
import { getDefaultModel } from '../../health/index.ts'
import type { HubSpotConnection } from '../../hubspot/index.ts'
import { createConnection } from '../../hubspot/index.ts'
import type { FunctionResponse } from '../../operations/company-health.ts'

/** HubSpot stops a function after 15 s; the operation stops starting calls 3 s before. */
export const FUNCTION_BUDGET_MS = 12_000

/** The part of HubSpot's function context the functions read. */
export interface FunctionContext {
  readonly parameters?: unknown
  readonly propertiesToSend?: unknown
  readonly event?: unknown
  readonly secrets?: unknown
}

/** What an operation gets from the adapter. */
export interface FunctionEnvironment {
  readonly connection: HubSpotConnection
  readonly model: CompiledModel
  /** Epoch ms by which the operation must have started its last call. */
  readonly deadline: number
}

/**
 * An app function's `main`: parameters checked by `schema`, then `run`.
 * @example
 * export const main = appFunction(SCHEMA, (params, env) => setCsmSentiment({ ...params, connection: env.connection }))
 */
export function appFunction<P, T>(
  schema: z.ZodType<P>,
  run: (parameters: P, env: FunctionEnvironment) => Promise<T>,
): (context: FunctionContext) => Promise<FunctionResponse<T>> {
  return async (context) => {
    const parsed = schema.safeParse(context?.parameters ?? {})
    if (!parsed.success)
      return {
        success: false,
        issues: parsed.error.issues.map((issue): Issue => ({
          code: 'invalid_parameter',
          path: ['parameters', ...issue.path.map((p) => (typeof p === 'number' ? p : String(p)))],
          message: `${issue.path.map(String).join('.') || 'parameters'}: ${issue.message}`,
        })),
      }
    const token = process.env.PRIVATE_APP_ACCESS_TOKEN
    if (!token)
      return failure('no_token', 'PRIVATE_APP_ACCESS_TOKEN is not set: is this the private app?')
    const basePath = process.env.HUBSPOT_API_BASE_URL
    const connection = createConnection({
      accessToken: token,
      ...(basePath ? { basePath } : {}),
      maxAttempts: 3,
      timeoutMs: 5_000,
    })
    try {
      const value = await run(parsed.data, {
        connection,
        model: getDefaultModel(),
        deadline: Date.now() + FUNCTION_BUDGET_MS,
      })
      return { success: true, value }
    } catch (error) {
      const name = error instanceof Error ? error.name : 'Error'
      return failure(name, error instanceof Error ? error.message : String(error))
    } finally {
      await connection.close()
    }
  }
}

function failure(code: string, message: string): FunctionResponse<never> {
  return { success: false, issues: [{ code, path: [], message }] }
}
