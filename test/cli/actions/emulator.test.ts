/** `health-score emulator` as a user runs it: a real process serving on loopback until a signal. */
import { once } from 'node:events'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'

import { expect, it } from 'vitest'

import { cli, startCli } from '../../support/cli.ts'

/** Starts the emulator, hands its URL to `use`, then stops it with Ctrl-C and returns its outcome. */
async function serving(args: readonly string[], use: (url: string) => Promise<void>) {
  const { child, done } = startCli(['emulator', '--port', '0', ...args])
  try {
    const [first] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string]
    expect(first).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/)
    await use(first.replace('listening on ', ''))
  } finally {
    child.kill('SIGINT')
  }
  return done
}

it('prints the listening line first, serves the demo portal and exits 0 on Ctrl-C', async () => {
  const outcome = await serving(['--companies', '20'], async (url) => {
    const stats = await (await fetch(`${url}/__emulator/stats`)).json()
    expect(stats).toMatchObject({ objects: { companies: 20 } })
  })
  expect(outcome.code).toBe(0)
  expect(outcome.stdout).toContain('demo portal (20 companies, seed 1)')
}, 30_000)

it('serves a fixture file with the token it is given', async () => {
  const outcome = await serving(
    ['--fixture', 'examples/sample-portal.json', '--token', 'pat-sample'],
    async (url) => {
      const companies = (token: string) =>
        fetch(`${url}/crm/v3/objects/companies?limit=1`, {
          headers: { authorization: `Bearer ${token}` },
        })
      expect((await companies('emulator-token')).status).toBe(401)
      expect((await companies('pat-sample')).status).toBe(200)
    },
  )
  expect(outcome.code).toBe(0)
  expect(outcome.stdout).toContain('examples/sample-portal.json')
}, 30_000)

it('refuses a bad fault spec with one line and exit code 2, before listening', async () => {
  const { code, stdout, stderr } = await cli(['emulator', '--port', '0', '--faults', '418:0.5'])
  expect(code).toBe(2)
  expect(stdout).toBe('')
  expect(stderr).toMatch(/^health-score emulator: --faults: fault "418:0\.5": /)
})

/** Runs `emulator --fixture` on `fixture`; a server that starts anyway is stopped, not left behind. */
async function serveFixture(fixture: unknown) {
  const dir = await mkdtemp(join(tmpdir(), 'emulator-fixture-'))
  const file = join(dir, 'portal.json')
  await writeFile(file, JSON.stringify(fixture))
  const { child, done } = startCli(['emulator', '--port', '0', '--fixture', file])
  const timer = setTimeout(() => child.kill('SIGINT'), 10_000)
  try {
    return { file, ...(await done) }
  } finally {
    clearTimeout(timer)
    child.kill('SIGKILL')
    await rm(dir, { recursive: true, force: true })
  }
}

it.each([
  [
    'an id used twice',
    (sample: { companies: { id: string }[] }) => {
      sample.companies.push({ ...sample.companies[0]! })
    },
    (sample: { companies: { id: string }[] }) =>
      `companies[${sample.companies.length - 1}].id: "${sample.companies[0]!.id}" is used twice (also companies[0])`,
  ],
  [
    'an id past 2^53 written as a JSON number',
    (sample: { companies: { id: string | number }[] }) => {
      sample.companies[0]!.id = 2 ** 53
    },
    () => 'companies[0].id: must be a string of digits: past 2^53 a JSON number is not exact',
  ],
  [
    'an association to a company it does not have',
    (sample: { tickets: { companyIds?: string[] }[] }) => {
      sample.tickets[0]!.companyIds = ['999999']
    },
    () => 'tickets[0].companyIds[0]: company "999999" is not in the fixture',
  ],
])(
  'refuses a fixture file with %s in one line, exit code 2, before listening',
  async (_, spoil, problem) => {
    const sample = JSON.parse(await readFile('examples/sample-portal.json', 'utf8'))
    spoil(sample)
    const { file, code, stdout, stderr } = await serveFixture(sample)
    expect({ code, stdout }).toEqual({ code: 2, stdout: '' })
    expect(stderr).toBe(
      `health-score emulator: --fixture ${file} is not a fixture: ${problem(sample)}`,
    )
  },
  30_000,
)
