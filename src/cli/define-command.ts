/**
 * The one way to declare a `health-score` command: its help, its flags (each naming its rule), an
 * optional argument, and the action, loaded only when the command runs, so that declaring every
 * command (and printing `--help`) loads neither zod, the engine nor the emulator.
 */
import type { Flags, FlagValues } from './flag.ts'
import type { RuleName, RuleOutput } from './rules.ts'

/** A command's positional argument, such as `<companyId...>`, and the rule for its values. */
export interface ArgumentSpec<Rule extends RuleName = RuleName> {
  /** Commander's syntax: `<name>` is required, `<name...>` takes one or more. */
  readonly syntax: string
  readonly description: string
  readonly rule: Rule
}

/** The rule of a command's argument, if it takes one. */
export type ArgumentRule = RuleName | undefined

/** What an action receives: its flags' checked values and its checked argument, if any. */
export interface CommandInput<F extends Flags, A extends ArgumentRule = undefined> {
  readonly flags: FlagValues<F>
  readonly args: A extends RuleName ? RuleOutput<A> : undefined
}

/** What a command's action module exports: `run` resolves to the process exit code. */
export interface ActionModule<F extends Flags, A extends ArgumentRule> {
  run(input: CommandInput<F, A>): Promise<number>
}

export interface CommandSpec<F extends Flags = Flags, A extends ArgumentRule = ArgumentRule> {
  readonly name: string
  /** One line, listed by `health-score --help`. */
  readonly summary: string
  /** A paragraph at the top of `health-score <name> --help`; the summary when omitted. */
  readonly description?: string
  readonly argument?: ArgumentSpec<NonNullable<A>>
  readonly flags: F
  /** Flags that contradict each other, as one line; `undefined` when they agree. */
  check?(flags: FlagValues<F>): string | undefined
  /** Command lines shown under "Examples:" in the command's help. */
  readonly examples?: readonly string[]
  /** Loads the action; called only once the input has passed every rule. */
  load(): Promise<ActionModule<F, A>>
}

/**
 * Declares a command. It only describes the command: `createProgram` turns it into commander's.
 * @example
 * const flags = { ...TARGET_FLAGS, ...OUTPUT_FLAGS }
 * export type PingInput = CommandInput<typeof flags>
 * export const ping = defineCommand({
 *   name: 'ping',
 *   summary: 'check the token reaches the portal',
 *   flags,
 *   check: checkTarget,
 *   load: () => import('../actions/ping.ts'),
 * })
 */
export function defineCommand<F extends Flags, A extends ArgumentRule = undefined>(
  spec: CommandSpec<F, A>,
): CommandSpec<F, A> {
  return spec
}
