/** @module `ensure_schema`: the app's property group and properties, created once per portal. */
import { z } from 'zod'

import { ensureSchema } from '../../operations/index.ts'
import { appFunction } from './run-function.ts'

export const main = appFunction(z.strictObject({}), (_params, env) =>
  ensureSchema({ connection: env.connection, model: env.model }),
)
