import { buildCalls } from './calls.ts'
import { buildCompany, type Firmographics } from './company.ts'
import { type CompanyContext, type IdAllocator, toMinute } from './context.ts'
import { buildEmails } from './emails.ts'
import { latentAt, simulateLatent } from './latent.ts'
import { buildMeetings } from './meetings.ts'
import { applyMess } from './messy.ts'
import { drawCompanyIdentity } from './names.ts'
import { buildNotes } from './notes.ts'
import { mixSeed, Rng } from './prng.ts'
import { buildDeals, planRenewals } from './renewals.ts'
import { drawInRange, INDUSTRIES, pickSegment, type SegmentProfile } from './segments.ts'
import { buildTasks } from './tasks.ts'
import { buildTickets } from './tickets.ts'
import { DAY_MS, iso, type TimestampCache, WEEK_MS, YEAR_MS } from './time.ts'
import type { CompanyTruth, DemoCompanyBundle } from './types.ts'

/** Options with defaults applied, plus the state shared across one portal's companies. */
export interface PortalPlan {
  companies: number
  seed: number
  portalId: number
  asOf: number
  activityScale: number
  messyShare: number
  ids: IdAllocator
  domains: Set<string>
  stamps: TimestampCache
}

/** The latent walk starts 60 weeks before `asOf` and runs 53 weeks past it (the next renewal). */
const WEEKS_BEFORE = 60
const WEEKS_AFTER = 53

/** Independent random streams per concern, so changing one builder leaves the others' draws alone. */
const STREAM = {
  identity: 1,
  latent: 2,
  renewals: 3,
  emails: 4,
  calls: 5,
  meetings: 6,
  notes: 7,
  tasks: 8,
  tickets: 9,
  company: 10,
  deals: 11,
  mess: 12,
} as const

/** Generates company number `index` of the portal: its records and its hidden truth. */
export function generateCompany(plan: PortalPlan, index: number): DemoCompanyBundle {
  const companySeed = mixSeed(plan.seed, index)
  const stream = (kind: keyof typeof STREAM) => new Rng(mixSeed(companySeed, STREAM[kind]))
  const rng = stream('identity')
  const identity = drawCompanyIdentity(rng, plan.domains)
  const profile = pickSegment(rng)
  const firmo = drawFirmographics(rng, profile, identity.domain)
  const createdAt = toMinute(plan.asOf - rng.range(366 * DAY_MS, 4 * YEAR_MS))
  const latentStart = plan.asOf - WEEKS_BEFORE * WEEK_MS
  const latent = simulateLatent(
    stream('latent'),
    latentStart,
    WEEKS_BEFORE + WEEKS_AFTER,
    profile.healthShift,
  )
  const renewals = planRenewals(
    stream('renewals'),
    createdAt,
    plan.asOf,
    latent,
    profile.churnMidpoint,
  )
  const lost = renewals.find((renewal) => renewal.churned && renewal.observed)
  const ctx: CompanyContext = {
    id: plan.ids.next('company'),
    companyIds: [],
    name: identity.name,
    profile,
    latent,
    asOf: plan.asOf,
    createdAt,
    windowStart: plan.asOf - 365 * DAY_MS,
    activeUntil: lost ? lost.date : plan.asOf,
    churned: lost !== undefined,
    activity: profile.activity * plan.activityScale,
    ticketScale: plan.activityScale,
    ids: plan.ids,
    stamp: (ms) => plan.stamps.format(ms),
    touches: { lastContacted: 0, lastActivity: 0 },
  }
  ctx.companyIds = Object.freeze([ctx.id])
  const tickets = buildTickets(ctx, stream('tickets'))
  const emails = buildEmails(ctx, stream('emails'))
  const calls = buildCalls(ctx, stream('calls'))
  const meetings = buildMeetings(ctx, stream('meetings'))
  const notes = buildNotes(ctx, stream('notes'))
  const tasks = buildTasks(ctx, stream('tasks'))
  const { company, latentByMonth } = buildCompany(ctx, stream('company'), firmo, renewals)
  const mess = stream('mess')
  const messyProperties = mess.chance(plan.messyShare) ? applyMess(mess, company, plan.asOf) : []
  const deals = buildDeals(ctx, stream('deals'), renewals, firmo.contractValue)
  const truth: CompanyTruth = {
    companyId: ctx.id,
    segment: profile.segment,
    baseline: latent.baseline,
    latentNow: latentAt(latent, plan.asOf),
    latentByMonth,
    renewals: renewals.map((r) => ({
      date: iso(r.date),
      churned: r.churned,
      latent: r.latent,
      observed: r.observed,
      dealId: r.dealId,
    })),
    churnedAt: lost ? iso(lost.date) : null,
    messyProperties,
  }
  return { company, tickets, deals, calls, emails, meetings, notes, tasks, truth }
}

function drawFirmographics(rng: Rng, profile: SegmentProfile, domain: string): Firmographics {
  return {
    domain,
    industry: rng.pick(INDUSTRIES),
    annualRevenue: drawInRange(rng, profile.revenue, 1_000),
    employees: drawInRange(rng, profile.employees),
    seats: drawInRange(rng, profile.seats),
    typicalContacts: drawInRange(rng, profile.contacts),
    contractValue: drawInRange(rng, profile.contractValue, 100),
  }
}
