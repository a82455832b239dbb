/** `/__emulator/*`: stats, resets and webhook settings. Not HubSpot's; never rate-limited or counted. */
import { http, type HttpHandler } from 'msw'

import type { EmulatorContext } from '../http/emulator-context.ts'
import { hubspotError, jsonResponse } from '../http/hubspot-error.ts'

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
    http.get('*/__emulator/webhooks', function webhookState() {
      return webhookReport(context)
    }),
    http.put('*/__emulator/webhooks', async function configureWebhooks({ request }) {
      let body: unknown
      try {
        body = await request.json()
      } catch {
        return hubspotError(400, 'VALIDATION_ERROR', 'Invalid webhook settings: body is not JSON')
      }
      try {
        context.webhooks.configure(body as Parameters<typeof context.webhooks.configure>[0])
      } catch (error) {
        return hubspotError(400, 'VALIDATION_ERROR', (error as Error).message)
      }
      return webhookReport(context)
    }),
    http.delete('*/__emulator/webhooks', function stopWebhooks() {
      context.webhooks.configure(undefined)
      return webhookReport(context)
    }),
  ]
}

/** The webhook settings (never the client secret) and delivery counts. */
function webhookReport(context: EmulatorContext) {
  return jsonResponse({
    settings: context.webhooks.config() ?? null,
    deliveries: { ...context.webhooks.stats() },
  })
}
