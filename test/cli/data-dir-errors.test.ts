/**
 * A `--data-dir` that cannot hold the journal (a file, a folder under a file, a read-only folder,
 * a corrupt `journal.sqlite`): `health-score score` says so in one line naming the path and the
 * problem, exits 1, and prints no stack trace. Each is found before any call to the portal.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterEach, beforeEach, expect, it } from 'vitest'

import { SqliteRunJournal } from '../../src/cli/sqlite-run-journal.ts'
import { cli, type CliUser } from '../support/cli.ts'

/** Nothing listens here: a run that got past its journal would fail differently. */
const NOWHERE = 'http://127.0.0.1:9'
/** Root writes anywhere, whatever the mode bits: the read-only case then runs as `nobody`. */
const NOBODY: CliUser | undefined =
  process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined
/** What `nobody` must be able to read to run this checkout's CLI. */
const CHECKOUT_FILES = [
  new URL('../../src/cli/main.ts', import.meta.url).pathname,
  new URL('../../node_modules/tsx/package.json', import.meta.url).pathname,
]
/**
 * Whether the read-only cases can run: always for a user the mode bits bind; as root only when
 * `nobody` can read this checkout (a clone inside a private folder such as /root cannot be run as
 * nobody, and root ignores the mode bits), else they are skipped.
 */
const READ_ONLY_CASES =
  NOBODY === undefined ||
  spawnSync(
    process.execPath,
    ['-e', `for (const f of ${JSON.stringify(CHECKOUT_FILES)}) require('node:fs').accessSync(f)`],
    { uid: NOBODY.uid, gid: NOBODY.gid },
  ).status === 0

let root: string
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'health-data-dir-'))
  chmodSync(root, 0o755) // lets `nobody` reach what lies inside
})
afterEach(() => rmSync(root, { recursive: true, force: true }))

async function expectOneLine(dataDir: string, line: string, user?: CliUser): Promise<void> {
  const env = { HUBSPOT_ACCESS_TOKEN: 'emulator-token' }
  const { code, stdout, stderr } = await cli(
    ['score', '--base-url', NOWHERE, '--data-dir', dataDir],
    env,
    user,
  )
  expect({ code, stdout, stderr }).toEqual({
    code: 1,
    stdout: '',
    stderr: `health-score score: --data-dir: ${line}`,
  })
}

it('refuses a --data-dir that is a file', async () => {
  const dataDir = join(root, 'journal')
  writeFileSync(dataDir, 'not a folder')
  await expectOneLine(dataDir, `${dataDir} is a file, not a directory: pick a folder`)
})

it('refuses a --data-dir under a file', async () => {
  writeFileSync(join(root, 'file'), '')
  const dataDir = join(root, 'file', 'journal')
  await expectOneLine(
    dataDir,
    `${dataDir} is (or lies under) a file, not a directory: pick a folder`,
  )
})

it.skipIf(!READ_ONLY_CASES)('refuses a read-only --data-dir', async () => {
  const dataDir = join(root, 'read-only')
  mkdirSync(dataDir)
  chmodSync(dataDir, 0o555)
  await expectOneLine(
    dataDir,
    `${dataDir} is not writable (permission denied): pick a folder you can write, or fix its permissions`,
    NOBODY,
  )
})

it.skipIf(!READ_ONLY_CASES)(
  'refuses a read-only journal.sqlite in a writable folder, naming the file',
  async () => {
    const dataDir = join(root, 'read-only-file')
    new SqliteRunJournal(dataDir).close()
    const file = join(dataDir, 'journal.sqlite')
    if (NOBODY) chownSync(dataDir, NOBODY.uid, NOBODY.gid) // the folder stays writable for the run
    chmodSync(file, 0o444)
    await expectOneLine(
      dataDir,
      `${file} is read-only: make it writable, or pick another --data-dir`,
      NOBODY,
    )
  },
)

it('refuses a corrupt journal.sqlite, naming the file', async () => {
  const dataDir = join(root, 'corrupt')
  mkdirSync(dataDir)
  writeFileSync(join(dataDir, 'journal.sqlite'), randomBytes(8192))
  await expectOneLine(
    dataDir,
    `${join(dataDir, 'journal.sqlite')} is not a SQLite database (corrupt, or another file): move it aside and run again to start a fresh journal`,
  )
})
