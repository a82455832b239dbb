/**
 * The one zod rule of every flag and argument, by name: what each accepts and what it becomes.
 * Loaded only once a command runs, so `--help` pays nothing for zod.
 *
 * @example
 * RULES.companies.safeParse('1e9').error?.issues[0]?.message
 * // 'must be a whole number from 1 to 200000'
 */
import { z } from 'zod'

import { parseInstant } from '../health/index.ts'
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

const SINCE_FORMS =
  "must be 'last', an ISO-8601 date or date-time on the calendar (2026-11-01, 2026-11-01T09:30:00Z) or epoch milliseconds"

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
  /** Strict, as the engine reads instants: no `March 7`, no `2026-02-30`, nothing in the future. */
  since: z.string().transform((v, ctx) => {
    if (v === 'last') return 'last' as const
    const instant = parseInstant(v)
    if (!instant.success) {
      ctx.addIssue({ code: 'custom', message: SINCE_FORMS })
      return z.NEVER
    }
    if (instant.value > Date.now()) {
      ctx.addIssue({ code: 'custom', message: 'must not be in the future' })
      return z.NEVER
    }
    return instant.value
  }),
  /** Days before each renewal a backtest scores the company. */
  horizon: z
    .enum(['30', '60', '90', '180'], { message: 'must be 30, 60, 90 or 180 (days)' })
    .transform((days) => Number(days) as 30 | 60 | 90 | 180),
  logLevel: z.enum(LOG_LEVELS, { message: `must be one of ${LOG_LEVELS.join(', ')}` }),
  folder: text('a folder'),
  file: text('a file'),
  faults: text('faults, e.g. 500:0.02'),
  /** Never quoted back (see `SECRET_RULES`); what an HTTP header can carry, as HubSpot tokens are. */
  token: z
    .string()
    .regex(
      /^[\u0021-\u007e]{1,2048}$/,
      'must be 1 to 2048 letters, digits or punctuation, with no spaces or control characters',
    ),
  /** HubSpot record ids, as `explain` takes them. */
  companyIds: z.array(
    z.string().regex(/^\d+$/, {
      error: (issue) => `'${String(issue.input)}' is not a company id (HubSpot ids are numbers)`,
    }),
  ),
} as const

export type RuleName = keyof typeof RULES

/** Rules whose values are secrets: a mistake names the flag and the rule, never the value. */
export const SECRET_RULES: ReadonlySet<RuleName> = new Set(['token'])

/** What the rule `N` turns a value into. */
export type RuleOutput<N extends RuleName> = z.output<(typeof RULES)[N]>
