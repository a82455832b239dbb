/** A real HTTP receiver for webhook tests: node:http on 127.0.0.1, recording every POST it gets. */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import type { WebhookEvent } from '../src/index.ts'

/** One request the receiver got. */
export interface ReceivedDelivery {
  method: string
  path: string
  headers: IncomingHttpHeaders
  /** The raw body, as signed. */
  body: string
  events: WebhookEvent[]
}

/** How to answer the n-th request (0-based): a status, a redirect, or `hang` to never answer. */
export type Answer = (index: number) => number | 'hang' | { status: number; location: string }

export interface WebhookReceiver {
  /** `http://127.0.0.1:PORT/webhooks/hubspot`. */
  url: string
  received: ReceivedDelivery[]
  /** Every event received, in order. */
  events(): WebhookEvent[]
  close(): Promise<void>
}

/**
 * Starts a receiver on a free loopback port; `answer` decides each response (default 204).
 * @example const receiver = await startReceiver((i) => (i < 2 ? 500 : 200))
 */
export async function startReceiver(answer: Answer = () => 204): Promise<WebhookReceiver> {
  const received: ReceivedDelivery[] = []
  const hung: ServerResponse[] = []
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const index = received.length
      received.push({
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body,
        events: JSON.parse(body) as WebhookEvent[],
      })
      const status = answer(index)
      if (status === 'hang') hung.push(response)
      else if (typeof status === 'number') response.writeHead(status).end()
      else response.writeHead(status.status, { location: status.location }).end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/webhooks/hubspot`,
    received,
    events: () => received.flatMap((delivery) => delivery.events),
    close: () =>
      new Promise<void>((resolve) => {
        for (const response of hung) response.destroy()
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}
