/**
 * @module The background half of the webhook receiver: events the router acknowledged are mapped
 * to companies, coalesced per portal and company (a debounce window, bounded by a longest wait) so
 * that many events for one company mean one rescore, and rescored through `scoreOneCompany` on the
 * portal's one connection, a few at a time per portal, each result kept in the store's portfolio
 * history. Failures are retried a bounded number of
 * times, then logged; each portal's watermark (the `occurredAt` up to which every event was
 * processed) is saved so that a restart catches up on what it missed.
 */
import type { Logger } from '../../log.ts'
import {
  MissingSchemaError,
  OperationOptionsError,
  scoreOneCompany,
} from '../../operations/index.ts'
import { type PortalConnections, PortalNotInstalledError } from '../portal-connections.ts'
import type { ModelFor } from '../portal-models.ts'
import { recordHealth } from '../portfolio/record-scores.ts'
import type { ServerStore } from '../store/types.ts'
import { companiesOf } from './company-lookup.ts'
import { eventFilter, type LookupType, mapEvents } from './map-events.ts'
import type { WebhookEvent } from './webhook-event.ts'

/** What a rescore returns: what the card shows. */
export type CompanyHealth = Awaited<ReturnType<typeof scoreOneCompany>>

export const WEBHOOK_DEFAULTS = {
  /** Quiet time after a company's last event before it is rescored, ms. */
  windowMs: 2_000,
  /** Longest a company's first event waits for its rescore however busy it is, ms. */
  maxWaitMs: 10_000,
  /** Rescores and lookups in flight per portal (they share the portal's 110 per 10 s). */
  concurrency: 4,
  /** Tries per rescore or lookup before its events count as failed. */
  attempts: 3,
  /** The pause before the first retry, ms, doubling each time. */
  retryDelayMs: 1_000,
} as const

export interface WebhookProcessorOptions {
  readonly store: ServerStore
  readonly connections: PortalConnections
  readonly modelFor: ModelFor
  readonly logger: Logger
  readonly windowMs?: number
  readonly maxWaitMs?: number
  readonly concurrency?: number
  readonly attempts?: number
  readonly retryDelayMs?: number
  /** The clock scores are taken as of and the store is stamped with, epoch ms. Default `Date.now`. */
  readonly now?: () => number
  /**
   * Called after each rescore that completed, with when the oldest event it answers happened
   * (HubSpot's `occurredAt`, epoch ms): the webhook lag is the time since.
   */
  readonly onRescored?: (
    portalId: number,
    health: CompanyHealth,
    facts: { readonly oldestEventAt: number },
  ) => void
}

/** Counts since the processor started. */
export interface WebhookStats {
  /** Events accepted for installed portals. */
  events: number
  /** Events of portals without an installation, dropped. */
  dropped: number
  /** Events that concern no company (a property the model does not read, our own writes, …). */
  ignored: number
  rescores: number
  /** Rescores and lookups retried. */
  retries: number
  /** Events whose rescore or lookup failed for good (logged; the next catch-up covers them). */
  failed: number
}

interface Pending {
  readonly companyId: string
  readonly keys: string[]
  readonly firstAt: number
  timer: NodeJS.Timeout | null
  attempt: number
}

interface PortalState {
  readonly portalId: number
  /** Events not yet processed: key → occurredAt. */
  readonly outstanding: Map<string, number>
  doneMax: number
  /** The earliest `occurredAt` of an event that failed for good. */
  floor: number
  saved: number
  /** Companies in their debounce window. */
  readonly waiting: Map<string, Pending>
  /** Companies whose window closed, waiting for a slot. */
  readonly queued: Map<string, Pending>
  readonly running: Set<string>
  active: number
}

/**
 * @example
 * const processor = new WebhookProcessor({ store, connections, modelFor, logger })
 * processor.accept(newEvents) // returns at once; the work runs in the background
 * await processor.close()
 */
export class WebhookProcessor {
  readonly stats: WebhookStats = {
    events: 0,
    dropped: 0,
    ignored: 0,
    rescores: 0,
    retries: 0,
    failed: 0,
  }
  private readonly portals = new Map<number, PortalState>()
  private readonly settings: Required<
    Pick<
      WebhookProcessorOptions,
      'windowMs' | 'maxWaitMs' | 'concurrency' | 'attempts' | 'retryDelayMs'
    >
  >
  private readonly now: () => number
  private readonly timers = new Set<NodeJS.Timeout>()
  private readonly sleepers = new Set<() => void>()
  private handling = 0
  private idleWaiters: (() => void)[] = []
  private closed = false

  constructor(private readonly options: WebhookProcessorOptions) {
    this.settings = {
      windowMs: options.windowMs ?? WEBHOOK_DEFAULTS.windowMs,
      maxWaitMs: options.maxWaitMs ?? WEBHOOK_DEFAULTS.maxWaitMs,
      concurrency: options.concurrency ?? WEBHOOK_DEFAULTS.concurrency,
      attempts: options.attempts ?? WEBHOOK_DEFAULTS.attempts,
      retryDelayMs: options.retryDelayMs ?? WEBHOOK_DEFAULTS.retryDelayMs,
    }
    this.now = options.now ?? Date.now
  }

  /** Takes events already deduplicated and acknowledged; returns at once. */
  accept(events: readonly WebhookEvent[]): void {
    if (this.closed || events.length === 0) return
    const byPortal = new Map<number, WebhookEvent[]>()
    for (const event of events) {
      const list = byPortal.get(event.portalId) ?? []
      list.push(event)
      byPortal.set(event.portalId, list)
    }
    for (const [portalId, list] of byPortal) {
      this.handling++
      void this.handlePortal(portalId, list)
        .catch((error: unknown) =>
          this.options.logger.error(
            { portalId, error: message(error) },
            'webhook events could not be handled',
          ),
        )
        .finally(() => {
          this.handling--
          this.checkIdle()
        })
    }
  }

  /** Resolves once every accepted event has been processed or has failed for good. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /**
   * Stops: no new work, windows and retries cancelled, rescores in flight awaited. What was not
   * done keeps the watermark back, so the next start's catch-up covers it.
   */
  async close(): Promise<void> {
    this.closed = true
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
    for (const wake of [...this.sleepers]) wake()
    for (const state of this.portals.values()) {
      state.waiting.clear()
      state.queued.clear()
    }
    while (this.handling > 0 || [...this.portals.values()].some((state) => state.active > 0))
      await new Promise((resolve) => setTimeout(resolve, 10))
    for (const resolve of this.idleWaiters.splice(0)) resolve()
  }

  private async handlePortal(portalId: number, events: WebhookEvent[]): Promise<void> {
    const { store, logger, modelFor } = this.options
    const installation = await store.getInstallation(portalId)
    if (installation?.status !== 'installed') {
      this.stats.dropped += events.length
      logger.info(
        { portalId, events: events.length },
        'dropped webhook events of a portal that has not installed the app',
      )
      return
    }
    const state = this.portal(portalId)
    const keyOf = (event: WebhookEvent) => `${event.subscriptionId}:${event.eventId}`
    for (const event of events) state.outstanding.set(keyOf(event), event.occurredAt)
    this.stats.events += events.length
    let filter
    try {
      filter = eventFilter(await modelFor(portalId))
    } catch (error) {
      logger.error({ portalId, error: message(error) }, 'no model to map webhook events with')
      this.finish(state, events.map(keyOf), 'failed')
      return
    }
    const { targets } = mapEvents(events, filter)
    const forCompany = new Map<string, string[]>()
    const forRecord = new Map<LookupType, Map<string, string[]>>()
    targets.forEach((target, i) => {
      const key = keyOf(events[i]!)
      if (target.kind === 'ignored') {
        this.stats.ignored++
        this.finish(state, [key], 'done')
      } else if (target.kind === 'company') push(forCompany, target.companyId, key)
      else {
        const records = forRecord.get(target.objectType) ?? new Map<string, string[]>()
        push(records, target.objectId, key)
        forRecord.set(target.objectType, records)
      }
    })
    for (const [companyId, keys] of forCompany) this.schedule(state, companyId, keys)
    await Promise.all([...forRecord].map(([type, records]) => this.lookUp(state, type, records, 0)))
  }

  private async lookUp(
    state: PortalState,
    type: LookupType,
    records: Map<string, string[]>,
    attempt: number,
  ): Promise<void> {
    const { portalId } = state
    let companies: Map<string, string[]>
    try {
      const connection = await this.options.connections.forPortal(portalId)
      companies = await companiesOf(connection, type, [...records.keys()])
    } catch (error) {
      const keys = [...records.values()].flat()
      if (error instanceof PortalNotInstalledError) return this.dropUninstalled(state, keys)
      if (attempt + 1 < this.settings.attempts && !this.closed) {
        this.stats.retries++
        await this.sleep(this.settings.retryDelayMs * 2 ** attempt)
        // Closed meanwhile: left outstanding, so the watermark stays before these events.
        if (this.closed) return
        return this.lookUp(state, type, records, attempt + 1)
      }
      this.options.logger.error(
        { portalId, objectType: type, records: records.size, error: message(error) },
        'could not read the companies of webhook records',
      )
      this.finish(state, keys, 'failed')
      return
    }
    const forCompany = new Map<string, string[]>()
    for (const [recordId, keys] of records) {
      const ids = companies.get(recordId) ?? []
      if (ids.length === 0) this.finish(state, keys, 'done')
      // Every company is rescored, but the record's events ride with its first company's rescore
      // (the usual record has one company); the others do not hold the watermark back.
      ids.forEach((companyId, i) => push(forCompany, companyId, ...(i === 0 ? keys : [])))
    }
    for (const [companyId, keys] of forCompany) this.schedule(state, companyId, keys)
  }

  private schedule(state: PortalState, companyId: string, keys: string[]): void {
    if (this.closed) return
    const queued = state.queued.get(companyId)
    if (queued) {
      queued.keys.push(...keys)
      return
    }
    const waiting = state.waiting.get(companyId)
    const entry: Pending = waiting ?? {
      companyId,
      keys: [],
      firstAt: Date.now(),
      timer: null,
      attempt: 0,
    }
    entry.keys.push(...keys)
    if (entry.timer) this.clearTimer(entry.timer)
    const left = entry.firstAt + this.settings.maxWaitMs - Date.now()
    entry.timer = this.setTimer(
      () => this.ready(state, entry),
      Math.max(0, Math.min(this.settings.windowMs, left)),
    )
    state.waiting.set(companyId, entry)
  }

  private ready(state: PortalState, entry: Pending): void {
    entry.timer = null
    state.waiting.delete(entry.companyId)
    const already = state.queued.get(entry.companyId)
    if (already) already.keys.push(...entry.keys)
    else state.queued.set(entry.companyId, entry)
    this.pump(state)
  }

  private pump(state: PortalState): void {
    for (const entry of state.queued.values()) {
      if (this.closed || state.active >= this.settings.concurrency) return
      // One rescore of a company at a time: a later one reads what the earlier one wrote.
      if (state.running.has(entry.companyId)) continue
      state.queued.delete(entry.companyId)
      state.active++
      state.running.add(entry.companyId)
      void this.rescore(state, entry).finally(() => {
        state.active--
        state.running.delete(entry.companyId)
        this.pump(state)
        this.checkIdle()
      })
    }
  }

  private async rescore(state: PortalState, entry: Pending): Promise<void> {
    const { portalId } = state
    const { companyId } = entry
    const { logger, connections, modelFor, onRescored } = this.options
    try {
      const connection = await connections.forPortal(portalId)
      const model = await modelFor(portalId)
      const health = await scoreOneCompany({
        connection,
        model,
        companyId,
        mode: 'score',
        asOf: this.now(),
      })
      await recordHealth(this.options.store.portfolio(), portalId, health, logger)
      this.stats.rescores++
      const times = entry.keys.map((key) => state.outstanding.get(key) ?? this.now())
      onRescored?.(portalId, health, { oldestEventAt: Math.min(...times) })
      this.finish(state, entry.keys, 'done')
    } catch (error) {
      if (error instanceof PortalNotInstalledError) return this.dropUninstalled(state, entry.keys)
      if (error instanceof Error && /^company \d+ was not found$/.test(error.message)) {
        logger.warn({ portalId, companyId }, 'a webhook named a company that no longer exists')
        this.finish(state, entry.keys, 'done')
        return
      }
      if (this.closed) return // left outstanding: the next start's catch-up covers it
      const final = error instanceof MissingSchemaError || error instanceof OperationOptionsError
      if (!final && entry.attempt + 1 < this.settings.attempts) {
        this.stats.retries++
        entry.attempt++
        const delay = this.settings.retryDelayMs * 2 ** (entry.attempt - 1)
        this.setTimer(() => {
          const queued = state.queued.get(companyId)
          if (queued) queued.keys.push(...entry.keys)
          else state.queued.set(companyId, entry)
          this.pump(state)
        }, delay)
        return
      }
      logger.error(
        { portalId, companyId, attempts: entry.attempt + 1, error: message(error) },
        'a webhook-driven rescore failed for good',
      )
      this.finish(state, entry.keys, 'failed')
    }
  }

  private dropUninstalled(state: PortalState, keys: string[]): void {
    this.stats.dropped += keys.length
    this.options.logger.info(
      { portalId: state.portalId, events: keys.length },
      'dropped webhook events of a portal that has uninstalled the app',
    )
    this.finish(state, keys, 'done')
  }

  /** Marks events processed (or failed for good) and moves the portal's watermark on. */
  private finish(state: PortalState, keys: readonly string[], outcome: 'done' | 'failed'): void {
    for (const key of keys) {
      const at = state.outstanding.get(key)
      if (at === undefined) continue
      state.outstanding.delete(key)
      if (outcome === 'failed') {
        this.stats.failed++
        state.floor = Math.min(state.floor, at)
      } else state.doneMax = Math.max(state.doneMax, at)
    }
    let mark = Math.min(state.doneMax, state.floor - 1)
    for (const at of state.outstanding.values()) mark = Math.min(mark, at - 1)
    if (Number.isFinite(mark) && mark > state.saved) {
      state.saved = mark
      const { store, logger } = this.options
      store
        .recordEventsProcessedUntil(state.portalId, mark, this.now())
        .catch((error: unknown) =>
          logger.error(
            { portalId: state.portalId, error: message(error) },
            'could not save the webhook watermark',
          ),
        )
    }
    this.checkIdle()
  }

  private portal(portalId: number): PortalState {
    let state = this.portals.get(portalId)
    if (!state) {
      state = {
        portalId,
        outstanding: new Map(),
        doneMax: -Infinity,
        floor: Infinity,
        saved: -Infinity,
        waiting: new Map(),
        queued: new Map(),
        running: new Set(),
        active: 0,
      }
      this.portals.set(portalId, state)
    }
    return state
  }

  private isIdle(): boolean {
    if (this.handling > 0) return false
    for (const state of this.portals.values())
      if (state.outstanding.size > 0 || state.active > 0) return false
    return true
  }

  private checkIdle(): void {
    if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve()
  }

  private setTimer(run: () => void, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      run()
    }, ms)
    this.timers.add(timer)
    return timer
  }

  private clearTimer(timer: NodeJS.Timeout): void {
    clearTimeout(timer)
    this.timers.delete(timer)
  }

  /** A pause that ends early when the processor closes. */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        this.sleepers.delete(wake)
        resolve()
      }
      this.sleepers.add(wake)
      this.setTimer(wake, ms)
    })
  }
}

function push<V>(map: Map<string, V[]>, key: string, ...values: V[]): void {
  const list = map.get(key) ?? []
  list.push(...values)
  map.set(key, list)
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
