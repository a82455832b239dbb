/** `health-score demo` (what `npm start` runs) as a user runs it, on a small demo portal. */
import { createInterface } from 'node:readline'

import { expect, it } from 'vitest'

import { startCli } from '../../support/cli.ts'

it('rescores the demo portal, shows the most urgent accounts and serves until Ctrl-C', async () => {
  const { child, done } = startCli(['demo', '--companies', '30', '--port', '0'])
  try {
    const lines = createInterface({ input: child.stdout! })
    let url = ''
    for await (const line of lines) {
      url ||= /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line)?.[1] ?? ''
      if (line.startsWith('Still serving')) break
    }
    expect(url).not.toBe('')
    const stats = (await (await fetch(`${url}/__emulator/stats`)).json()) as {
      objects: { companies: number }
    }
    expect(stats.objects.companies).toBe(30)
  } finally {
    child.kill('SIGINT')
  }
  const { code, stdout } = await done
  expect(code).toBe(0)
  expect(stdout).toContain('Generating the demo portal: 30 companies (seed 1)')
  expect(stdout).toContain('The 10 most urgent accounts:')
  expect(stdout).toMatch(/npx health-score explain \d+ --base-url http:\/\/127\.0\.0\.1:\d+/)
}, 60_000)
