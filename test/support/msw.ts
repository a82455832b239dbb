/** msw lifecycle for tests: one server per file, handlers added per test with `server.use`. */
import type { RequestHandler } from 'msw'
import { type SetupServer, setupServer } from 'msw/node'
import { afterAll, afterEach, beforeAll } from 'vitest'

/**
 * Starts an msw server for the calling test file with `onUnhandledRequest: 'error'`, so a request
 * no handler serves fails the test.
 * @example const server = useMswServer(); server.use(...emulator.handlers)
 */
export function useMswServer(): SetupServer {
  const server = setupServer()
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }))
  afterEach(() => server.resetHandlers())
  afterAll(() => server.close())
  return server
}

/**
 * Runs `body` with an msw server intercepting through `handlers`, closed afterwards; for tests
 * that also talk to a real socket, which a file-wide server would intercept.
 */
export async function withMswServer<T>(
  handlers: RequestHandler[],
  body: () => Promise<T>,
): Promise<T> {
  const server = setupServer(...handlers)
  server.listen({ onUnhandledRequest: 'error' })
  try {
    return await body()
  } finally {
    server.close()
  }
}
