/**
 * @module `health-score serve`: starts the backend from the environment, prints where it listens,
 * and serves until a signal. The first SIGINT or SIGTERM closes it gracefully; a second exits at
 * once. A configuration mistake is one line per variable on stderr and exit code 2.
 */
import { createLogger, type LogLevel } from '../../log.ts'
import { ServerConfigError, startServer } from '../../server/index.ts'
import { CliError } from '../cli-error.ts'
import type { ServeInput } from '../commands/serve.ts'
import { untilSignal } from '../until-signal.ts'

/** The exit code when a second signal cuts the graceful stop short (128 + SIGINT). */
export const FORCED_EXIT_CODE = 130

export async function run({ flags }: ServeInput): Promise<number> {
  const level = flags.logLevel ?? (process.env.HEALTH_LOG_LEVEL as LogLevel | undefined) ?? 'info'
  const logger = createLogger(level)
  let server
  try {
    server = await startServer({ env: process.env, port: flags.port, logger })
  } catch (error) {
    if (error instanceof ServerConfigError) {
      for (const problem of error.problems) process.stderr.write(`health-score serve: ${problem}\n`)
      return 2
    }
    throw new CliError(error instanceof Error ? error.message : String(error), 1)
  }
  process.stdout.write(`listening on ${server.url}\n`)
  await untilSignal()
  const force = () => {
    process.stderr.write('health-score serve: second signal: stopping at once\n')
    process.exit(FORCED_EXIT_CODE)
  }
  process.once('SIGINT', force)
  process.once('SIGTERM', force)
  try {
    await server.close()
  } finally {
    process.off('SIGINT', force)
    process.off('SIGTERM', force)
  }
  return 0
}
