/** @module Every emulator handler, by API area, in matching order. */
import type { HttpHandler } from 'msw'

import type { EmulatorContext } from '../http/emulator-context.ts'
import { adminHandlers } from './admin.ts'
import { associationHandlers } from './associations.ts'
import { batchHandlers } from './batch.ts'
import { oauthHandlers } from './oauth.ts'
import { objectHandlers } from './objects.ts'
import { pipelineHandlers } from './pipelines.ts'
import { propertyHandlers } from './properties.ts'
import { searchHandlers } from './search.ts'

/**
 * The emulator's msw handlers over one context; use them with `setupServer` or `createMiddleware`.
 * @example setupServer(...createHandlers(emulator.context))
 */
export function createHandlers(context: EmulatorContext): HttpHandler[] {
  return [
    ...batchHandlers(context),
    ...adminHandlers(context),
    ...searchHandlers(context),
    ...objectHandlers(context),
    ...associationHandlers(context),
    ...propertyHandlers(context),
    ...pipelineHandlers(context),
    ...oauthHandlers(context),
  ]
}
