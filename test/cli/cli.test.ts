/**
 * The `health-score` command as a user runs it: a real process, its exit code, stdout and stderr.
 */
import { spawnSync } from 'node:child_process'

import { expect, it } from 'vitest'

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname

function cli(args: string[], env: Record<string, string> = {}) {
  const { HUBSPOT_ACCESS_TOKEN: _token, ...clean } = process.env
  const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...clean, ...env },
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.trim() }
}

it.each([
  [
    ['score', '--demo', '--companies', 'lots'],
    "health-score score: --companies must be a whole number from 1 to 200000, got 'lots'",
  ],
  [['score', '--bogus'], "health-score score: Unknown option '--bogus'"],
  [
    ['score', '--since', 'last tuesday', '--demo'],
    "health-score score: --since must be an ISO-8601 date or date-time, got 'last tuesday'",
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
])('rejects %j with one clear line and a non-zero exit', (args, message) => {
  const { code, stderr } = cli(args)
  expect(code).not.toBe(0)
  expect(stderr.split('\n')[0]).toBe(message)
})

it('says which API it cannot reach', () => {
  const { code, stderr } = cli(['score', '--base-url', 'http://127.0.0.1:59999'], {
    HUBSPOT_ACCESS_TOKEN: 'pat-test',
  })
  expect(code).toBe(1)
  expect(stderr).toMatch(
    /^health-score score: cannot reach http:\/\/127\.0\.0\.1:59999: .*ECONNREFUSED/,
  )
  expect(stderr).not.toContain('pat-test')
}, 30_000)

it('prints the JSON summary of a demo run on stdout', () => {
  const { code, stdout } = cli(['score', '--demo', '--companies', '40', '--json'])
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

it('explains one company of the demo portal, signal by signal', () => {
  const { code, stdout } = cli(['explain', '100000001', '--demo', '--companies', '5'])
  expect(code).toBe(0)
  expect(stdout).toMatch(/score \d+ · (Healthy|Neutral|At risk|Critical)/)
  expect(stdout).toContain('Active users vs onboarding baseline')
  expect(stdout).toContain('Playbook:')
}, 60_000)

it('scores the sample companies with no API at all', () => {
  const { code, stdout } = cli(['samples'])
  expect(code).toBe(0)
  expect(stdout).toMatch(/Granite Manufacturing\s+\d+\s+Critical/)
})
