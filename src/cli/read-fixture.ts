import { readFile } from 'node:fs/promises'

import { type Fixture, parseFixture } from '@health-score/hubspot-emulator'

import { CliError } from './cli-error.ts'

/**
 * Reads and checks a fixture file (format in shared/DESIGN.md), for `--fixture FILE`.
 * @throws CliError naming the file: it cannot be read, or is not a fixture
 * @example
 * const fixture = await readFixture('examples/sample-portal.json')
 */
export async function readFixture(path: string | URL): Promise<Fixture> {
  const name = path instanceof URL ? path.pathname : path
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (error) {
    throw new CliError(`cannot read --fixture ${name}: ${(error as Error).message}`)
  }
  try {
    return parseFixture(JSON.parse(text))
  } catch (error) {
    throw new CliError(`--fixture ${name}: ${(error as Error).message.replace(/\n\s*/g, '; ')}`)
  }
}
