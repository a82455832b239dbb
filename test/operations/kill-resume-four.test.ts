/**
 * Kills a real `health-score score` process four times (SIGKILL, each after it wrote more), resumes
 * it each time, and checks through the API that every company was written exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import {
  createEmulator,
  type Emulator,
  type EmulatorServer,
  startEmulatorServer,
} from '@health-score/hubspot-emulator'
import { Client } from '@hubspot/api-client'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { generateDemoPortal } from '../../src/demo/index.ts'
import { startCli } from '../support/cli.ts'

const COMPANIES = 500
const UPDATE = 'POST /crm/v3/objects/companies/batch/update'

let emulator: Emulator
let server: EmulatorServer
let dataDir: string
let ids: string[]

beforeAll(async () => {
  const { fixture } = generateDemoPortal({ companies: COMPANIES, seed: 13 })
  ids = fixture.companies.map((c) => c.id)
  emulator = createEmulator({ fixture, latencyMs: 5 })
  server = await startEmulatorServer(emulator, { port: 0 })
  dataDir = mkdtempSync(join(tmpdir(), 'health-journal-'))
})

afterAll(async () => {
  await server.close()
  rmSync(dataDir, { recursive: true, force: true })
})

function score() {
  const flags = ['--base-url', server.url, '--data-dir', dataDir, '--json', '--rate-limit', '5000']
  return startCli(['score', ...flags], { HUBSPOT_ACCESS_TOKEN: 'emulator-token' })
}

const updates = () => emulator.stats().calls.byEndpoint[UPDATE] ?? 0

it('loses and duplicates nothing when the process is killed four times and run again', async () => {
  for (let kill = 1; kill <= 4; kill++) {
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

  const client = new Client({ accessToken: 'emulator-token', basePath: server.url })
  expect(ids).toHaveLength(COMPANIES)
  for (let i = 0; i < ids.length; i += 50) {
    const page = await client.crm.companies.batchApi.read({
      inputs: ids.slice(i, i + 50).map((id) => ({ id })),
      properties: ['health_score'],
      propertiesWithHistory: ['health_score'],
    })
    for (const record of page.results) {
      const writes = (record.propertiesWithHistory?.health_score ?? []).filter((e) => e.value)
      expect([record.id, writes.length]).toEqual([record.id, 1])
    }
  }
}, 120_000)
