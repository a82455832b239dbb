/** `/__emulator/*`: stats and resets. Not HubSpot's; never rate-limited or counted. */
import { http, type HttpHandler } from 'msw'

import type { EmulatorContext } from '../http/emulator-context.ts'
import { jsonResponse } from '../http/hubspot-error.ts'

/** The admin handlers. */
export function adminHandlers(context: EmulatorContext): HttpHandler[] {
  return [
    http.get('*/__emulator/stats', function stats() {
      return jsonResponse({ calls: context.stats.snapshot(), objects: context.store.counts() })
    }),
    http.post('*/__emulator/reset-stats', function resetStats() {
      context.stats.reset()
      return jsonResponse({ calls: context.stats.snapshot() })
    }),
  ]
}
