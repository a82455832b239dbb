/**
 * The token never leaves the process: real `health-score` runs with a distinctive
 * `HUBSPOT_ACCESS_TOKEN` against the emulator over HTTP (and against a server that echoes the
 * Authorization header back), in success and failure, with well-formed and malformed tokens. Not
 * the token, nor any recognisable piece of it, may appear on stdout, on stderr or in any byte of
 * the data dir (the journal and its -wal and -shm files).
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import {
  createEmulator,
  type Emulator,
  type EmulatorServer,
  startEmulatorServer,
} from '@health-score/hubspot-emulator'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { generateDemoPortal } from '../../src/demo/index.ts'
import { cliInProcess, type CliOutcome, startCli } from '../support/cli.ts'

/** Built at run time: the repository holds no token-looking literal. */
const secret = (bytes: number): string => randomBytes(bytes).toString('hex')
const PREFIX = ['pat', 'na1', ''].join('-')
const TOKEN = `${PREFIX}${secret(16)}-${secret(4)}`
const LIMITED_TOKEN = `${PREFIX}${secret(16)}-${secret(4)}`

let portal: Emulator
let emulator: EmulatorServer
let companyId: string
let echo: Server
let echoUrl: string

beforeAll(async () => {
  const { fixture } = generateDemoPortal({ companies: 12, seed: 4 })
  portal = createEmulator({ fixture, token: TOKEN, rateLimit: 5000 })
  portal.addPrivateAppToken(LIMITED_TOKEN, ['crm.objects.companies.read'])
  emulator = await startEmulatorServer(portal, { port: 0 })
  companyId = portal.store.table('companies').idOf(0)
  // A server that is not HubSpot and repeats the Authorization header in every answer, body and header.
  echo = createServer((request, response) => {
    const authorization = request.headers.authorization ?? ''
    response.writeHead(401, { 'content-type': 'application/json', 'x-echo': authorization })
    response.end(
      JSON.stringify({
        status: 'error',
        message: `bad credentials: ${authorization}`,
        correlationId: authorization,
        category: 'INVALID_AUTHENTICATION',
      }),
    )
  })
  await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve))
  echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`
}, 30_000)

afterAll(async () => {
  await emulator?.close()
  await new Promise<void>((resolve) => (echo ? echo.close(() => resolve()) : resolve()))
})

/** Runs the CLI with `token` and a fresh data dir; killed if it has not ended within 40 s. */
async function run(args: readonly string[], token: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'health-token-'))
  const { child, done } = startCli([...args, '--data-dir', dataDir], {
    HUBSPOT_ACCESS_TOKEN: token,
  })
  const timer = setTimeout(() => child.kill('SIGKILL'), 40_000)
  try {
    const outcome: CliOutcome = await done
    return { ...outcome, files: filesUnder(dataDir) }
  } finally {
    clearTimeout(timer)
    child.kill('SIGKILL')
    rmSync(dataDir, { recursive: true, force: true })
  }
}

/** Every file under `dir`, by name, as bytes read one to one into a string. */
function filesUnder(dir: string): Map<string, string> {
  const files = new Map<string, string>()
  for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const path = join(dir, name)
    if (statSync(path).isFile()) files.set(name, readFileSync(path).toString('latin1'))
  }
  return files
}

/** The pieces of a token someone would recognise: the whole, and every 10 characters of its secret. */
function piecesOf(token: string): string[] {
  const secretPart = token.replace(/[^0-9a-f]/g, '')
  const pieces = new Set([token])
  for (let at = 0; at + 10 <= secretPart.length; at++) pieces.add(secretPart.slice(at, at + 10))
  return [...pieces]
}

/** Fails naming the first place where a piece of `token` shows. */
function expectNoTrace(token: string, outcome: Awaited<ReturnType<typeof run>>): void {
  const places = new Map<string, string>([
    ['stdout', outcome.stdout],
    ['stderr', outcome.stderr],
  ])
  for (const [name, bytes] of outcome.files) places.set(`data dir ${name}`, bytes)
  for (const piece of piecesOf(token))
    for (const [place, text] of places) expect(text.includes(piece), `${place}`).toBe(false)
}

const score = () => ['score', '--base-url', emulator.url, '--log-level', 'debug']

it('leaves no trace of the token after a successful score --json and an explain', async () => {
  const scored = await run([...score(), '--json'], TOKEN)
  expect(scored.code).toBe(0)
  expect(JSON.parse(scored.stdout)).toMatchObject({ companies: 12, failed: 0 })
  expect([...scored.files.keys()].some((name) => name.startsWith('journal.sqlite'))).toBe(true)
  expectNoTrace(TOKEN, scored)

  const explained = await run(['explain', companyId, '--base-url', emulator.url], TOKEN)
  expect(explained.code, explained.stderr).toBe(0)
  expectNoTrace(TOKEN, explained)
}, 90_000)

it('leaves no trace of a token the API refuses (401) or that lacks scopes (403)', async () => {
  const stranger = `${PREFIX}${secret(16)}-${secret(4)}`
  const refused = await run(score(), stranger)
  expect(refused.code).not.toBe(0)
  expect(refused.stderr).toMatch(/401/)
  expectNoTrace(stranger, refused)

  const limited = await run(score(), LIMITED_TOKEN)
  expect(limited.code).not.toBe(0)
  expect(limited.stderr).toMatch(/403/)
  expectNoTrace(LIMITED_TOKEN, limited)
}, 90_000)

it.each([
  [
    'a newline',
    `${PREFIX}${secret(12)}\n${secret(12)}`,
    'a line break or another control character',
  ],
  [
    'control characters',
    `${PREFIX}${secret(12)}\u001b[31m\u0007${secret(12)}`,
    'a line break or another control character',
  ],
  ['spaces', ` ${PREFIX}${secret(12)} ${secret(12)} `, 'it holds spaces'],
  ['a very long secret', `${PREFIX}${secret(4096)}`, 'more than any HubSpot token'],
])(
  'refuses a malformed token with %s in one line, before any request, without quoting it',
  async (_, token, problem) => {
    const before = portal.stats().calls.total
    const outcome = await run(score(), token)
    expect(outcome.code).toBe(2)
    expect(outcome.stderr).toMatch(
      /^health-score score: HUBSPOT_ACCESS_TOKEN is not a token HubSpot could accept: [^\n]+$/,
    )
    expect(outcome.stderr).toContain(problem)
    expect(portal.stats().calls.total).toBe(before)
    expectNoTrace(token, outcome)
  },
  60_000,
)

it('leaves no trace of the token when a server repeats the Authorization header back', async () => {
  const outcome = await run(['score', '--base-url', echoUrl], TOKEN)
  expect(outcome.code).not.toBe(0)
  expect(outcome.stderr).toContain(echoUrl)
  expectNoTrace(TOKEN, outcome)
}, 60_000)

it.each([
  ['a newline', `${PREFIX}${secret(12)}\n${secret(12)}`],
  ['a space', `${PREFIX}${secret(12)} ${secret(12)}`],
  ['an escape sequence', `${PREFIX}${secret(12)}\u001b]0;${secret(12)}\u0007`],
])('refuses an emulator --token with %s without quoting it back', async (_, token) => {
  const { code, stdout, stderr } = await cliInProcess(['emulator', '--port', '0', '--token', token])
  expect({ code, stdout }).toEqual({ code: 2, stdout: '' })
  expect(stderr).toBe(
    'health-score emulator: --token must be 1 to 2048 letters, digits or punctuation, with no spaces or control characters',
  )
})
