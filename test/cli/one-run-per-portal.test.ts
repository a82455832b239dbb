/**
 * Two real `health-score score` processes on one portal and one data dir, started together: one
 * runs to the end, the other is refused with one line and exit code 75, and every company gets
 * exactly one `health_score` write. The portal's writes are held at a gate until one process has
 * exited, so both are surely running at once: without the lease, both would read every company
 * before either wrote, and each would write them all.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createEmulator, startEmulatorServer } from '@health-score/hubspot-emulator'
import { expect, it } from 'vitest'

import { generateDemoPortal } from '../../src/demo/index.ts'
import { startCli } from '../support/cli.ts'
import { scoreWrites } from '../support/score-writes.ts'

const UPDATE = '/crm/v3/objects/companies/batch/update'
/** How long the gate holds writes at most when neither process exits (no lease): well inside the client's 30 s timeout. */
const HOLD_MS = 10_000

/** A proxy to `target` that holds every company write until `open()`. */
async function gateWrites(target: string) {
  let opened = false
  const held: (() => void)[] = []
  const server = createServer((req, res) => {
    const forward = () => {
      const upstream = request(
        new URL(req.url ?? '/', target),
        { method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        },
      )
      upstream.on('error', () => res.destroy())
      req.pipe(upstream)
    }
    if (!opened && req.method === 'POST' && req.url?.startsWith(UPDATE)) held.push(forward)
    else forward()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held: () => held.length,
    open() {
      opened = true
      for (const forward of held.splice(0)) forward()
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

it('lets one of two processes started together run a portal, and refuses the other in one line', async () => {
  const { fixture } = generateDemoPortal({ companies: 120, seed: 21 })
  const ids = fixture.companies.map((c) => c.id)
  const emulator = createEmulator({ fixture })
  const server = await startEmulatorServer(emulator, { port: 0 })
  const gate = await gateWrites(server.url)
  const dataDir = mkdtempSync(join(tmpdir(), 'health-journal-'))
  const flags = ['--base-url', gate.url, '--data-dir', dataDir, '--json', '--rate-limit', '5000']
  const runs = [1, 2].map(() =>
    startCli(['score', ...flags], { HUBSPOT_ACCESS_TOKEN: 'emulator-token' }),
  )
  try {
    const timer = new Promise((resolve) => setTimeout(resolve, HOLD_MS))
    await Promise.race([...runs.map((run) => run.done), timer])
    gate.open()
    const outcomes = await Promise.all(runs.map((run) => run.done))
    const writes = await scoreWrites(server.url, ids)
    expect(ids.map((id) => [id, writes.get(id)])).toEqual(ids.map((id) => [id, 1]))

    const refused = outcomes.filter((outcome) => outcome.code === 75)
    const finished = outcomes.filter((outcome) => outcome.code === 0)
    expect(outcomes.map((o) => o.code).sort()).toEqual([0, 75])
    expect(refused[0]!.stdout).toBe('')
    expect(refused[0]!.stderr).toMatch(
      /^health-score score: another run of this portal is in progress \(pid \d+ on \S+, since \d{4}-\d\d-\d\dT[\d:.]+Z\); wait for it to finish, then run again [^\n]*$/,
    )
    expect(JSON.parse(finished[0]!.stdout)).toMatchObject({ companies: 120, failed: 0 })
  } finally {
    for (const run of runs) run.child.kill('SIGKILL')
    await Promise.all(runs.map((run) => run.done))
    gate.open()
    await gate.close()
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}, 60_000)
