import type { FixtureRecord } from '@health-score/hubspot-emulator'

import { type CompanyContext, makeRecord } from './context.ts'
import { latentAt, type LatentPath, sigmoid } from './latent.ts'
import type { Rng } from './prng.ts'
import { addYears, DAY_MS, HOUR_MS, startOfDay } from './time.ts'

/** One contract anniversary and its (possibly still hidden) outcome. */
export interface RenewalDraft {
  date: number
  churned: boolean
  latent: number | null
  observed: boolean
  dealId: string | null
}

/** How steeply churn risk rises as latent health falls below the segment's midpoint. */
const CHURN_STEEPNESS = 14
/** An open renewal deal exists once the renewal is this close. */
const OPEN_DEAL_DAYS = 150

/** The chance that a customer at latent health `health` does not renew. */
export function churnProbability(health: number, midpoint: number): number {
  return sigmoid(-CHURN_STEEPNESS * (health - midpoint))
}

/**
 * Every anniversary from the first up to the next one after `asOf`, stopping at the first lost one.
 * Renewals before the simulated span are survivors' history: renewed, with no latent value.
 */
export function planRenewals(
  rng: Rng,
  createdAt: number,
  asOf: number,
  latent: LatentPath,
  midpoint: number,
): RenewalDraft[] {
  const renewals: RenewalDraft[] = []
  const anchor = startOfDay(createdAt)
  for (let k = 1; ; k++) {
    const date = addYears(anchor, k)
    const simulated = date >= latent.start
    const health = simulated ? latentAt(latent, date) : null
    const churned = health !== null && rng.chance(churnProbability(health, midpoint))
    renewals.push({ date, churned, latent: health, observed: date <= asOf, dealId: null })
    if (churned || date > asOf) return renewals
  }
}

const OPEN_STAGES = [
  [120, 'appointmentscheduled'],
  [90, 'qualifiedtobuy'],
  [60, 'presentationscheduled'],
  [30, 'decisionmakerboughtin'],
  [-1, 'contractsent'],
] as const

/**
 * The company's deals: the new-business deal at sign-up, a closed renewal deal per past anniversary
 * (`closedwon`, or `closedlost` when the customer left), and an open deal for an anniversary within
 * 150 days of `asOf`. Sets each renewal's `dealId`.
 */
export function buildDeals(
  ctx: CompanyContext,
  rng: Rng,
  renewals: RenewalDraft[],
  contractValue: number,
): FixtureRecord[] {
  const deals = [
    deal(
      ctx,
      `${ctx.name} - new business`,
      'newbusiness',
      'closedwon',
      contractValue,
      ctx.createdAt,
      ctx.createdAt - rng.int(20, 90) * DAY_MS,
    ),
  ]
  renewals.forEach((renewal, k) => {
    const amount = Math.round((contractValue * 1.05 ** (k + 1)) / 100) * 100
    const name = `${ctx.name} renewal ${new Date(renewal.date).getUTCFullYear()}`
    const opened = renewal.date - rng.int(90, OPEN_DEAL_DAYS) * DAY_MS
    let record: FixtureRecord | null = null
    if (renewal.observed) {
      const offset = renewal.churned ? rng.int(0, 10) * DAY_MS : -rng.int(0, 25) * DAY_MS
      const closed = Math.min(renewal.date + offset + rng.int(14, 23) * HOUR_MS, ctx.asOf)
      const stage = renewal.churned ? 'closedlost' : 'closedwon'
      record = deal(ctx, name, 'existingbusiness', stage, amount, closed, opened)
    } else if (!ctx.churned && renewal.date - ctx.asOf <= OPEN_DEAL_DAYS * DAY_MS) {
      const daysLeft = (renewal.date - ctx.asOf) / DAY_MS
      const stage = OPEN_STAGES.find(([min]) => daysLeft > min)?.[1] ?? 'contractsent'
      const created = Math.min(opened, ctx.asOf - rng.int(1, 10) * DAY_MS)
      record = deal(ctx, name, 'existingbusiness', stage, amount, renewal.date, created)
    }
    if (record) {
      renewal.dealId = record.id
      deals.push(record)
    }
  })
  return deals
}

function deal(
  ctx: CompanyContext,
  name: string,
  type: string,
  stage: string,
  amount: number,
  closeDate: number,
  created: number,
): FixtureRecord {
  const closedAlready = stage === 'closedwon' || stage === 'closedlost'
  return makeRecord(ctx, 'deal', {
    dealname: name,
    pipeline: 'default',
    dealstage: stage,
    dealtype: type,
    amount: String(amount),
    closedate: ctx.stamp(closeDate),
    createdate: ctx.stamp(created),
    hs_lastmodifieddate: ctx.stamp(
      closedAlready ? closeDate : Math.min(created + 7 * DAY_MS, ctx.asOf),
    ),
  })
}
