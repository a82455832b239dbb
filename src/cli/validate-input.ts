import { CliError } from './cli-error.ts'
import type { ArgumentRule, CommandInput, CommandSpec } from './define-command.ts'
import type { Flags, FlagValues } from './flag.ts'

/**
 * Checks what commander parsed against the command's rules (loading zod, and `./rules.ts`, only
 * now): each flag's rule, then the flags
 * together (`check`), then the argument. The first mistake becomes one line, naming the flag and
 * the value (unless it is a secret): `--companies must be a whole number from 1 to 200000, got 'lots'`.
 * @throws CliError (exit code 2) on the first value that breaks a rule
 * @example
 * await validateInput(score, { companies: '40', demo: true }, undefined)
 * // { flags: { companies: 40, demo: true }, args: undefined }
 */
export async function validateInput<F extends Flags, A extends ArgumentRule>(
  spec: CommandSpec<F, A>,
  options: Readonly<Record<string, unknown>>,
  argument: unknown,
): Promise<CommandInput<F, A>> {
  const { RULES, SECRET_RULES } = await import('./rules.ts')
  type Input = CommandInput<F, A>
  const flags: Record<string, unknown> = {}
  for (const [key, flag] of Object.entries(spec.flags)) {
    const raw = options[key]
    if (raw === undefined) continue
    const result = RULES[flag.rule].safeParse(raw)
    if (!result.success) {
      const name = /--[\w-]+/.exec(flag.syntax)?.[0] ?? key
      const got = SECRET_RULES.has(flag.rule) ? '' : `, got '${String(raw)}'`
      throw new CliError(`${name} ${result.error.issues[0]?.message}${got}`)
    }
    flags[key] = result.data
  }
  const problem = spec.check?.(flags as FlagValues<F>)
  if (problem) throw new CliError(problem)
  if (!spec.argument) return { flags, args: undefined } as Input
  const result = RULES[spec.argument.rule].safeParse(argument)
  if (!result.success) throw new CliError(result.error.issues[0]?.message ?? 'invalid argument')
  return { flags, args: result.data } as Input
}
