/**
 * @module The one logger: pino, to stderr, with a `[health]` name, at the level the user chose
 * (`--log-level`, or `HEALTH_LOG_LEVEL`). Tokens never reach it: log ids and counts, not requests.
 */
import pino from 'pino'

export type Logger = pino.Logger

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
export type LogLevel = (typeof LOG_LEVELS)[number]

/** A logger writing JSON lines to stderr, so stdout stays clean for `--json`. */
export function createLogger(
  level: LogLevel = (process.env.HEALTH_LOG_LEVEL as LogLevel | undefined) ?? 'warn',
): Logger {
  return pino(
    { name: 'health', level, redact: ['accessToken', 'token', 'clientSecret', 'authorization'] },
    pino.destination(2),
  )
}

/** A logger that drops everything, for tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' })
