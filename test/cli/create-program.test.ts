import { expect, it } from 'vitest'

import { createProgram } from '../../src/cli/create-program.ts'
import { defineCommand } from '../../src/cli/define-command.ts'
import { flag } from '../../src/cli/flag.ts'

const quiet = { writeOut() {}, writeErr() {} }

it('runs the action with checked values and hands on its exit code', async () => {
  const seen: unknown[] = []
  const ping = defineCommand({
    name: 'ping',
    summary: 'answer',
    flags: { dryRun: flag('--dry-run', 'write nothing', 'switch') },
    load: async () => ({
      run: async (input) => {
        seen.push(input)
        return 7
      },
    }),
  })
  let exitCode: number | undefined
  await createProgram([ping], quiet, (code) => (exitCode = code)).parseAsync(
    ['ping', '--dry-run'],
    { from: 'user' },
  )
  expect(seen).toEqual([{ flags: { dryRun: true }, args: undefined }])
  expect(exitCode).toBe(7)
})

it('refuses, when declared, a flag keyed other than commander names it', () => {
  const bad = defineCommand({
    name: 'bad',
    summary: 'mis-keyed',
    flags: { dry_run: flag('--dry-run', 'write nothing', 'switch') },
    load: () => Promise.reject(new Error('never loaded')),
  })
  expect(() => createProgram([bad], quiet, () => {})).toThrow(
    "flag --dry-run is keyed 'dry_run': key it 'dryRun'",
  )
})
