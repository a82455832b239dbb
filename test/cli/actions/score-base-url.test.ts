/**
 * `health-score score --base-url` against what is not a healthy HubSpot: a server that never
 * answers, an emulator whose requests time out, servers that are not HubSpot at all. Each run is a
 * real process that must end by itself, with one line that names the URL and what it answered.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createServer as createTcpServer, type Server as TcpServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createEmulator, startEmulatorServer } from '@health-score/hubspot-emulator'
import { expect, it } from 'vitest'

import { generateDemoPortal } from '../../../src/demo/index.ts'
import { type CliOutcome, startCli } from '../../support/cli.ts'

const ENV = { HUBSPOT_ACCESS_TOKEN: 'emulator-token', HEALTH_SCORE_REQUEST_TIMEOUT_MS: '300' }

/** Runs `score`, killing it and failing when it has not exited by itself within `boundMs`. */
async function scoreWithin(boundMs: number, args: readonly string[]): Promise<CliOutcome> {
  const dataDir = mkdtempSync(join(tmpdir(), 'health-base-url-'))
  const { child, done } = startCli(['score', '--data-dir', dataDir, ...args], ENV)
  let timer: NodeJS.Timeout | undefined
  const bound = new Promise<'hung'>(
    (resolve) => (timer = setTimeout(() => resolve('hung'), boundMs)),
  )
  try {
    const outcome = await Promise.race([done, bound])
    if (outcome === 'hung') {
      child.kill('SIGKILL')
      await done
      throw new Error(`health-score score ${args.join(' ')} did not exit within ${boundMs} ms`)
    }
    return outcome
  } finally {
    clearTimeout(timer)
    rmSync(dataDir, { recursive: true, force: true })
  }
}

async function listen(server: HttpServer | TcpServer): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

async function closeServer(server: HttpServer | TcpServer, sockets: Set<Socket>): Promise<void> {
  for (const socket of sockets) socket.destroy()
  await new Promise<void>((resolve) => server.close(() => resolve()))
}

it('exits by itself against a server that accepts connections and never answers', async () => {
  const sockets = new Set<Socket>()
  const server = createTcpServer((socket) => sockets.add(socket))
  const url = await listen(server)
  try {
    const { code, stderr } = await scoreWithin(40_000, ['--base-url', url])
    expect(code).toBe(1)
    expect(stderr).toBe(
      `health-score score: ${url} gave no answer within 300 ms (tried 6 times). Check --base-url and the network.`,
    )
  } finally {
    await closeServer(server, sockets)
  }
}, 60_000)

it('exits by itself after its requests to the emulator time out, with every company written', async () => {
  const { fixture } = generateDemoPortal({ companies: 60, seed: 3 })
  const emulator = createEmulator({ fixture, faults: 'timeout:0.1', seed: 7 })
  const server = await startEmulatorServer(emulator, { port: 0 })
  try {
    const { code, stdout, stderr } = await scoreWithin(40_000, [
      '--base-url',
      server.url,
      '--json',
      '--rate-limit',
      '5000',
    ])
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
    expect(JSON.parse(stdout)).toMatchObject({ companies: 60, written: 60, failed: 0 })
  } finally {
    await server.close()
  }
}, 60_000)

/** An HTTP server that answers every request the same way. */
async function answering(status: number, type: string, body: string) {
  const sockets = new Set<Socket>()
  const server = createHttpServer((_, response) => {
    response.writeHead(status, { 'content-type': type }).end(body)
  })
  server.on('connection', (socket) => sockets.add(socket))
  const url = await listen(server)
  return { url, close: () => closeServer(server, sockets) }
}

it.each([
  [200, 'text/html', '<html><body>Welcome</body></html>', '200 text/html'],
  [200, 'application/json', '{"hello":"world"}', "200 JSON without HubSpot's fields"],
  [404, 'text/html', '<h1>Not Found</h1>', '404 text/html'],
])(
  'says a server answering %i %s is not a HubSpot API, and never to resume',
  async (status, type, body, answered) => {
    const server = await answering(status, type, body)
    try {
      const { code, stderr } = await scoreWithin(20_000, ['--base-url', server.url])
      expect(code).toBe(1)
      expect(stderr).toBe(
        `health-score score: ${server.url} does not look like a HubSpot API: GET /crm/v3/properties/companies answered ${answered}. Check --base-url (e.g. https://api.hubapi.com).`,
      )
    } finally {
      await server.close()
    }
  },
  30_000,
)

it('takes a base URL with a trailing slash as the same API', async () => {
  const { fixture } = generateDemoPortal({ companies: 10, seed: 3 })
  const server = await startEmulatorServer(createEmulator({ fixture }), { port: 0 })
  try {
    const { code, stdout } = await scoreWithin(30_000, [
      '--base-url',
      `${server.url}/`,
      '--json',
      '--rate-limit',
      '5000',
    ])
    expect(code).toBe(0)
    expect(JSON.parse(stdout)).toMatchObject({ companies: 10, written: 10, failed: 0 })
  } finally {
    await server.close()
  }
}, 40_000)
