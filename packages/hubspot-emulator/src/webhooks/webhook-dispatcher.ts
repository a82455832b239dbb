/**
 * Delivering webhooks as HubSpot does: changes the subscriptions ask for become events, which wait
 * a short flush delay, go out in signed JSON arrays of up to 100, and are redelivered with backoff
 * (`attemptNumber` + 1, same `eventId`s) after a non-2xx answer, a network error or a timeout.
 *
 * @note Times: `occurredAt` and `X-HubSpot-Request-Timestamp` come from the emulator's clock (a test
 * portal's manual clock), so a receiver checking freshness must use the same clock; the flush
 * delay, backoff and timeout run on real timers, so deliveries happen while a test awaits them.
 */
import type { PortalStore } from '../store/portal-store.ts'
import { signRequest } from './signature.ts'
import {
  parseWebhookConfig,
  type WebhookConfig,
  type WebhookConfigInput,
} from './webhook-config.ts'
import { eventsFor, type WebhookEvent } from './webhook-events.ts'

/** What `GET /__emulator/webhooks` reports about deliveries. */
export interface WebhookStats {
  /** Events whose delivery was answered with a 2xx. */
  delivered: number
  /** Events given up on after the last retry. */
  failed: number
  /** Events waiting, in flight or waiting for a retry. */
  pending: number
  /** Events dropped by `close()` before they were delivered. */
  discarded: number
  /** POSTs made, retries included. */
  requests: number
  retries: number
  /** The last failed attempt: `HTTP 500`, `timeout after 5000 ms`, or a network error. */
  lastError?: string
}

/** The settings without the client secret, for reporting. */
export type PublicWebhookConfig = Omit<WebhookConfig, 'clientSecret'>

/**
 * @note Deliveries carry `msw/passthrough` in `Accept`: an msw `setupServer` in the same process
 * (a test portal's `listen()`) then lets them reach the real receiver instead of failing them as
 * unhandled requests. Without msw the header is inert.
 */
const DELIVERY_HEADERS = {
  'Content-Type': 'application/json',
  Accept: '*/*, msw/passthrough',
  'User-Agent': 'HubSpot Connect 2.0 (emulated)',
} as const

/**
 * Webhook delivery for one portal.
 * @example
 * const webhooks = new WebhookDispatcher(store, { targetUrl, clientSecret, appId, subscriptions })
 * await webhooks.flush()
 * await webhooks.close()
 */
export class WebhookDispatcher {
  private settings: WebhookConfig | undefined
  private queue: WebhookEvent[] = []
  private lastEventId = 0
  private flushTimer: ReturnType<typeof setTimeout> | undefined
  private readonly retryTimers = new Set<ReturnType<typeof setTimeout>>()
  private readonly inFlight = new Set<Promise<void>>()
  private readonly aborts = new Set<AbortController>()
  private waiting = 0
  private idleWaiters: (() => void)[] = []
  private closed = false
  private readonly counts = { delivered: 0, failed: 0, discarded: 0, requests: 0, retries: 0 }
  private lastError: string | undefined
  private readonly unsubscribe: () => void

  /**
   * Watches `store` and delivers what `config` subscribes to (nothing until configured).
   * @throws Error when `config` is invalid.
   */
  constructor(
    private readonly store: PortalStore,
    config?: WebhookConfigInput,
  ) {
    if (config) this.configure(config)
    this.unsubscribe = store.changes.subscribe((change) => {
      const settings = this.settings
      if (!settings || this.closed) return
      const events = eventsFor(settings, store.portalId, change, () => ++this.lastEventId)
      if (events.length === 0) return
      this.queue.push(...events)
      this.schedule(settings)
    })
  }

  /**
   * Replaces the settings (undefined stops new events; queued ones still go to the old target).
   * @throws Error with a one-line message when `input` is invalid.
   */
  configure(input: WebhookConfigInput | undefined): void {
    this.settings = input === undefined ? undefined : parseWebhookConfig(input)
  }

  /** The current settings, without the client secret. */
  config(): PublicWebhookConfig | undefined {
    if (!this.settings) return undefined
    const { clientSecret: _secret, ...rest } = this.settings
    return rest
  }

  stats(): WebhookStats {
    const pending = this.queue.length + this.waiting
    return {
      ...this.counts,
      pending,
      ...(this.lastError ? { lastError: this.lastError } : {}),
    }
  }

  /**
   * Sends what is queued now (skipping the flush delay) and resolves once nothing is pending:
   * every event delivered or given up on, retries included.
   * @example await emulator.webhooks.flush()
   */
  flush(): Promise<void> {
    if (this.settings && this.queue.length) this.send(this.settings)
    if (this.stats().pending === 0) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /**
   * Stops for good: drops queued events, cancels timers and aborts deliveries in flight; resolves
   * once those have settled. Later changes are ignored.
   */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true
      this.unsubscribe()
      clearTimeout(this.flushTimer)
      this.flushTimer = undefined
      for (const timer of this.retryTimers) clearTimeout(timer)
      this.retryTimers.clear()
      this.counts.discarded += this.queue.length + this.waiting
      this.queue = []
      this.waiting = 0
      for (const abort of this.aborts) abort.abort(new Error('webhook dispatcher closed'))
    }
    await Promise.allSettled([...this.inFlight])
    this.notifyIdle()
  }

  private schedule(settings: WebhookConfig): void {
    if (this.queue.length >= settings.maxBatchSize) this.send(settings)
    else if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = undefined
        this.send(settings)
      }, settings.flushDelayMs)
    }
  }

  /** Starts POSTs of full batches while concurrency allows; the rest waits for a free slot. */
  private send(settings: WebhookConfig): void {
    if (this.closed) return
    clearTimeout(this.flushTimer)
    this.flushTimer = undefined
    while (this.queue.length && this.aborts.size < settings.maxConcurrentRequests) {
      const batch = this.queue.splice(0, settings.maxBatchSize)
      this.waiting += batch.length
      this.track(this.deliver(settings, batch, 0))
    }
  }

  private track(delivery: Promise<void>): void {
    this.inFlight.add(delivery)
    void delivery.finally(() => this.inFlight.delete(delivery))
  }

  private async deliver(settings: WebhookConfig, batch: WebhookEvent[], attempt: number) {
    const body = JSON.stringify(batch.map((event) => ({ ...event, attemptNumber: attempt })))
    const headers = {
      ...DELIVERY_HEADERS,
      ...signRequest(settings.clientSecret, settings.targetUrl, body, this.store.now()),
    }
    const abort = new AbortController()
    this.aborts.add(abort)
    this.counts.requests += 1
    let error: string | undefined
    try {
      const response = await fetch(settings.targetUrl, {
        method: 'POST',
        headers,
        body,
        // @note A redirect is an answer that is not 2xx: the signed batch never follows it elsewhere.
        redirect: 'manual',
        signal: AbortSignal.any([abort.signal, AbortSignal.timeout(settings.timeoutMs)]),
      })
      await response.arrayBuffer().catch(() => undefined)
      if (!response.ok) error = `HTTP ${response.status}`
    } catch (caught) {
      const name = caught instanceof Error ? caught.name : ''
      error = name === 'TimeoutError' ? `timeout after ${settings.timeoutMs} ms` : describe(caught)
    } finally {
      this.aborts.delete(abort)
    }
    if (this.closed) return
    if (error === undefined) this.settle(batch, 'delivered')
    else {
      this.lastError = error
      if (attempt < settings.retry.attempts) this.retryLater(settings, batch, attempt + 1)
      else this.settle(batch, 'failed')
    }
    if (this.queue.length) this.schedule(settings)
  }

  private retryLater(settings: WebhookConfig, batch: WebhookEvent[], attempt: number): void {
    this.counts.retries += 1
    const delay = settings.retry.baseDelayMs * 2 ** (attempt - 1)
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer)
      this.track(this.deliver(settings, batch, attempt))
    }, delay)
    this.retryTimers.add(timer)
  }

  private settle(batch: WebhookEvent[], outcome: 'delivered' | 'failed'): void {
    this.waiting -= batch.length
    this.counts[outcome] += batch.length
    if (this.stats().pending === 0) this.notifyIdle()
  }

  private notifyIdle(): void {
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const resolve of waiters) resolve()
  }
}

/** A network error's message without anything from the request (the URL may carry a secret). */
function describe(caught: unknown): string {
  const cause = caught instanceof Error && caught.cause instanceof Error ? caught.cause : caught
  const code = (cause as { code?: unknown } | null)?.code
  return typeof code === 'string' ? `network error ${code}` : 'network error'
}
