/**
 * @module The `health-score` command: one subcommand per module in `./commands`, loaded on demand so
 * that `health-score emulator` does not pay for the engine's imports and vice versa.
 */
import { CliError } from './cli-error.ts'

/** A subcommand takes its own arguments and resolves to the process exit code. */
export type Command = (argv: string[]) => Promise<number>

const COMMANDS: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  demo: {
    summary: 'serve the demo portal, rescore it and show the most urgent accounts (npm start)',
    load: () => import('./commands/demo.ts'),
  },
  score: {
    summary: 'rescore a portal: full, or --since a moment; --json for a summary',
    load: () => import('./commands/score.ts'),
  },
  explain: {
    summary: "the full breakdown of one company's score",
    load: () => import('./commands/explain.ts'),
  },
  emulator: {
    summary: 'serve the HubSpot API emulator on loopback',
    load: () => import('./commands/emulator.ts'),
  },
  samples: {
    summary: 'score the sample companies in examples/ without any API',
    load: () => import('./commands/samples.ts'),
  },
}

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length))
  const lines = Object.entries(COMMANDS).map(
    ([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`,
  )
  return `Usage: health-score <command> [options]\n\nCommands:\n${lines.join('\n')}\n`
}

export async function runCli(argv: string[]): Promise<number> {
  const [name, ...rest] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage())
    return name ? 0 : 1
  }
  const command = COMMANDS[name]
  if (!command) {
    process.stderr.write(`health-score: unknown command '${name}'.\n\n${usage()}`)
    return 2
  }
  try {
    const { run } = await command.load()
    return await run(rest)
  } catch (error) {
    if (error instanceof CliError) {
      process.stderr.write(`health-score ${name}: ${error.message}\n`)
      return error.exitCode
    }
    throw error
  }
}
