/**
 * The `health-score` command as a user runs it: a real process, its exit code, stdout and stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createEmulator, startEmulatorServer } from '@health-score/hubspot-emulator'
import { expect, it } from 'vitest'

import { generateDemoPortal } from '../../src/demo/index.ts'
import { cli } from '../support/cli.ts'

it.each([
  [
    ['score', '--demo', '--companies', 'lots'],
    "health-score score: --companies must be a whole number from 1 to 200000, got 'lots'",
  ],
  [['score', '--bogus'], "health-score score: Unknown option '--bogus'"],
  [
    ['score', '--since', 'last tuesday', '--demo'],
    "health-score score: --since must be 'last' or an ISO-8601 date or date-time, got 'last tuesday'",
  ],
  [
    ['score'],
    'health-score score: set HUBSPOT_ACCESS_TOKEN to a private app token (or run with --demo to use the embedded demo portal)',
  ],
  [
    ['explain', 'acme', '--demo'],
    "health-score explain: 'acme' is not a company id (HubSpot ids are numbers)",
  ],
  [['frobnicate'], "health-score: unknown command 'frobnicate'."],
])('rejects %j with one clear line and a non-zero exit', async (args, message) => {
  const { code, stderr } = await cli(args)
  expect(code).not.toBe(0)
  expect(stderr.split('\n')[0]).toBe(message)
})

it('says which API it cannot reach', async () => {
  const { code, stderr } = await cli(['score', '--base-url', 'http://127.0.0.1:59999'], {
    HUBSPOT_ACCESS_TOKEN: 'pat-test',
  })
  expect(code).toBe(1)
  expect(stderr).toMatch(
    /^health-score score: cannot reach http:\/\/127\.0\.0\.1:59999: .*ECONNREFUSED/,
  )
  expect(stderr).not.toContain('pat-test')
}, 30_000)

it('prints the JSON summary of a demo run on stdout', async () => {
  const { code, stdout } = await cli(['score', '--demo', '--companies', '40', '--json'])
  expect(code).toBe(0)
  const summary = JSON.parse(stdout) as Record<string, unknown>
  expect(Object.keys(summary)).toEqual(
    expect.arrayContaining([
      'companies',
      'scored',
      'written',
      'unchanged',
      'failed',
      'apiCalls',
      'rateLimited',
      'durationMs',
      'tiers',
    ]),
  )
  expect(summary).toMatchObject({
    companies: 40,
    failed: 0,
    apiCalls: { total: expect.any(Number), byEndpoint: expect.any(Object) },
  })
  expect(Object.keys(summary.tiers as object)).toEqual(['healthy', 'neutral', 'atRisk', 'critical'])
}, 60_000)

it('explains one company of the demo portal, signal by signal', async () => {
  const { code, stdout } = await cli(['explain', '100000001', '--demo', '--companies', '5'])
  expect(code).toBe(0)
  expect(stdout).toMatch(/score \d+ · (Healthy|Neutral|At risk|Critical)/)
  expect(stdout).toContain('Active users vs onboarding baseline')
  expect(stdout).toContain('Playbook:')
}, 60_000)

it('scores the sample companies with no API at all', async () => {
  const { code, stdout } = await cli(['samples'])
  expect(code).toBe(0)
  expect(stdout).toMatch(/Granite Manufacturing\s+\d+\s+Critical/)
})

it('rescores nothing with --since last right after a full run, its own writes included', async () => {
  const { fixture } = generateDemoPortal({ companies: 30, seed: 5 })
  const emulator = createEmulator({ fixture })
  const server = await startEmulatorServer(emulator, { port: 0 })
  const dataDir = mkdtempSync(join(tmpdir(), 'health-since-'))
  const env = { HUBSPOT_ACCESS_TOKEN: 'emulator-token' }
  const flags = ['--base-url', server.url, '--data-dir', dataDir, '--json', '--rate-limit', '5000']
  try {
    const full = await cli(['score', ...flags], env)
    expect(JSON.parse(full.stdout)).toMatchObject({ companies: 30, written: 30 })
    const again = await cli(['score', '--since', 'last', ...flags], env)
    expect(JSON.parse(again.stdout)).toMatchObject({
      kind: 'incremental',
      companies: 0,
      written: 0,
    })
  } finally {
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}, 60_000)
