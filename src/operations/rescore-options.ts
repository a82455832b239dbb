/** @module What `rescorePortal` accepts, as a zod schema: plain options checked, objects present. */
import { z } from 'zod'

import type { CompanySnapshot, CompiledModel, HealthResult } from '../health/index.ts'
import type { HubSpotConnection } from '../hubspot/index.ts'
import type { Logger } from '../log.ts'
import { callback, present } from './operation-options.ts'
import type { RunJournal } from './run-journal.ts'
import type { RescoreOptions, RescoreProgress } from './types.ts'

/** Companies per page with their score history: HubSpot reads 50 a call with `propertiesWithHistory`. */
export const MAX_PAGE_SIZE = 50
/** Companies per window: the associations batch limit. */
export const MAX_WINDOW_SIZE = 1000

const wholeNumber = (min: number, max: number) =>
  z
    .number('must be a number')
    .int('must be a whole number')
    .min(min, `must be ≥ ${min}`)
    .max(max, `must be ≤ ${max}`)

const epochMs = z.number('must be epoch milliseconds').int('must be epoch milliseconds').min(0)

/** `rescorePortal`'s options. */
export const RESCORE_OPTIONS: z.ZodType<RescoreOptions> = z.strictObject({
  connection: present<HubSpotConnection>('a connection from createConnection', ['call', 'calls']),
  model: present<CompiledModel>('a compiled model (compileModel, getDefaultModel)', ['model']),
  journal: present<RunJournal>('a RunJournal', [
    'findUnfinished',
    'confirmPage',
    'acquireLease',
  ]).optional(),
  portalKey: z.string('must be a non-empty string').min(1, 'must be a non-empty string'),
  since: epochMs.optional(),
  dryRun: z.boolean('must be true or false').optional(),
  pageSize: wholeNumber(1, MAX_PAGE_SIZE).optional(),
  windowSize: wholeNumber(1, MAX_WINDOW_SIZE).optional(),
  signal: z.instanceof(AbortSignal, { error: 'must be an AbortSignal' }).optional(),
  deadline: epochMs.optional(),
  retryPauseMs: wholeNumber(0, 60_000).optional(),
  now: callback<() => number>().optional(),
  logger: present<Logger>('a logger (info, warn, debug, error)', [
    'info',
    'warn',
    'debug',
    'error',
  ]).optional(),
  onProgress: callback<(progress: RescoreProgress) => void>().optional(),
  onScored: callback<(result: HealthResult, snapshot: CompanySnapshot) => void>().optional(),
})
