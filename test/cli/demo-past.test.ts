/** The demo's replayed past, as `health-score portfolio --demo` seeds it and then rescores. */
import { expect, it, onTestFinished } from 'vitest'

import { connectTarget } from '../../src/cli/connect.ts'
import { pastMoments, seedDemoPast } from '../../src/cli/demo-past.ts'
import { rescoreTarget } from '../../src/cli/rescore-target.ts'
import { getDefaultModel, type TierId } from '../../src/health/index.ts'
import { NEWLY_RED_DAYS, readPortfolio } from '../../src/operations/index.ts'

const DAY_MS = 86_400_000
const RED: readonly string[] = ['at_risk', 'critical'] satisfies TierId[]

it('lists 17 moments: weekly for 12 weeks, then every fourth week back to 8 months', () => {
  const now = Date.parse('2026-12-01T00:00:00.000Z')
  const weeks = pastMoments(now, 12, 8).map((at) => (now - at) / (7 * DAY_MS))
  expect(weeks).toEqual([32, 28, 24, 20, 16, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1])
})

it('writes each replayed tier change with its previous tier and change time, so the rescore and the newly-red list follow the replayed history', async () => {
  const model = getDefaultModel()
  const target = await connectTarget({ demo: true, companies: 300 })
  onTestFinished(() => target.close())
  const past = await seedDemoPast(target, model, { weeks: 12, months: 8 })
  expect(past.companies).toBe(300)
  await rescoreTarget(target, { progress: false })
  const view = await readPortfolio({ connection: target.connection, model })

  const table = target.demo!.emulator.store.table('companies')
  const asOf = Date.parse(view.asOf)
  const enteredRed: string[] = []
  let changed = 0
  for (let row = 0; row < table.size; row++) {
    // Newest first: the tier now, and the run of entries since it began.
    const tiers = table.history(row, 'health_tier')
    const tier = tiers[0]!.value
    let began = 0
    while (tiers[began + 1]?.value === tier) began++
    const before = tiers[began + 1]?.value ?? null
    if (before !== null) changed++
    expect(table.value(row, 'health_previous_tier')).toBe(before)
    // A replayed change is stamped with its moment; today's, with the run's scoring moment.
    const changedAt = Date.parse(table.value(row, 'health_tier_changed_at')!)
    expect(tiers[began]!.timestamp - changedAt).toBeGreaterThanOrEqual(0)
    expect(tiers[began]!.timestamp - changedAt).toBeLessThan(60_000)
    // Every tier write carried its change time, in the same write.
    const stamps = (name: string) => table.history(row, name).map((entry) => entry.timestamp)
    expect(stamps('health_tier_changed_at')).toEqual(stamps('health_tier'))
    if (
      RED.includes(tier) &&
      before !== null &&
      !RED.includes(before) &&
      changedAt >= asOf - NEWLY_RED_DAYS * DAY_MS
    )
      enteredRed.push(table.idOf(row))
  }
  // Measured on seed 42: 114 of the 300 changed tier in the replay or today; 2 entered red today.
  expect(changed).toBeGreaterThan(100)
  expect(enteredRed.length).toBeGreaterThan(0)
  expect(view.newlyRed.map((account) => account.companyId).sort()).toEqual(enteredRed.sort())
}, 120_000)
