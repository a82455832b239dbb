/**
 * @module The portfolio view read from HubSpot itself (the private variant and the CLI), in at most
 * 10 calls whatever the portal's size:
 * - 4 searches, one per tier (`health_tier EQ tier`): each answers the tier's count in `total`
 *   and lists up to `sampleSize` of its accounts sorted by name, from which the history sample is
 *   drawn in proportion to the tiers;
 * - 1 search for the accounts trending down most (`health_score_change_30d` < 0, ascending);
 * - 1 search for the newly red (At risk or Critical, `health_tier_changed_at` in the last 7 days);
 * - up to 4 batch reads with history (50 a call) of `health_score` and `health_tier` for the
 *   sample: the distribution 30 days ago, the weekly chart and the save rate.
 */
import { z } from 'zod'

import type { CompiledModel, TierId } from '../health/index.ts'
import { TIERS } from '../health/index.ts'
import type { HubSpotConnection } from '../hubspot/index.ts'
import { HubSpotApiError, LIMITS, readRecords } from '../hubspot/index.ts'
import { parseOptions, present } from './operation-options.ts'
import {
  allocateSample,
  type SampledAccount,
  summariseSample,
  toTierCounts,
} from './portfolio-sample.ts'
import {
  ACCOUNT_PROPERTIES,
  type CompanyPage,
  searchCompanies,
  TIER_CHANGED_AT,
  toAccount,
} from './portfolio-search.ts'
import type { PortfolioAccount, PortfolioView } from './portfolio-types.ts'
import { MissingSchemaError } from './score-one-company.ts'

const DAY_MS = 86_400_000
/** Accounts in each list. */
export const PORTFOLIO_LIST_SIZE = 10
/** Days an account counts as newly red after entering At risk or Critical. */
export const NEWLY_RED_DAYS = 7
/** The largest history sample: 4 batch reads with history, keeping the view within 10 calls. */
export const MAX_PORTFOLIO_SAMPLE = 4 * LIMITS.batchReadWithHistory

const RED: readonly TierId[] = ['at_risk', 'critical']
const HISTORY = ['health_score', 'health_tier'] as const

/** What `readPortfolio` takes. */
export interface ReadPortfolioOptions {
  readonly connection: HubSpotConnection
  /** The model whose tier bands judge the save rate. */
  readonly model: CompiledModel
  /** The moment the view describes, epoch ms. Default: now. */
  readonly now?: number
  /** Accounts whose history is read, 1–200. Default 200. */
  readonly sampleSize?: number
}

/** `readPortfolio`'s options. */
export const READ_PORTFOLIO_OPTIONS: z.ZodType<ReadPortfolioOptions> = z.strictObject({
  connection: present<HubSpotConnection>('a connection from createConnection', ['call', 'calls']),
  model: present<CompiledModel>('a compiled model (compileModel, getDefaultModel)', ['model']),
  now: z.number('must be epoch milliseconds').int('must be epoch milliseconds').min(0).optional(),
  sampleSize: z
    .number('must be a whole number of accounts')
    .int('must be a whole number of accounts')
    .min(1, 'must be at least 1')
    .max(MAX_PORTFOLIO_SAMPLE, `must be ≤ ${MAX_PORTFOLIO_SAMPLE}`)
    .optional(),
})

/**
 * The whole book of accounts at a glance, from CRM search and property history. Reads only.
 * @throws OperationOptionsError when an option is missing or malformed
 * @throws MissingSchemaError when the portal has no `health_tier` to search (never scored)
 * @throws HubSpotApiError (or DailyLimitError) when a call fails for good
 * @example
 * const view = await readPortfolio({ connection, model: getDefaultModel() })
 * view.tiers.critical // accounts Critical now
 * view.apiCalls // ≤ 10
 */
export async function readPortfolio(input: ReadPortfolioOptions): Promise<PortfolioView> {
  const {
    connection,
    model,
    now = Date.now(),
    sampleSize = MAX_PORTFOLIO_SAMPLE,
  } = parseOptions('readPortfolio', READ_PORTFOLIO_OPTIONS, input)
  const callsBefore = connection.calls.total
  const limitations: string[] = []

  // Every search is settled before a failure is thrown: none is left running against the portal.
  const [byTier, trending, newlyRed] = await allSettled([
    allSettled(TIERS.map((tier) => tierPage(connection, tier, sampleSize))),
    searchCompanies(connection, {
      filters: [{ propertyName: 'health_score_change_30d', operator: 'LT', value: '0' }],
      sort: { propertyName: 'health_score_change_30d', direction: 'ASCENDING' },
      properties: ACCOUNT_PROPERTIES,
      limit: PORTFOLIO_LIST_SIZE,
    }),
    readNewlyRed(connection, now, limitations),
  ] as const)
  const counts = Object.fromEntries(TIERS.map((tier, i) => [tier, byTier[i]!.total])) as Record<
    TierId,
    number
  >
  const scored = TIERS.reduce((sum, tier) => sum + counts[tier], 0)

  const allotted = allocateSample(counts, sampleSize)
  const ids = TIERS.flatMap((tier, i) =>
    byTier[i]!.results.slice(0, allotted[tier]).map((record) => record.id),
  )
  const read = ids.length
    ? await readRecords(connection, 'companies', ids, {
        properties: HISTORY,
        propertiesWithHistory: HISTORY,
        retries: 0,
      })
    : null
  const sample: SampledAccount[] = [...(read?.records.values() ?? [])].map((record) => ({
    scoreHistory: record.history?.health_score ?? [],
    tierHistory: record.history?.health_tier ?? [],
  }))
  const past = summariseSample(sample, { asOf: now, model, scored })
  const whole = sample.length === scored
  const sampleNote = !scored
    ? 'No account has a health score yet: the view fills in once the portal has been scored.'
    : whole
      ? `The distribution 30 days ago, the weekly chart and the save rate are read from the property history of all ${scored} accounts.`
      : `The distribution 30 days ago, the weekly chart and the save rate are estimated from the property history of a sample of ${sample.length} of ${scored} accounts, drawn in proportion to the tiers now; the marketplace variant keeps every run's result for every account, so it shows them for the whole portfolio.`
  limitations.unshift(
    sampleNote,
    'Intervention outcomes are not shown: HubSpot keeps no record of the playbook actions started from the card. The marketplace variant records each one and shows how those accounts moved afterwards.',
  )
  if (read && read.failed.size)
    limitations.push(`${read.failed.size} sampled accounts could not be read and are left out.`)

  return {
    source: 'hubspot',
    asOf: new Date(now).toISOString(),
    scored,
    tiers: toTierCounts(counts),
    tiers30dAgo: past.tiers30dAgo,
    history: { weeks: past.weeks, sampleSize: whole ? null : sample.length },
    trendingDown: trending.results.map(toAccount),
    newlyRed,
    saveRate: { ...past.saveRate, sampleSize: whole ? null : sample.length },
    interventions: null,
    apiCalls: connection.calls.total - callsBefore,
    limitations,
  }
}

/** Like `Promise.all`, but waits for every promise before rejecting with the first failure. */
async function allSettled<T extends readonly unknown[]>(
  promises: readonly [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  const settled = await Promise.allSettled(promises)
  const failed = settled.find(
    (result): result is PromiseRejectedResult => result.status === 'rejected',
  )
  if (failed) throw failed.reason
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as unknown as T
}

/** One tier's count, and the first of its accounts by name to draw the sample from. */
async function tierPage(
  connection: HubSpotConnection,
  tier: TierId,
  limit: number,
): Promise<CompanyPage> {
  try {
    return await searchCompanies(connection, {
      filters: [{ propertyName: 'health_tier', operator: 'EQ', value: tier }],
      sort: { propertyName: 'name', direction: 'ASCENDING' },
      properties: ['name'],
      limit,
    })
  } catch (error) {
    if (error instanceof HubSpotApiError && error.status === 400)
      throw new MissingSchemaError(['health_tier'])
    throw error
  }
}

/**
 * The accounts that entered At risk or Critical in the last 7 days, newest first. A portal
 * without `health_tier_changed_at` (scored by a version that did not write it) has none to show:
 * the list is empty and a limitation says why.
 */
async function readNewlyRed(
  connection: HubSpotConnection,
  now: number,
  limitations: string[],
): Promise<PortfolioAccount[]> {
  try {
    const page = await searchCompanies(connection, {
      filters: [
        { propertyName: 'health_tier', operator: 'IN', values: RED },
        {
          propertyName: TIER_CHANGED_AT,
          operator: 'GTE',
          value: String(now - NEWLY_RED_DAYS * DAY_MS),
        },
      ],
      sort: { propertyName: TIER_CHANGED_AT, direction: 'DESCENDING' },
      properties: ACCOUNT_PROPERTIES,
      limit: PORTFOLIO_LIST_SIZE,
    })
    return page.results.map(toAccount)
  } catch (error) {
    if (!(error instanceof HubSpotApiError && error.status === 400)) throw error
    limitations.push(
      `Newly red accounts cannot be listed: HubSpot refused a search on ${TIER_CHANGED_AT} (${error.detail}): the portal does not have it yet; the schema step of a version that writes the transition properties creates it.`,
    )
    return []
  }
}
