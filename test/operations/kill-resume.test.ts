/**
 * Kills a real `health-score score` process mid-run (SIGKILL, no chance to clean up), once or four
 * times, each after it wrote more; resumes it each time, and checks through the API that every
 * company was written exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createEmulator, startEmulatorServer } from '@health-score/hubspot-emulator'
import { expect, it } from 'vitest'

import { generateDemoPortal } from '../../src/demo/index.ts'
import { startCli } from '../support/cli.ts'
import { scoreWrites } from '../support/score-writes.ts'

const UPDATE = 'POST /crm/v3/objects/companies/batch/update'

/** Serves a demo portal, kills `kills` score runs after each one's next write, then runs it to the end. */
async function killAndResume(kills: number, companies: number, seed: number) {
  const { fixture } = generateDemoPortal({ companies, seed })
  const ids = fixture.companies.map((c) => c.id)
  const emulator = createEmulator({ fixture, latencyMs: 5 })
  const server = await startEmulatorServer(emulator, { port: 0 })
  const dataDir = mkdtempSync(join(tmpdir(), 'health-journal-'))
  const flags = ['--base-url', server.url, '--data-dir', dataDir, '--json', '--rate-limit', '5000']
  const score = () => startCli(['score', ...flags], { HUBSPOT_ACCESS_TOKEN: 'emulator-token' })
  const updates = () => emulator.stats().calls.byEndpoint[UPDATE] ?? 0
  try {
    for (let kill = 1; kill <= kills; kill++) {
      const target = updates() + 1
      const run = score()
      try {
        while (updates() < target) {
          await new Promise((resolve) => setTimeout(resolve, 5))
          expect(run.child.exitCode).toBeNull() // it must not finish before we kill it
        }
      } finally {
        run.child.kill('SIGKILL')
        await run.done
      }
    }

    const last = await score().done
    expect(last.code).toBe(0)
    expect(JSON.parse(last.stdout)).toMatchObject({ resumed: true, failed: 0 })

    expect(ids).toHaveLength(companies)
    const writes = await scoreWrites(server.url, ids)
    expect(ids.map((id) => [id, writes.get(id)])).toEqual(ids.map((id) => [id, 1]))
  } finally {
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

it('loses and duplicates nothing when the process is killed mid-run and run again', async () => {
  await killAndResume(1, 150, 11)
}, 60_000)

it('loses and duplicates nothing when the process is killed four times and run again', async () => {
  await killAndResume(4, 500, 13)
}, 120_000)
