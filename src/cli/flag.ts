/**
 * A command-line flag: the syntax commander parses, the line `--help` shows, and the one zod rule
 * that checks and converts its value wherever the flag appears.
 */
import { z } from 'zod'

/** One flag. `rule` receives what commander read: a string, or `true` for a switch. */
export interface Flag<Rule extends z.ZodType = z.ZodType> {
  /** Commander's syntax: `--companies <n>` takes a value, `--demo` is a switch. */
  readonly syntax: string
  readonly description: string
  readonly rule: Rule
}

/** The flags a command takes, keyed by commander's name for them (`--base-url` is `baseUrl`). */
export type Flags = Readonly<Record<string, Flag>>

/** The checked values of `F`'s flags; a flag that was not given is absent. */
export type FlagValues<F extends Flags> = { readonly [K in keyof F]?: z.output<F[K]['rule']> }

/**
 * Declares a flag.
 * @example
 * const port = flag('--port <p>', 'the port to listen on', wholeNumber(0, 65_535))
 */
export function flag<Rule extends z.ZodType>(
  syntax: string,
  description: string,
  rule: Rule,
): Flag<Rule> {
  return { syntax, description, rule }
}

/**
 * The same flag, same rule, described for one command's `--help`.
 * @example
 * describeFlag(FLAGS.rateLimit, 'calls per 10 s the emulator allows each app')
 */
export function describeFlag<Rule extends z.ZodType>(
  base: Flag<Rule>,
  description: string,
): Flag<Rule> {
  return { ...base, description }
}

/** A switch: present or not. */
export const SWITCH = z.boolean()

/**
 * A whole number within bounds, written in digits only: `1e3`, `0x10`, `2.0` and `-1` are refused.
 * @example
 * wholeNumber(1, 200_000).safeParse('lots').error?.issues[0]?.message
 * // 'must be a whole number from 1 to 200000'
 */
export function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message))
}
