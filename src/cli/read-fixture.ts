import { readFile } from 'node:fs/promises'

import { type Fixture, parseFixture } from '@health-score/hubspot-emulator'

import { CliError } from './cli-error.ts'
import { toTerminalText } from './terminal-text.ts'

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
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new CliError(`--fixture ${name} is not JSON: ${toTerminalText((error as Error).message)}`)
  }
  try {
    return parseFixture(json)
  } catch (error) {
    const problems = (error as Error).message.replace(/^Invalid fixture:\s*/, '')
    throw new CliError(
      `--fixture ${name} is not a fixture: ${toTerminalText(problems.replace(/\n\s*/g, '; '))}`,
    )
  }
}
