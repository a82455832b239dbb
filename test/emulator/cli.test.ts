import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'

import { expect, it } from 'vitest'

import { CliError } from '../../src/cli/cli-error.ts'
import { run } from '../../src/cli/commands/emulator.ts'

it('rejects unknown and malformed flags with a one-line CliError', async () => {
  await expect(run(['--bogus'])).rejects.toBeInstanceOf(CliError)
  await expect(run(['--port', 'abc'])).rejects.toThrow("--port must be an integer ≥ 0, got 'abc'")
  await expect(run(['--faults', '418:0.5'])).rejects.toThrow('--faults: fault "418:0.5"')
  await expect(run(['--fixture', 'x.json', '--companies', '5'])).rejects.toThrow(
    'cannot be combined',
  )
})

it('prints the listening line first and serves the demo portal', async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'src/cli/main.ts', 'emulator', '--port', '0', '--companies', '20'],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  try {
    const lines = createInterface({ input: child.stdout })
    const [first] = (await once(lines, 'line')) as [string]
    expect(first).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/)
    const url = first.replace('listening on ', '')
    const stats = await (await fetch(`${url}/__emulator/stats`)).json()
    expect(stats).toMatchObject({ objects: { companies: 20 } })
  } finally {
    child.kill('SIGINT')
    await once(child, 'exit')
  }
})
