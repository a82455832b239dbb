/**
 * @module The backend's Prometheus metrics (prom-client), on a registry of their own per app, so
 * that two apps in one process (tests) never share a counter. Code observes into typed methods,
 * never into prom-client directly: companies rescored, HubSpot API calls and 429s, webhook lag and
 * job durations. No label holds a portal id, a user or a token: the series stay few and anonymous.
 */
import { Counter, Histogram, Registry } from 'prom-client'

import type { JobKind, JobStatus } from './store/types.ts'

/** What the backend counts and times; `GET /metrics` serves `text()`. */
export interface Metrics {
  readonly registry: Registry
  /** The Prometheus content type `text()` is in. */
  readonly contentType: string
  /** Companies scored by a rescore (default one). */
  companiesRescored(count?: number): void
  /**
   * Counts a connection's HubSpot API calls (each attempt) and 429s from now on, read at each
   * scrape, so every call a portal's connection makes is counted once, whoever made it (card,
   * webhook, job).
   */
  watchCalls(counter: { readonly total: number; readonly rateLimited: number }): void
  /** From a webhook event's `occurredAt` to the backend acting on it, seconds. */
  observeWebhookLag(seconds: number): void
  /** How long a job ran, seconds, by kind and the status it ended in. */
  observeJobDuration(kind: JobKind, status: JobStatus, seconds: number): void
  /** Every metric in the Prometheus text format. */
  text(): Promise<string>
}

/** Metric names start with this. */
export const METRICS_PREFIX = 'health_score_'

/**
 * A fresh set of metrics on its own registry.
 * @example
 * const metrics = createMetrics()
 * metrics.observeWebhookLag((Date.now() - event.occurredAt) / 1000)
 * res.type(metrics.contentType).send(await metrics.text())
 */
export function createMetrics(): Metrics {
  const registry = new Registry()
  const registers = [registry]
  const companies = new Counter({
    name: `${METRICS_PREFIX}companies_rescored_total`,
    help: 'Companies scored by a rescore.',
    registers,
  })
  const calls = new Counter({
    name: `${METRICS_PREFIX}hubspot_api_calls_total`,
    help: 'HubSpot API calls made, each attempt counted.',
    registers,
  })
  const limited = new Counter({
    name: `${METRICS_PREFIX}hubspot_rate_limited_total`,
    help: 'HubSpot answers of 429 (rate limited).',
    registers,
  })
  const lag = new Histogram({
    name: `${METRICS_PREFIX}webhook_lag_seconds`,
    help: 'From a webhook event occurring to the backend acting on it.',
    buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600],
    registers,
  })
  const durations = new Histogram({
    name: `${METRICS_PREFIX}job_duration_seconds`,
    help: 'How long a job ran, by kind and the status it ended in.',
    labelNames: ['kind', 'status'] as const,
    buckets: [1, 5, 15, 60, 300, 900, 3600, 4 * 3600],
    registers,
  })
  const counted = (counter: Counter) => (count: number) => {
    if (count > 0) counter.inc(count)
  }
  /** Each watched counter with what the metrics have already counted of it. */
  const watched = new Map<{ readonly total: number; readonly rateLimited: number }, Seen>()
  const collect = () => {
    for (const [counter, seen] of watched) {
      counted(calls)(counter.total - seen.total)
      counted(limited)(counter.rateLimited - seen.rateLimited)
      seen.total = counter.total
      seen.rateLimited = counter.rateLimited
    }
  }
  return {
    registry,
    contentType: registry.contentType,
    companiesRescored: (count = 1) => counted(companies)(count),
    watchCalls(counter) {
      if (!watched.has(counter))
        watched.set(counter, { total: counter.total, rateLimited: counter.rateLimited })
    },
    observeWebhookLag: (seconds) => lag.observe(Math.max(0, seconds)),
    observeJobDuration: (kind, status, seconds) =>
      durations.observe({ kind, status }, Math.max(0, seconds)),
    text: () => {
      collect()
      return registry.metrics()
    },
  }
}

interface Seen {
  total: number
  rateLimited: number
}
