/**
 * @module The connection's own HTTP agent: every socket it opens is destroyed when it has been
 * silent for the timeout, and all of them when the connection closes. A request with no answer is
 * cancelled for real (its socket gone, nothing left to keep the process alive), not abandoned.
 *
 * @note Why an agent: the api-client takes no abort signal, but it sends through node's http with
 * the agent it is given (`new Client({ httpAgent })`). A socket timeout is the one cancel that
 * reaches every request it sends, and msw's interceptors honour the agent in tests too.
 */
import { Agent as HttpAgent } from 'node:http'
import { Agent as HttpsAgent } from 'node:https'
import type { Socket } from 'node:net'

/** What failed when a socket's timeout cancelled its request. */
export class NoAnswerError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`)
    this.name = 'NoAnswerError'
  }
}

/**
 * An http or https agent (by the URL's protocol) whose sockets die after `timeoutMs` of silence.
 * @example
 * const agent = createCancellingAgent('https://api.hubapi.com', 30_000)
 * const client = new Client({ accessToken, httpAgent: agent })
 * agent.destroy() // on close: every socket, idle or busy, is gone
 */
export function createCancellingAgent(baseUrl: string, timeoutMs: number): HttpAgent {
  const Base = new URL(baseUrl).protocol === 'http:' ? HttpAgent : HttpsAgent
  const agent = new Base({ keepAlive: true })
  const create = agent.createConnection.bind(agent) as (...args: unknown[]) => Socket
  agent.createConnection = ((...args: unknown[]) => {
    const socket = create(...args)
    socket.setTimeout(timeoutMs, () => socket.destroy(new NoAnswerError(timeoutMs)))
    return socket
  }) as typeof agent.createConnection
  return agent
}
