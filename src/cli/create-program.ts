import { Command, Option } from 'commander'

import { CliError } from './cli-error.ts'
import type { ArgumentRule, CommandSpec } from './define-command.ts'
import type { Flags } from './flag.ts'
import { validateInput } from './validate-input.ts'

/** Where commander writes help and errors: the process's streams, or a test's buffers. */
export interface ProgramOutput {
  writeOut(text: string): void
  writeErr(text: string): void
}

/**
 * Commander's program for the declared commands. Commander parses and writes every `--help`;
 * each flag's rule checks its value; a mistake is one line on stderr, prefixed with the command.
 * The program never exits the process: commander throws its `CommanderError`, and `onExit`
 * receives a command's exit code.
 * @example
 * const program = createProgram([score], output, (code) => (process.exitCode = code))
 * await program.parseAsync(['score', '--demo'], { from: 'user' })
 */
export function createProgram(
  commands: readonly CommandSpec<Flags, ArgumentRule>[],
  output: ProgramOutput,
  onExit: (code: number) => void,
): Command {
  const program = new Command('health-score')
    .usage('<command> [options]')
    .description('Customer health scores for HubSpot companies: computed, written back, explained.')
    .exitOverride()
    .showSuggestionAfterError()
    .configureOutput({ ...output, outputError: oneLine('health-score', output) })
  for (const spec of commands) declare(program, spec, output, onExit)
  return program
}

function declare(
  program: Command,
  spec: CommandSpec<Flags, ArgumentRule>,
  output: ProgramOutput,
  onExit: (code: number) => void,
): void {
  const prefix = `health-score ${spec.name}`
  const command = program
    .command(spec.name)
    .summary(spec.summary)
    .description(spec.description ?? spec.summary)
    .configureOutput({ outputError: oneLine(prefix, output) })
  if (spec.argument) command.argument(spec.argument.syntax, spec.argument.description)
  for (const [key, flag] of Object.entries(spec.flags)) {
    const option = new Option(flag.syntax, flag.description)
    if (option.attributeName() !== key)
      throw new Error(`flag ${flag.syntax} is keyed '${key}': key it '${option.attributeName()}'`)
    command.addOption(option)
  }
  if (spec.examples?.length)
    command.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  ${e}`).join('\n')}`)
  command.action(async () => {
    try {
      const input = await validateInput(spec, command.opts(), command.processedArgs[0])
      const { run } = await spec.load()
      onExit(await run(input))
    } catch (error) {
      if (!(error instanceof CliError)) throw error
      output.writeErr(`${prefix}: ${error.message}\n`)
      onExit(error.exitCode)
    }
  })
}

/** Commander's `error: unknown option '--x'\n(Did you mean --y?)` as `<prefix>: unknown option '--x' (did you mean --y?)`. */
function oneLine(prefix: string, output: ProgramOutput) {
  return (text: string) => {
    const message = text
      .trim()
      .replace(/^error: /, '')
      .replace(/\s*\n\(Did you mean/, ' (did you mean')
      .replace(/\s*\n\s*/g, ' ')
    output.writeErr(`${prefix}: ${message}\n`)
  }
}
