/**
 * @module The demo's marketplace backend: `startServer` on loopback in front of the demo portal's
 * emulator, with the emulator's development OAuth client, and the demo portal installed through
 * the real OAuth flow (install link, the emulator's authorize page, callback), so the backend
 * holds a real installation. `signedCurl` prints a card request signed as HubSpot signs
 * `hubspot.fetch`, for a newcomer to paste.
 */
import { randomBytes } from 'node:crypto'

import { DEFAULT_OAUTH_APP } from '@health-score/hubspot-emulator'

import type { Logger } from '../log.ts'
import { type RunningServer, SIGNATURE_WINDOW_MS, signV3, startServer } from '../server/index.ts'
import { CliError } from './cli-error.ts'

/** The HubSpot user the printed request claims to come from. */
export const DEMO_USER_ID = 1

/**
 * Serves the backend for the emulator at `emulatorUrl` (store in memory, a key for this process)
 * and installs the emulator's portal into it.
 * @throws CliError (exit code 1) when it cannot listen or the install does not complete
 * @example
 * const backend = await serveDemoBackend(emulator.url, logger)
 * try { console.log(signedCurl(backend, portalId, companyId)) } finally { await backend.close() }
 */
export async function serveDemoBackend(
  emulatorUrl: string,
  logger: Logger,
): Promise<RunningServer> {
  let server: RunningServer
  try {
    server = await startServer({
      env: {
        HUBSPOT_CLIENT_ID: DEFAULT_OAUTH_APP.clientId,
        HUBSPOT_CLIENT_SECRET: DEFAULT_OAUTH_APP.clientSecret,
        HUBSPOT_API_BASE_URL: emulatorUrl,
        HEALTH_SCORE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
        HEALTH_SCORE_DATA_DIR: ':memory:',
      },
      port: 0,
      logger,
    })
  } catch (error) {
    throw new CliError(`the demo backend cannot start: ${(error as Error).message}`, 1)
  }
  try {
    await installThroughOAuth(server.url)
    return server
  } catch (error) {
    await server.close()
    throw error
  }
}

/** What a browser does: the install link, HubSpot's authorize page, back to the callback. */
async function installThroughOAuth(backendUrl: string): Promise<void> {
  const start = await fetch(`${backendUrl}/oauth/install`, { redirect: 'manual' })
  const cookie = (start.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
  const consent = await fetch(start.headers.get('location') ?? '', { redirect: 'manual' })
  const callback = consent.headers.get('location')
  if (consent.status !== 302 || !callback)
    throw new CliError(
      `the demo portal could not be installed: authorize answered ${consent.status}`,
      1,
    )
  const done = await fetch(callback, { headers: { cookie }, redirect: 'manual' })
  if (done.status !== 200) {
    const answer = (await done.json().catch(() => ({}))) as { message?: unknown }
    throw new CliError(
      `the demo portal could not be installed: the callback answered ${done.status}${typeof answer.message === 'string' ? ` (${answer.message})` : ''}`,
      1,
    )
  }
}

/**
 * A `curl` of the card API's `GET /api/companies/:id/health`, with the query HubSpot adds and its
 * v3 signature: good once, within the 5-minute window of `now`.
 * @example
 * signedCurl(backend, 9999, '101')
 * // "curl -H 'X-HubSpot-Signature-v3: …' -H 'X-HubSpot-Request-Timestamp: …' 'http://127.0.0.1:…/api/companies/101/health?portalId=9999&userId=1'"
 */
export function signedCurl(
  server: Pick<RunningServer, 'url' | 'config'>,
  portalId: number,
  companyId: string,
  now = Date.now(),
): string {
  const path = `/api/companies/${companyId}/health?portalId=${portalId}&userId=${DEMO_USER_ID}`
  const timestamp = String(now)
  const signature = signV3({
    method: 'GET',
    uri: `${server.config.publicUrl}${path}`,
    body: '',
    timestamp,
    clientSecret: server.config.clientSecret,
  })
  return (
    `curl -H 'X-HubSpot-Signature-v3: ${signature}' ` +
    `-H 'X-HubSpot-Request-Timestamp: ${timestamp}' '${server.url}${path}'`
  )
}

/** How long the printed request stays good, for the line that introduces it. */
export const SIGNED_CURL_MINUTES = SIGNATURE_WINDOW_MS / 60_000
