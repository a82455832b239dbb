/** Serves an emulator over HTTP: Express 5 + `@mswjs/http-middleware`, with a JSON 404 for anything else. */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'

import { createMiddleware } from '@mswjs/http-middleware'
import express from 'express'

import type { Emulator } from './create-emulator.ts'

export interface EmulatorServerOptions {
  /** Default 0: any free port. */
  port?: number
  /** Default `127.0.0.1` (loopback only). */
  host?: string
}

/** A listening emulator; `close()` also stops the emulator (its webhook delivery included). */
export interface EmulatorServer {
  /** `http://127.0.0.1:PORT`, usable as the client's `basePath`. */
  url: string
  port: number
  close(): Promise<void>
}

/**
 * Starts serving `emulator` on loopback.
 * @example
 * const server = await startEmulatorServer(emulator, { port: 0 })
 * new Client({ accessToken: 'emulator-token', basePath: server.url })
 */
export async function startEmulatorServer(
  emulator: Emulator,
  options: EmulatorServerOptions = {},
): Promise<EmulatorServer> {
  const host = options.host ?? '127.0.0.1'
  const app = express()
  app.disable('x-powered-by')
  app.use(createMiddleware(...emulator.handlers))
  app.use(function notFound(req, res) {
    res.status(404).json({
      status: 'error',
      message: `No emulated endpoint for ${req.method} ${req.path}`,
      correlationId: crypto.randomUUID(),
      category: 'OBJECT_NOT_FOUND',
    })
  })
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(options.port ?? 0, host, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    )
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://${host}:${port}`,
    port,
    async close() {
      await emulator.close()
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
    },
  }
}
