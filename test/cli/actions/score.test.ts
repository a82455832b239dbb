/** `health-score score` as a user runs it: a real process against the emulator or the demo portal. */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { createEmulator, startEmulatorServer } from '@health-score/hubspot-emulator'
import { expect, it } from 'vitest'

import { generateDemoPortal } from '../../../src/demo/index.ts'
import { cli } from '../../support/cli.ts'

it('asks for a token when neither one nor --demo is given, with exit code 2', async () => {
  const { code, stderr } = await cli(['score'])
  expect(code).toBe(2)
  expect(stderr).toBe(
    'health-score score: set HUBSPOT_ACCESS_TOKEN to a private app token (or run with --demo to use the embedded demo portal)',
  )
})

it('says which API it cannot reach, never the token, with exit code 1', async () => {
  const { code, stderr } = await cli(['score', '--base-url', 'http://127.0.0.1:59999'], {
    HUBSPOT_ACCESS_TOKEN: 'pat-test',
  })
  expect(code).toBe(1)
  expect(stderr).toMatch(
    /^health-score score: cannot reach http:\/\/127\.0\.0\.1:59999: .*ECONNREFUSED/,
  )
  expect(stderr).not.toContain('pat-test')
}, 30_000)

it('prints the JSON summary of a demo run as one object on stdout', async () => {
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

it('refuses --since last before any completed run of the portal', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'health-since-'))
  try {
    const { code, stderr } = await cli(
      ['score', '--since', 'last', '--base-url', 'http://127.0.0.1:59999', '--data-dir', dataDir],
      { HUBSPOT_ACCESS_TOKEN: 'pat-test' },
    )
    expect(code).toBe(2)
    expect(stderr).toBe(
      'health-score score: --since last: no completed run of this portal yet; run a full score first',
    )
  } finally {
    rmSync(dataDir, { recursive: true, force: true })
  }
}, 30_000)

it('refuses a loose, impossible or future --since with one line and exit code 2', async () => {
  for (const [since, problem] of [
    ['March 7', "must be 'last', an ISO-8601 date"],
    ['2026-02-30', "must be 'last', an ISO-8601 date"],
    ['2999-01-01', 'must not be in the future'],
  ] as const) {
    const { code, stdout, stderr } = await cli(['score', '--demo', '--since', since])
    expect(code).toBe(2)
    expect(stdout).toBe('')
    const line = stderr.trim()
    expect(line.split('\n')).toHaveLength(1)
    expect(line.startsWith(`health-score score: --since ${problem}`)).toBe(true)
    expect(line.endsWith(`, got '${since}'`)).toBe(true)
  }
})
