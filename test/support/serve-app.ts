/**
 * @fileoverview Serves an Express app on a free loopback port for one test, and closes it (every
 * socket included) when the test finishes, passed or failed.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Express } from 'express'
import { onTestFinished } from 'vitest'

/**
 * @example
 * const url = await serveApp(createApp(deps))
 * expect((await fetch(`${url}/healthz`)).status).toBe(200)
 */
export async function serveApp(app: Express): Promise<string> {
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(0, '127.0.0.1', (error?: Error) =>
      error ? reject(error) : resolve(listening),
    )
  })
  onTestFinished(
    () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}
