import type { FixtureCompany, HistoryEntry } from '@health-score/hubspot-emulator'

import type { CompanyContext } from './context.ts'
import { latentAt } from './latent.ts'
import {
  observeActiveUsers,
  observeContacts,
  observeCoreFeatures,
  observeCsat,
  observeLogins,
  observeNps,
  observeOverdue,
} from './observe.ts'
import type { Rng } from './prng.ts'
import type { RenewalDraft } from './renewals.ts'
import { DAY_MS, HOUR_MS, isoDate, MINUTE_MS, MONTH_MS } from './time.ts'

/** The company's firmographics, drawn once from its segment. */
export interface Firmographics {
  domain: string
  industry: string
  annualRevenue: number
  employees: number
  /** Licensed seats: the onboarding month's active users. */
  seats: number
  typicalContacts: number
  contractValue: number
}

/** The monthly grid has 13 points: `asOf − 12 × 30 days` … `asOf`. */
export const MONTHS = 13
const NEVER_SURVEYED = 0.05

/** Records property history oldest first, skipping unchanged values unless forced. */
class HistoryLog {
  readonly entries: Record<string, HistoryEntry[]> = {}
  latest = 0

  add(property: string, value: string, t: number, at: string, force = false): void {
    const list = (this.entries[property] ??= [])
    if (!force && list[list.length - 1]?.value === value) return
    list.push({ value, timestamp: at })
    if (t > this.latest) this.latest = t
  }

  current(property: string): string | null {
    return this.entries[property]?.at(-1)?.value ?? null
  }

  /** HubSpot serves property history newest first. */
  newestFirst(): Record<string, HistoryEntry[]> {
    for (const list of Object.values(this.entries)) list.reverse()
    return this.entries
  }
}

/**
 * Builds the company record: firmographics, the model's input properties as of `asOf`, HubSpot's
 * activity roll-ups, and property history drawn month by month from the latent health.
 * Returns the latent health on the same monthly grid.
 */
export function buildCompany(
  ctx: CompanyContext,
  rng: Rng,
  firmo: Firmographics,
  renewals: readonly RenewalDraft[],
): { company: FixtureCompany; latentByMonth: number[] } {
  const log = new HistoryLog()
  const created = ctx.stamp(ctx.createdAt)
  const onboarded = ctx.createdAt + MONTH_MS
  log.add('product_active_users_baseline', String(firmo.seats), onboarded, ctx.stamp(onboarded))
  log.add('lifecyclestage', 'customer', ctx.createdAt, created)
  if (ctx.churned) {
    const left = Math.min(ctx.activeUntil + 14 * HOUR_MS, ctx.asOf)
    log.add('lifecyclestage', 'other', left, ctx.stamp(left))
  }
  addRenewalHistory(ctx, log, renewals)
  const latentByMonth = addMonthlyHistory(ctx, rng, firmo, log)
  const now = latentAt(ctx.latent, ctx.asOf)
  const { lastContacted, lastActivity } = ctx.touches
  const properties = {
    name: ctx.name,
    domain: firmo.domain,
    industry: firmo.industry,
    annualrevenue: String(firmo.annualRevenue),
    numberofemployees: String(firmo.employees),
    lifecyclestage: log.current('lifecyclestage'),
    createdate: created,
    hs_lastmodifieddate: ctx.stamp(Math.max(log.latest, lastActivity, lastContacted)),
    num_associated_contacts: String(observeContacts(rng, now, firmo.typicalContacts)),
    notes_last_contacted: lastContacted ? ctx.stamp(lastContacted) : null,
    hs_last_sales_activity_timestamp: lastActivity ? ctx.stamp(lastActivity) : null,
    product_active_users_30d: log.current('product_active_users_30d'),
    product_active_users_baseline: log.current('product_active_users_baseline'),
    product_logins_30d: log.current('product_logins_30d'),
    product_core_features_used: log.current('product_core_features_used'),
    nps_score: log.current('nps_score'),
    csat_score: log.current('csat_score'),
    days_payment_overdue: log.current('days_payment_overdue'),
    renewal_date: log.current('renewal_date'),
  }
  return { company: { id: ctx.id, properties, propertyHistory: log.newestFirst() }, latentByMonth }
}

/** `renewal_date` always shows the next anniversary; a lost renewal leaves it at the lost date. */
function addRenewalHistory(
  ctx: CompanyContext,
  log: HistoryLog,
  renewals: readonly RenewalDraft[],
) {
  const first = renewals[0]
  if (first) log.add('renewal_date', isoDate(first.date), ctx.createdAt, ctx.stamp(ctx.createdAt))
  for (let i = 0; i + 1 < renewals.length; i++) {
    const done = renewals[i] as RenewalDraft
    const next = renewals[i + 1] as RenewalDraft
    if (!done.observed || done.churned) break
    const t = Math.min(done.date + 14 * HOUR_MS, ctx.asOf)
    log.add('renewal_date', isoDate(next.date), t, ctx.stamp(t))
  }
}

/** Usage, adoption and payment monthly; NPS and CSAT from quarterly surveys. */
function addMonthlyHistory(
  ctx: CompanyContext,
  rng: Rng,
  firmo: Firmographics,
  log: HistoryLog,
): number[] {
  const latentByMonth: number[] = []
  const npsPhase = rng.chance(NEVER_SURVEYED) ? -1 : rng.int(0, 2)
  const csatPhase = rng.chance(NEVER_SURVEYED) ? -1 : rng.int(0, 2)
  let overdue = 0
  for (let k = 0; k < MONTHS; k++) {
    const point = ctx.asOf - (MONTHS - 1 - k) * MONTH_MS
    const h = latentAt(ctx.latent, point)
    latentByMonth.push(h)
    const t = point - rng.int(0, 48 * 60) * MINUTE_MS
    const at = ctx.stamp(t)
    if (t >= ctx.activeUntil) {
      log.add('product_active_users_30d', '0', t, at)
      log.add('product_logins_30d', '0', t, at)
      continue
    }
    const users = observeActiveUsers(rng, h, firmo.seats)
    log.add('product_active_users_30d', String(users), t, at, true)
    log.add('product_logins_30d', String(observeLogins(rng, h, users)), t, at, true)
    log.add('product_core_features_used', String(observeCoreFeatures(rng, h)), t, at)
    overdue = observeOverdue(rng, h, overdue)
    log.add('days_payment_overdue', String(overdue), t, at)
    const surveyAt = t - rng.int(0, 10) * DAY_MS
    if (npsPhase >= 0 && (k + npsPhase) % 3 === 0) {
      log.add('nps_score', String(observeNps(rng, h)), surveyAt, ctx.stamp(surveyAt), true)
    }
    if (csatPhase >= 0 && (k + csatPhase) % 3 === 1) {
      log.add('csat_score', String(observeCsat(rng, h)), surveyAt, ctx.stamp(surveyAt), true)
    }
  }
  return latentByMonth
}
