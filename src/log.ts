/**
 * @module The one logger: pino, to stderr, with a `[health]` name, at the level the user chose
 * (`--log-level`, or `HEALTH_LOG_LEVEL`). Tokens never reach it: log ids and counts, not requests.
 */
import pino from 'pino'

/**
 * What the app's code logs through: the part of pino's shape it uses, so that a pino logger is
 * one and so is a host's own (an app function's `console` wrapper). Operations import only this
 * type, never pino.
 */
export interface Logger {
  error(facts: object, message: string): void
  warn(facts: object, message: string): void
  info(facts: object, message: string): void
  debug(facts: object, message: string): void
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/**
 * A logger writing JSON lines to stderr, so stdout stays clean for `--json`.
 * @example
 * const logger = createLogger('info')
 * logger.info({ runId: 3 }, 'resuming an unfinished run')
 */
export function createLogger(
  level: LogLevel = (process.env.HEALTH_LOG_LEVEL as LogLevel | undefined) ?? 'warn',
): pino.Logger {
  return pino(
    { name: 'health', level, redact: ['accessToken', 'token', 'clientSecret', 'authorization'] },
    pino.destination(2),
  )
}
