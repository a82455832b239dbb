/**
 * @module The `health-score` command: each subcommand is declared in `./commands` with
 * `defineCommand` and parsed by commander; its action in `./actions` is loaded only when it runs,
 * so `health-score --help` and `health-score emulator` do not pay for the engine's imports.
 */
import { CommanderError } from 'commander'

import { calibrate } from './commands/calibrate.ts'
import { demo } from './commands/demo.ts'
import { emulator } from './commands/emulator.ts'
import { explain } from './commands/explain.ts'
import { portfolio } from './commands/portfolio.ts'
import { samples } from './commands/samples.ts'
import { score } from './commands/score.ts'
import { serve } from './commands/serve.ts'
import { createProgram, type ProgramOutput } from './create-program.ts'

/** Every command, in the order `health-score --help` lists them. */
export const COMMANDS = [
  demo,
  score,
  explain,
  calibrate,
  portfolio,
  emulator,
  serve,
  samples,
] as const

const PROCESS_OUTPUT: ProgramOutput = {
  writeOut: (text) => process.stdout.write(text),
  writeErr: (text) => process.stderr.write(text),
}

/**
 * Runs the command line and resolves to the exit code: 0 on success and for `--help`, 2 for a
 * usage mistake (one line on stderr), 1 for `health-score` alone (it prints the help on stderr),
 * and otherwise what the command returns.
 * @example
 * process.exitCode = await runCli(process.argv.slice(2))
 */
export async function runCli(
  argv: readonly string[],
  output: ProgramOutput = PROCESS_OUTPUT,
): Promise<number> {
  let exitCode = 0
  const program = createProgram(COMMANDS, output, (code) => (exitCode = code))
  try {
    await program.parseAsync(argv, { from: 'user' })
    return exitCode
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0
    // `health-score` alone prints the help on stderr and exits 1; `health-score help` exits 0.
    if (error.code === 'commander.help') return error.exitCode
    return 2
  }
}
