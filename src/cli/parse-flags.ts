import { parseArgs } from 'node:util'

import { z } from 'zod'

import { CliError } from './cli-error.ts'

type FlagSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>

/**
 * Parses flags strictly, then validates their values with a zod schema, so every mistake is one
 * clear line: `--companies must be a whole number from 1 to 200000, got 'lots'`.
 * @throws CliError on an unknown flag, a missing value or an invalid one
 */
export function parseFlags<S extends z.ZodType>(
  argv: string[],
  spec: FlagSpec,
  schema: S,
  positionals = false,
): { values: z.output<S>; positionals: string[] } {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: spec, strict: true, allowPositionals: positionals })
  } catch (error) {
    throw new CliError((error as Error).message.split('\n')[0] ?? 'invalid arguments')
  }
  const result = schema.safeParse(parsed.values)
  if (!result.success) {
    const issue = result.error.issues[0]!
    const flag = issue.path.length ? `--${String(issue.path[0])}` : 'arguments'
    const raw = issue.path.length
      ? (parsed.values as Record<string, unknown>)[String(issue.path[0])]
      : undefined
    throw new CliError(
      `${flag} ${issue.message}${raw === undefined ? '' : `, got '${String(raw)}'`}`,
    )
  }
  return { values: result.data, positionals: parsed.positionals }
}

/** A flag holding a whole number within bounds. */
export function wholeNumber(min: number, max: number) {
  return z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `must be a whole number from ${min} to ${max}`)
        .max(max, `must be a whole number from ${min} to ${max}`),
    )
}

export const LOG_LEVEL = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
  message: 'must be one of fatal, error, warn, info, debug, trace, silent',
})
