import { emptyFixture, type Fixture } from '@health-score/hubspot-emulator'

import { generateCompany, type PortalPlan } from './company-bundle.ts'
import { IdAllocator } from './context.ts'
import { demoPropertyDeclarations } from './custom-properties.ts'
import { TimestampCache, YEAR_MS } from './time.ts'
import type { CompanyTruth, DemoCompanyBundle, DemoPortalOptions } from './types.ts'

/** The defaults of {@link DemoPortalOptions}. */
export const DEMO_DEFAULTS = {
  companies: 2_000,
  seed: 1,
  asOf: '2026-11-01T00:00:00.000Z',
  portalId: 12345,
  activityScale: 1,
  messyShare: 0.025,
} as const

/**
 * Yields the demo portal one company at a time (records plus hidden truth), so a large portal can
 * be loaded or written without building it twice. Deterministic by seed; ids are assigned in order.
 * @throws Error when an option is out of range (e.g. a negative count or an invalid `asOf`).
 * @example
 * for (const { company, tickets, truth } of iterateDemoPortal({ companies: 100_000 })) store.add(...)
 */
export function* iterateDemoPortal(options: DemoPortalOptions = {}): Generator<DemoCompanyBundle> {
  const plan = planPortal(options)
  for (let index = 0; index < plan.companies; index++) yield generateCompany(plan, index)
}

/**
 * Generates a deterministic demo portal: a fixture (DESIGN.md format) and, apart from it, the hidden
 * ground truth per company. The same options give byte-identical `JSON.stringify` output.
 * @throws Error when an option is out of range.
 * @example
 * const { fixture, truth } = generateDemoPortal({ companies: 2_000, seed: 7 })
 */
export function generateDemoPortal(options: DemoPortalOptions = {}): {
  fixture: Fixture
  truth: CompanyTruth[]
} {
  const plan = planPortal(options)
  const fixture: Fixture = {
    ...emptyFixture(plan.portalId, new Date(plan.asOf).toISOString()),
    ...demoPropertyDeclarations(),
  }
  const truth: CompanyTruth[] = []
  for (let index = 0; index < plan.companies; index++) {
    const bundle = generateCompany(plan, index)
    fixture.companies.push(bundle.company)
    append(fixture.tickets, bundle.tickets)
    append(fixture.deals, bundle.deals)
    append(fixture.calls, bundle.calls)
    append(fixture.emails, bundle.emails)
    append(fixture.meetings, bundle.meetings)
    append(fixture.notes, bundle.notes)
    append(fixture.tasks, bundle.tasks)
    truth.push(bundle.truth)
  }
  return { fixture, truth }
}

function append<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item)
}

function planPortal(options: DemoPortalOptions): PortalPlan {
  const companies = options.companies ?? DEMO_DEFAULTS.companies
  const seed = options.seed ?? DEMO_DEFAULTS.seed
  const asOf = Date.parse(options.asOf ?? DEMO_DEFAULTS.asOf)
  const activityScale = options.activityScale ?? DEMO_DEFAULTS.activityScale
  const messyShare = options.messyShare ?? DEMO_DEFAULTS.messyShare
  const portalId = options.portalId ?? DEMO_DEFAULTS.portalId
  if (!Number.isInteger(companies) || companies < 0) {
    throw new Error(`Demo portal: companies must be a non-negative integer, got ${companies}`)
  }
  if (!Number.isInteger(seed)) throw new Error(`Demo portal: seed must be an integer, got ${seed}`)
  if (!Number.isFinite(asOf)) {
    throw new Error(`Demo portal: asOf must be an ISO-8601 date-time, got ${options.asOf}`)
  }
  if (!(activityScale >= 0))
    throw new Error(`Demo portal: activityScale must be ≥ 0, got ${activityScale}`)
  if (!(messyShare >= 0 && messyShare <= 1)) {
    throw new Error(`Demo portal: messyShare must be within [0, 1], got ${messyShare}`)
  }
  if (!Number.isInteger(portalId) || portalId <= 0) {
    throw new Error(`Demo portal: portalId must be a positive integer, got ${portalId}`)
  }
  return {
    companies,
    seed,
    asOf,
    portalId,
    activityScale,
    messyShare,
    ids: new IdAllocator(),
    domains: new Set(),
    stamps: new TimestampCache(asOf - 5 * YEAR_MS, asOf + 2 * YEAR_MS),
  }
}
