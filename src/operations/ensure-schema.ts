/** @module Creating the app's property group and properties (`ensure_schema`), once per portal. */
import { z } from 'zod'

import type { CompiledModel } from '../health/index.ts'
import type { HubSpotConnection, SchemaReport } from '../hubspot/index.ts'
import { ensurePropertySchema } from '../hubspot/index.ts'
import { parseOptions, present } from './operation-options.ts'

/** What `ensureSchema` takes. */
export interface EnsureSchemaOptions {
  readonly connection: HubSpotConnection
  readonly model: CompiledModel
}

export const ENSURE_SCHEMA_OPTIONS: z.ZodType<EnsureSchemaOptions> = z.strictObject({
  connection: present<HubSpotConnection>('a connection from createConnection', ['call', 'calls']),
  model: present<CompiledModel>('a compiled model (compileModel, getDefaultModel)', ['model']),
})

/**
 * Creates the property group and every missing property; changes nothing that already fits.
 * @throws OperationOptionsError when an option is missing or malformed
 * @throws PropertySchemaError when a property exists with another type
 * @example
 * const report = await ensureSchema({ connection, model: getDefaultModel() })
 */
export async function ensureSchema(input: EnsureSchemaOptions): Promise<SchemaReport> {
  const { connection, model } = parseOptions('ensureSchema', ENSURE_SCHEMA_OPTIONS, input)
  return ensurePropertySchema(connection, model)
}
