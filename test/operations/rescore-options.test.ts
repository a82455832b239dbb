import { afterAll, expect, it } from 'vitest'

import { getDefaultModel } from '../../src/health/index.ts'
import { createConnection } from '../../src/hubspot/index.ts'
import {
  MemoryRunJournal,
  OperationOptionsError,
  type RescoreOptions,
  rescorePortal,
} from '../../src/operations/index.ts'

// No server answers this: an options error must come before any call.
const connection = createConnection({ accessToken: 'unused', basePath: 'http://127.0.0.1:9' })
afterAll(() => connection.close())
const valid: RescoreOptions = {
  connection,
  model: getDefaultModel(),
  journal: new MemoryRunJournal(),
  portalKey: 'p1',
}

function rejection(options: object): Promise<unknown> {
  return rescorePortal(options as RescoreOptions).catch((error: unknown) => error)
}

it.each([
  [{ windowSize: 5000 }, 'rescorePortal: windowSize must be ≤ 1000, got 5000'],
  [{ pageSize: 100 }, 'rescorePortal: pageSize must be ≤ 50, got 100'],
  [{ pageSize: 0 }, 'rescorePortal: pageSize must be ≥ 1, got 0'],
  [{ pageSize: 2.5 }, 'rescorePortal: pageSize must be a whole number, got 2.5'],
  [{ portalKey: '' }, 'rescorePortal: portalKey must be a non-empty string, got ""'],
  [{ since: '2026-11-01' }, 'rescorePortal: since must be epoch milliseconds, got "2026-11-01"'],
  [{ dryRun: 'yes' }, 'rescorePortal: dryRun must be true or false, got "yes"'],
  [{ deadline: -1 }, 'rescorePortal: deadline must be epoch milliseconds, got -1'],
  [{ signal: {} }, 'rescorePortal: signal must be an AbortSignal, got an object'],
  [{ onProgress: 'log' }, 'rescorePortal: onProgress must be a function, got "log"'],
  [{ journal: {} }, 'rescorePortal: journal must be a RunJournal, got an object'],
  [
    // a journal written before runs held a portal's lease
    { journal: { findUnfinished() {}, confirmPage() {} } },
    'rescorePortal: journal must be a RunJournal, got an object',
  ],
  [{ windowsize: 100 }, "rescorePortal: unknown option 'windowsize'"],
])('rejects %j with one error naming the field', async (bad, message) => {
  const error = await rejection({ ...valid, ...bad })
  expect(error).toBeInstanceOf(OperationOptionsError)
  expect((error as Error).message).toBe(message)
})

it('names every missing object it needs', async () => {
  const error = await rejection({ portalKey: 'p1' })
  expect((error as Error).message).toBe(
    'rescorePortal: connection must be a connection from createConnection, got undefined; ' +
      'model must be a compiled model (compileModel, getDefaultModel), got undefined',
  )
  expect((error as OperationOptionsError).issues.map((issue) => issue.path)).toEqual([
    ['connection'],
    ['model'],
  ])
})
