/**
 * The flags that travel together, declared once: which portal a command works on, how it prints,
 * how it logs. A command spreads the groups it takes into its flags.
 *
 * @example
 * const flags = { ...TARGET_FLAGS, ...OUTPUT_FLAGS, ...LOGGING_FLAGS, since: FLAGS.since }
 */
import type { FlagValues } from './flag.ts'
import { FLAGS } from './flags.ts'

/** The generated demo portal's shape. */
export const DEMO_PORTAL_FLAGS = { companies: FLAGS.companies, seed: FLAGS.seed } as const

/** The portal a command works on: the demo portal, or any HubSpot-compatible API with a token. */
export const TARGET_FLAGS = {
  demo: FLAGS.demo,
  ...DEMO_PORTAL_FLAGS,
  baseUrl: FLAGS.baseUrl,
  rateLimit: FLAGS.rateLimit,
  dataDir: FLAGS.dataDir,
} as const

export const OUTPUT_FLAGS = { json: FLAGS.json } as const

export const LOGGING_FLAGS = { logLevel: FLAGS.logLevel } as const

/** The target flags' values, as `connectTarget` takes them. */
export type TargetValues = FlagValues<typeof TARGET_FLAGS>

/**
 * The target flags that contradict each other, as one line; `undefined` when they agree.
 * @example
 * checkTarget({ demo: true, baseUrl: 'http://127.0.0.1:4010' })
 * // '--demo and --base-url name two different portals: pick one'
 */
export function checkTarget(values: TargetValues): string | undefined {
  if (values.demo && values.baseUrl !== undefined)
    return '--demo and --base-url name two different portals: pick one'
  if (!values.demo && (values.companies !== undefined || values.seed !== undefined))
    return '--companies and --seed go with --demo'
  return undefined
}
