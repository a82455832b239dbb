/**
 * The command line as commander parses it, in this process: help, the flag rules, usage mistakes and
 * their exit codes. Nothing here reaches an action.
 */
import { fileURLToPath } from 'node:url'

import { build } from 'esbuild'
import { expect, it } from 'vitest'

import { COMMANDS, runCli } from '../../src/cli/run-cli.ts'
import { cliInProcess } from '../support/cli.ts'

it('lists every command in `health-score --help` and exits 0', async () => {
  const { code, stdout } = await cliInProcess(['--help'])
  expect(code).toBe(0)
  expect(stdout).toMatch(/^Usage: health-score <command> \[options\]/)
  for (const { name, summary } of COMMANDS) {
    expect(stdout).toContain(name)
    expect(stdout).toContain(summary.split(' ').slice(0, 3).join(' '))
  }
})

it.each(COMMANDS.map((spec) => [spec.name, spec] as const))(
  'prints the help of `%s --help`, every flag included, and exits 0',
  async (name, spec) => {
    for (const args of [
      [name, '--help'],
      [name, '-h'],
      ['help', name],
    ]) {
      const { code, stdout, stderr } = await cliInProcess(args)
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' })
      expect(stdout).toMatch(new RegExp(`^Usage: health-score ${name} `))
      for (const flag of Object.values(spec.flags))
        expect(stdout).toContain(/--[\w-]+/.exec(flag.syntax)![0])
    }
  },
)

it('prints the help on stderr and exits 1 when no command is given', async () => {
  const { code, stdout, stderr } = await cliInProcess([])
  expect(code).toBe(1)
  expect(stdout).toBe('')
  expect(stderr).toMatch(/^Usage: health-score <command>/)
})

it.each([
  // target portal
  [
    ['score', '--demo', '--companies', 'lots'],
    "health-score score: --companies must be a whole number from 1 to 200000, got 'lots'",
  ],
  [
    ['explain', '101', '--demo', '--companies', '1e9'],
    "health-score explain: --companies must be a whole number from 1 to 200000, got '1e9'",
  ],
  [
    ['emulator', '--companies', '0'],
    "health-score emulator: --companies must be a whole number from 1 to 200000, got '0'",
  ],
  [
    ['emulator', '--companies', '1e9'],
    "health-score emulator: --companies must be a whole number from 1 to 200000, got '1e9'",
  ],
  [
    ['emulator', '--companies', '1000000000'],
    "health-score emulator: --companies must be a whole number from 1 to 200000, got '1000000000'",
  ],
  [
    ['score', '--demo', '--companies', '1000000000'],
    "health-score score: --companies must be a whole number from 1 to 200000, got '1000000000'",
  ],
  [
    ['demo', '--companies', '1e9'],
    "health-score demo: --companies must be a whole number from 1 to 200000, got '1e9'",
  ],
  [
    ['demo', '--companies', '1000000000'],
    "health-score demo: --companies must be a whole number from 1 to 200000, got '1000000000'",
  ],
  [
    ['demo', '--seed', '-1'],
    "health-score demo: --seed must be a whole number from 0 to 2147483647, got '-1'",
  ],
  [
    ['score', '--base-url', 'ftp://example.com'],
    "health-score score: --base-url must be an http(s) URL, got 'ftp://example.com'",
  ],
  [
    ['score', '--rate-limit', '0x10'],
    "health-score score: --rate-limit must be a whole number from 1 to 1000000, got '0x10'",
  ],
  [
    ['score', '--demo', '--base-url', 'http://127.0.0.1:4010'],
    'health-score score: --demo and --base-url name two different portals: pick one',
  ],
  [['score', '--seed', '3'], 'health-score score: --companies and --seed go with --demo'],
  // output
  [['score', '--json=yes'], "health-score score: unknown option '--json=yes'"],
  // logging
  [
    ['score', '--log-level', 'loud'],
    "health-score score: --log-level must be one of fatal, error, warn, info, debug, trace, silent, got 'loud'",
  ],
  // each command's own
  [
    ['score', '--since', 'last tuesday', '--demo'],
    "health-score score: --since must be 'last', an ISO-8601 date or date-time on the calendar (2026-11-01, 2026-11-01T09:30:00Z) or epoch milliseconds, got 'last tuesday'",
  ],
  [
    ['score', '--since', 'March 7', '--demo'],
    "health-score score: --since must be 'last', an ISO-8601 date or date-time on the calendar (2026-11-01, 2026-11-01T09:30:00Z) or epoch milliseconds, got 'March 7'",
  ],
  [
    ['score', '--since', '2026-02-30', '--demo'],
    "health-score score: --since must be 'last', an ISO-8601 date or date-time on the calendar (2026-11-01, 2026-11-01T09:30:00Z) or epoch milliseconds, got '2026-02-30'",
  ],
  [
    ['score', '--since', '2999-01-01', '--demo'],
    "health-score score: --since must not be in the future, got '2999-01-01'",
  ],
  [
    ['emulator', '--port', '65536'],
    "health-score emulator: --port must be a whole number from 0 to 65535, got '65536'",
  ],
  [
    ['emulator', '--fixture', 'x.json', '--companies', '5'],
    'health-score emulator: --fixture cannot be combined with --companies or --seed',
  ],
  [
    ['explain', 'acme', '--demo'],
    "health-score explain: 'acme' is not a company id (HubSpot ids are numbers)",
  ],
  [['explain', '--demo'], "health-score explain: missing required argument 'companyId'"],
  [
    ['calibrate', '--demo', '--horizon', '45'],
    "health-score calibrate: --horizon must be 30, 60, 90 or 180 (days), got '45'",
  ],
  [
    ['calibrate', '--demo', '--data-dir', '/tmp'],
    "health-score calibrate: unknown option '--data-dir'",
  ],
  // commander's own
  [['score', '--bogus'], "health-score score: unknown option '--bogus'"],
  [
    ['score', '--base-ur', 'http://x'],
    "health-score score: unknown option '--base-ur' (did you mean --base-url?)",
  ],
  [['score', '--rate-limit'], "health-score score: option '--rate-limit <n>' argument missing"],
  [
    ['samples', 'extra'],
    "health-score samples: too many arguments for 'samples'. Expected 0 arguments but got 1.",
  ],
  [['frobnicate'], "health-score: unknown command 'frobnicate'"],
])('rejects %j with one line on stderr and exit code 2', async (args, message) => {
  const { code, stdout, stderr } = await cliInProcess(args)
  expect({ code, stdout, stderr }).toEqual({ code: 2, stdout: '', stderr: message })
})

it('declares every command and prints help without loading zod, the engine, the data layer or the emulator', async () => {
  const entry = fileURLToPath(new URL('../../src/cli/run-cli.ts', import.meta.url))
  const { metafile } = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    packages: 'external',
    outdir: 'unused',
    write: false,
    metafile: true,
    logLevel: 'silent',
  })
  // What `health-score --help` loads: the entry chunk and the chunks it imports statically.
  const outputs = metafile.outputs
  const main = Object.keys(outputs).find((path) =>
    outputs[path]!.entryPoint?.endsWith('src/cli/run-cli.ts'),
  )!
  const loaded = new Set<string>()
  const visit = (path: string) => {
    if (loaded.has(path)) return
    loaded.add(path)
    for (const i of outputs[path]!.imports)
      if (i.kind === 'import-statement' && !i.external) visit(i.path)
  }
  visit(main)
  const modules = [...loaded].flatMap((path) => Object.keys(outputs[path]!.inputs))
  const packages = [...loaded].flatMap((path) =>
    outputs[path]!.imports.filter((i) => i.external && i.kind === 'import-statement').map(
      (i) => i.path,
    ),
  )
  expect(
    modules.filter((m) => /src\/(health|hubspot|operations|emulator)\/|src\/log\.ts/.test(m)),
  ).toEqual([])
  expect(modules.some((m) => m.endsWith('src/cli/commands/score.ts'))).toBe(true)
  expect([...new Set(packages)].sort()).toEqual(['commander'])
})

it('never exits the process itself: the exit code is returned', async () => {
  const before = process.exitCode
  expect(await runCli(['score', '--bogus'], { writeOut() {}, writeErr() {} })).toBe(2)
  expect(process.exitCode).toBe(before)
})
