/** `health-score explain` as a user runs it, on the demo portal. */
import { expect, it } from 'vitest'

import { cli } from '../../support/cli.ts'

it('explains one company of the demo portal, signal by signal', async () => {
  const { code, stdout } = await cli(['explain', '100000001', '--demo', '--companies', '5'])
  expect(code).toBe(0)
  expect(stdout).toMatch(/score \d+ · (Healthy|Neutral|At risk|Critical)/)
  expect(stdout).toContain('Active users vs onboarding baseline')
  expect(stdout).toContain('Playbook:')
}, 60_000)

it('prints one JSON object per company with --json, and exits 1 for a company it cannot find', async () => {
  const { code, stdout, stderr } = await cli([
    'explain',
    '100000002',
    '999',
    '--demo',
    '--companies',
    '5',
    '--json',
  ])
  expect(code).toBe(1)
  const lines = stdout.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(JSON.parse(lines[0]!)).toMatchObject({ companyId: '100000002' })
  expect(stderr).toMatch(/^health-score explain: .*999/)
}, 60_000)
