/**
 * `health-score serve` as an operator runs it: a real process configured from the environment,
 * in front of the emulator's OAuth and API, stopped by signals.
 */
import { randomBytes } from 'node:crypto'
import { once } from 'node:events'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

import { createTestPortal } from '@health-score/hubspot-emulator/testing'
import { afterEach, expect, it } from 'vitest'

import { signV3 } from '../../../src/server/index.ts'
import { cli, startCli } from '../../support/cli.ts'
import { installThroughOAuth } from '../../support/oauth-install.ts'

const SECRET = 'emulator-client-secret'

const stops: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const stop of stops.splice(0).reverse()) await stop()
})

async function setUp(options: { latencyMs?: number } = {}) {
  const portal = createTestPortal({ companies: 3, rateLimits: false, ...options })
  const hubspot = await portal.serve()
  stops.push(() => hubspot.close())
  const dataDir = mkdtempSync(join(tmpdir(), 'health-serve-cli-'))
  stops.push(() => rmSync(dataDir, { recursive: true, force: true }))
  const env = {
    HUBSPOT_CLIENT_ID: 'emulator-client-id',
    HUBSPOT_CLIENT_SECRET: SECRET,
    HUBSPOT_API_BASE_URL: hubspot.url,
    HEALTH_SCORE_ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    HEALTH_SCORE_DATA_DIR: dataDir,
    HEALTH_LOG_LEVEL: 'warn',
  }
  return { portal, env }
}

/** Starts `serve --port 0` and reads its first line; the test's cleanup kills what is left. */
async function serve(env: Record<string, string>) {
  const started = startCli(['serve', '--port', '0'], env)
  stops.push(() => void started.child.kill('SIGKILL'))
  const [first] = (await once(createInterface({ input: started.child.stdout! }), 'line')) as [
    string,
  ]
  return { ...started, first, url: first.replace('listening on ', '') }
}

function signedHealth(url: string, portalId: number) {
  const path = `/api/companies/101/health?portalId=${portalId}&userId=1`
  const timestamp = String(Date.now())
  const signature = signV3({
    method: 'GET',
    uri: url + path,
    body: '',
    timestamp,
    clientSecret: SECRET,
  })
  return fetch(url + path, {
    headers: { 'x-hubspot-signature-v3': signature, 'x-hubspot-request-timestamp': timestamp },
  })
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

it('prints the listening line first, installs and answers, and on SIGTERM finishes the request in flight and exits 0', async () => {
  const { portal, env } = await setUp({ latencyMs: 150 })
  const { child, done, first, url } = await serve(env)
  expect(first).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/)
  expect(await (await fetch(`${url}/healthz`)).json()).toEqual({ status: 'ok' })
  expect((await installThroughOAuth(url)).status).toBe(200)

  const inFlight = signedHealth(url, portal.emulator.store.portalId)
  await new Promise((resolve) => setTimeout(resolve, 100))
  child.kill('SIGTERM')
  const answer = await inFlight
  expect(answer.status).toBe(200)
  expect(await answer.json()).toMatchObject({ companyId: '101' })

  const { code, stdout, stderr } = await done
  expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: `${first}\n`, stderr: '' })
  expect(alive(child.pid!)).toBe(false)
}, 30_000)

it('stops at once on a second signal while a request hangs', async () => {
  const { portal, env } = await setUp()
  const { child, done, url } = await serve(env)
  expect((await installThroughOAuth(url)).status).toBe(200)
  portal.emulator.setFaults('timeout:1')
  const hung = signedHealth(url, portal.emulator.store.portalId).catch(() => 'cut')
  await new Promise((resolve) => setTimeout(resolve, 300))
  const before = Date.now()
  child.kill('SIGTERM')
  await new Promise((resolve) => setTimeout(resolve, 300))
  child.kill('SIGTERM')
  const { code, stderr } = await done
  expect(Date.now() - before).toBeLessThan(5000) // the graceful stop would wait 10 s
  expect(code).toBe(130)
  expect(stderr).toBe('health-score serve: second signal: stopping at once')
  expect(await hung).toBe('cut')
}, 30_000)

it('refuses a missing HUBSPOT_CLIENT_SECRET with one line and exit code 2, before listening', async () => {
  const { env } = await setUp()
  const { HUBSPOT_CLIENT_SECRET: _secret, ...rest } = env
  const { code, stdout, stderr } = await cli(['serve', '--port', '0'], rest)
  expect({ code, stdout, stderr }).toEqual({
    code: 2,
    stdout: '',
    stderr:
      'health-score serve: HUBSPOT_CLIENT_SECRET is required: the app’s OAuth client secret (the app’s Auth tab)',
  })
}, 30_000)
