/**
 * The one zod rule of every flag and argument, by name: what each accepts and what it becomes.
 * Loaded only once a command runs, so `--help` pays nothing for zod.
 *
 * @example
 * RULES.companies.safeParse('1e9').error?.issues[0]?.message
 * // 'must be a whole number from 1 to 200000'
 */
import { z } from 'zod'

import { LOG_LEVELS } from '../log.ts'

/**
 * A whole number within bounds, written in digits only: `1e3`, `0x10`, `2.0` and `-1` are refused.
 * @example
 * wholeNumber(0, 65_535).parse('4010') // 4010
 */
export function wholeNumber(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`
  return z
    .string()
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message))
}

const text = (what: string) => z.string().min(1, `must name ${what}`)

export const RULES = {
  /** A flag that is present or not: commander reads it as `true`. */
  switch: z.boolean(),
  companies: wholeNumber(1, 200_000),
  seed: wholeNumber(0, 2_147_483_647),
  port: wholeNumber(0, 65_535),
  rateLimit: wholeNumber(1, 1_000_000),
  dailyLimit: wholeNumber(1, 100_000_000),
  latency: wholeNumber(0, 60_000),
  baseUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
  since: z
    .string()
    .refine(
      (v) => v === 'last' || !Number.isNaN(Date.parse(v)),
      "must be 'last' or an ISO-8601 date or date-time",
    )
    .transform((v) => (v === 'last' ? ('last' as const) : Date.parse(v))),
  logLevel: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }),
  folder: text('a folder'),
  file: text('a file'),
  faults: text('faults, e.g. 500:0.02'),
  token: text('a token'),
  /** HubSpot record ids, as `explain` takes them. */
  companyIds: z.array(
    z.string().regex(/^\d+$/, {
      error: (issue) => `'${String(issue.input)}' is not a company id (HubSpot ids are numbers)`,
    }),
  ),
} as const

export type RuleName = keyof typeof RULES

/** What the rule `N` turns a value into. */
export type RuleOutput<N extends RuleName> = z.output<(typeof RULES)[N]>
