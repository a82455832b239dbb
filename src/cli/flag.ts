/**
 * A command-line flag: the syntax commander parses, the line `--help` shows, and the name of the
 * one rule in `./rules.ts` that checks and converts its value wherever the flag appears.
 */
import type { RuleName, RuleOutput } from './rules.ts'

/** One flag. Its rule receives what commander read: a string, or `true` for a switch. */
export interface Flag<Rule extends RuleName = RuleName> {
  /** Commander's syntax: `--companies <n>` takes a value, `--demo` is a switch. */
  readonly syntax: string
  readonly description: string
  readonly rule: Rule
}

/** The flags a command takes, keyed by commander's name for them (`--base-url` is `baseUrl`). */
export type Flags = Readonly<Record<string, Flag>>

/** The checked values of `F`'s flags; a flag that was not given is absent. */
export type FlagValues<F extends Flags> = {
  readonly [K in keyof F]?: RuleOutput<F[K]['rule']>
}

/**
 * Declares a flag.
 * @example
 * const port = flag('--port <p>', 'the port to listen on', 'port')
 */
export function flag<Rule extends RuleName>(
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
export function describeFlag<Rule extends RuleName>(
  base: Flag<Rule>,
  description: string,
): Flag<Rule> {
  return { ...base, description }
}
