/** The `health-score` entry point: run the command line and exit with its code. */
import { runCli } from './run-cli.ts'

process.exitCode = await runCli(process.argv.slice(2))
