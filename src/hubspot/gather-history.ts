/**
 * @module Gather with history: every company of a portal (or given ids) with what a backtest needs
 * to rebuild it as of any past moment — the history of every property the model reads, its
 * tickets with the history of theirs, its engagements, and its deals for the renewal outcomes.
 *
 * Per window of up to 1,000 companies (calls are bounded by the portal, never by the dates asked):
 * - companies: the list endpoint with `propertiesWithHistory` (50 a call), or batch reads of 50;
 * - associations: one v4 batch call per type (tickets, each engagement type, deals), which HubSpot
 *   exempts from the burst limit;
 * - tickets: batch reads of 50 (with history, which only batch reads give);
 * - engagements and deals: two lanes at once, batch reads of 100 (burst limit) and searches of 200
 *   (`searchLane`, search's own 5/s), the same records either way.
 * Two windows are read ahead of the caller, so neither lane idles between windows.
 *
 * Calls grow with the records, not the companies: 0.70–0.77 burst-limited and 0.14–0.18 search per
 * company on the demo portals of 500, 1,000 and 2,000 companies (`npm run bench:calibrate`). The
 * 2,000-company one takes 1,800–1,900: 40 company pages, 40 association calls, 333 ticket reads,
 * and 163,813 engagements and 6,700 deals split between the lanes by their pace. At HubSpot's 190
 * calls per 10 s (the connection spends 190 per 10.5 s) and 5 searches/s, the two lanes read
 * ~2,760 records/s at best, so the 2k backtest needs ~75 s of API time however it is split (76 s
 * measured; batch reads alone: 2,137 calls, ~118 s).
 */
import type {
  CompanyHistory,
  CompiledModel,
  EngagementType,
  Outcome,
  OutcomeRule,
  RecordWithHistory,
  SnapshotEngagement,
  SnapshotRecord,
} from '../health/index.ts'
import {
  companyOutcomes,
  DEFAULT_OUTCOME_RULE,
  OUTCOME_DEAL_PROPERTIES,
  outcomeCompanyProperties,
} from '../health/index.ts'
import { type CompanyReadPlan, type CompanyWindow, companyWindows } from './company-pages.ts'
import type { HubSpotConnection } from './connection.ts'
import {
  companyProperties,
  historyProperties,
  LIMITS,
  SIGNAL_ENGAGEMENT_TYPES,
  TICKET_PROPERTIES,
} from './gather-plan.ts'
import type { GatherFailure, UnreadableSource } from './gather-types.ts'
import { readAssociatedEngagements, readAssociatedRecords, type TypeRead } from './gather-window.ts'

/** What `gatherHistory` reads. */
export interface HistoryGatherOptions {
  readonly model: CompiledModel
  /** Further models to score the same gather with: the properties they read are read too. */
  readonly alsoFor?: readonly CompiledModel[]
  /** A page's `cursor`: continue after that page. */
  readonly after?: string
  /** Companies per page, 1–50 (the history limit). Default 50. */
  readonly pageSize?: number
  /** Gather just these companies, in this order. */
  readonly companyIds?: readonly string[]
  /** Companies whose records are read together, ≤ 1,000. Default 250. */
  readonly windowSize?: number
  /** Engagement types to read. Default: those the engine's signals read. */
  readonly engagementTypes?: readonly EngagementType[]
  /**
   * How renewals are recorded: deals are read for a deal rule, the churn properties for a property
   * rule; null reads no outcomes. Default `DEFAULT_OUTCOME_RULE` (renewal deals).
   */
  readonly outcomes?: OutcomeRule | null
  /** Extra attempts for inputs of a 207 that failed other than with "not found". Default 2. */
  readonly partialRetries?: number
  /**
   * Read engagements and deals through CRM search too, on its own 5/s lane beside the burst-limited
   * batch reads (the same records either way; tickets need their history, so batch reads only).
   * Default true.
   */
  readonly searchLane?: boolean
}

/** One company's record over time, its deals and its outcomes. */
export interface CompanyWithHistory {
  readonly company: CompanyHistory
  /** Its deals, when the rule reads deals and they are readable; else null. */
  readonly deals: readonly SnapshotRecord[] | null
  /** Its outcomes under the rule, oldest first; null when none were asked for or readable. */
  readonly outcomes: readonly Outcome[] | null
}

/** A source `gatherHistory` may find it cannot read. */
export type HistorySource = UnreadableSource | 'deals'

/** One page of a history gather. */
export interface HistoryPage {
  /** Pass as `options.after` to continue after this page; null after the last page. */
  readonly cursor: string | null
  readonly companies: readonly CompanyWithHistory[]
  readonly failures: readonly GatherFailure[]
  /** Sources found unreadable so far (their fields are null). */
  readonly unreadable: readonly HistorySource[]
}

/** The ticket properties read with their history: every one but `createdate`, an event date. */
const TICKET_HISTORY = TICKET_PROPERTIES.filter((name) => name !== 'createdate')

function checkOptions(options: HistoryGatherOptions) {
  const pageSize = options.pageSize ?? LIMITS.batchReadWithHistory
  const windowSize = options.windowSize ?? 250
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > LIMITS.batchReadWithHistory)
    throw new Error(`pageSize must be an integer from 1 to 50 with history, got ${pageSize}`)
  if (!Number.isInteger(windowSize) || windowSize < 1 || windowSize > LIMITS.associationInputs)
    throw new Error(`windowSize must be an integer from 1 to 1000, got ${windowSize}`)
  if (options.companyIds && options.after !== undefined && !/^\d+$/.test(options.after))
    throw new Error(
      `after must be a cursor from a gather of the same companyIds, got ${options.after}`,
    )
  return { pageSize, windowSize }
}

interface Readable {
  tickets: boolean
  engagements: boolean
  deals: boolean
}

interface WindowReads {
  readonly tickets: TypeRead<RecordWithHistory> | null
  readonly engagements: Map<string, SnapshotEngagement[]> | null
  readonly deals: TypeRead<SnapshotRecord> | null
  readonly failures: Map<string, string>
}

async function readWindow(
  conn: HubSpotConnection,
  companyIds: readonly string[],
  types: readonly EngagementType[],
  readable: Readable,
  retries: number,
  searchLane: boolean,
): Promise<WindowReads> {
  const failures = new Map<string, string>()
  const [tickets, engagementReads, deals] = await Promise.all([
    readable.tickets
      ? readAssociatedRecords(
          conn,
          {
            type: 'tickets',
            properties: TICKET_PROPERTIES,
            history: TICKET_HISTORY,
            build: (id, data): RecordWithHistory => ({
              id,
              properties: data.properties,
              history: data.history ?? {},
            }),
          },
          companyIds,
          failures,
          retries,
        )
      : null,
    readable.engagements
      ? readAssociatedEngagements(conn, companyIds, types, failures, retries, searchLane)
      : null,
    readable.deals
      ? readAssociatedRecords(
          conn,
          {
            type: 'deals',
            properties: OUTCOME_DEAL_PROPERTIES,
            searchLane,
            build: (id, { properties }): SnapshotRecord => ({ id, properties }),
          },
          companyIds,
          failures,
          retries,
        )
      : null,
  ])
  if (tickets?.unreadable) readable.tickets = false
  if (engagementReads?.unreadable) readable.engagements = false
  if (deals?.unreadable) readable.deals = false
  return {
    tickets: readable.tickets ? tickets : null,
    engagements: engagementReads?.byCompany ?? null,
    deals: readable.deals ? deals : null,
    failures,
  }
}

/**
 * Streams the companies of a portal, or `options.companyIds`, each with the history a backtest
 * rebuilds it from (`snapshotAsOf`) and its renewal outcomes (`companyOutcomes`). A company whose
 * records cannot all be read is reported in its page's `failures` and left out; a source the token
 * may not read comes back null and is named in `unreadable`.
 * @throws DailyLimitError when the daily limit is spent: resume later from the last page's cursor
 * @throws HubSpotApiError when listing companies fails for good
 * @example
 * for await (const page of gatherHistory(conn, { model }))
 *   for (const { company, outcomes } of page.companies)
 *     for (const o of outcomes ?? []) score(snapshotAsOf(company, o.at - 90 * DAY_MS, model), o)
 */
export async function* gatherHistory(
  conn: HubSpotConnection,
  options: HistoryGatherOptions,
): AsyncGenerator<HistoryPage, void, undefined> {
  const { pageSize, windowSize } = checkOptions(options)
  const rule = options.outcomes === undefined ? DEFAULT_OUTCOME_RULE : options.outcomes
  const names = [
    ...new Set([
      ...[options.model, ...(options.alsoFor ?? [])].flatMap((model) => [
        ...companyProperties(model, []),
        ...historyProperties(model),
      ]),
      ...(rule ? outcomeCompanyProperties(rule) : []),
    ]),
  ]
  const plan: CompanyReadPlan = {
    properties: names,
    history: names,
    pageSize,
    windowSize,
    retries: options.partialRetries ?? 2,
  }
  const types = options.engagementTypes ?? SIGNAL_ENGAGEMENT_TYPES
  const readable: Readable = {
    tickets: true,
    engagements: types.length > 0,
    deals: rule?.source === 'deals',
  }
  const searchLane = options.searchLane ?? true
  const windows = companyWindows(conn, plan, options.companyIds, options.after)
  const nextWindow = async (): Promise<CompanyWindow | null> => {
    const next = await windows.next()
    return next.done ? null : next.value
  }
  const readAll = async ({ pages, companyIds }: CompanyWindow) => {
    const reads: WindowReads = companyIds.length
      ? await readWindow(conn, companyIds, types, readable, plan.retries, searchLane)
      : { tickets: null, engagements: null, deals: null, failures: new Map() }
    const unreadable: HistorySource[] = []
    if (!readable.tickets) unreadable.push('tickets')
    if (!readable.engagements && types.length) unreadable.push('engagements')
    if (!readable.deals && rule?.source === 'deals') unreadable.push('deals')
    return { pages, reads, unreadable }
  }
  // Windows are read ahead of the caller, two at a time: the next one's reads overlap this one's
  // tail (so neither lane idles between windows), and the caller's scoring of a window costs no
  // API time. A window is listed once the one before it is; a failure surfaces when the caller
  // reaches that window. A caller that stops early leaves the reads ahead to end unobserved.
  let listing: Promise<CompanyWindow | null> = nextWindow()
  const ahead: Promise<Awaited<ReturnType<typeof readAll>> | null>[] = []
  const readAhead = () => {
    const listed = listing
    const loaded = listed.then((window) => (window ? readAll(window) : null))
    listing = listed.then((window) => (window ? nextWindow() : null))
    loaded.catch(() => {})
    listing.catch(() => {})
    ahead.push(loaded)
  }
  readAhead()
  readAhead()
  for (;;) {
    const current = await ahead.shift()!
    if (!current) return
    readAhead()
    const { pages, reads, unreadable } = current
    for (const page of pages) {
      const companies: CompanyWithHistory[] = []
      const failures: GatherFailure[] = [...page.failures]
      for (const { id, data } of page.companies) {
        const reason = reads.failures.get(id)
        if (reason) {
          failures.push({ companyId: id, reason })
          continue
        }
        const deals = reads.deals ? (reads.deals.byCompany.get(id) ?? []) : null
        companies.push({
          company: {
            companyId: id,
            properties: data.properties,
            history: data.history ?? {},
            tickets: reads.tickets ? (reads.tickets.byCompany.get(id) ?? []) : null,
            engagements: reads.engagements ? (reads.engagements.get(id) ?? []) : null,
          },
          deals,
          outcomes: rule ? companyOutcomes(id, data.properties, deals, rule) : null,
        })
      }
      if (companies.length || failures.length || page.cursor !== null)
        yield { cursor: page.cursor, companies, failures, unreadable }
    }
  }
}
