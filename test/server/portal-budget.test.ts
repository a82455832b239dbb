import { afterEach, expect, it } from 'vitest'

import { peakInWindow, quantile, type Rig, startRig } from '../../bench/server-rig.ts'
import { OAUTH_RATE_LIMIT } from '../../src/server/index.ts'

let rig: Rig | null = null
afterEach(async () => {
  await rig?.stop()
  rig = null
})

it('peakInWindow counts the most times inside any rolling window, its start excluded', () => {
  expect(peakInWindow([])).toBe(0)
  expect(peakInWindow([10_000, 0, 5000, 9999])).toBe(3)
  expect(peakInWindow([0, 1, 2, 20_000], 10_000)).toBe(3)
  expect(quantile([4, 1, 3, 2], 0.5)).toBe(2)
  expect(quantile([4, 1, 3, 2], 0.95)).toBe(4)
})

// More calls than one window allows (30 card views of a scored portal take ~5 calls each), sent
// at once: one connection per portal must pace them so the emulator, at HubSpot's OAuth limit,
// never answers 429. The pacing makes this take over 10 s: it asserts counts, not times.
it('keeps 30 concurrent card views of one portal within its 110-per-10 s budget, with no 429', async () => {
  rig = await startRig({ portals: 1, companies: 30, latencyMs: () => 5 })
  const [portal] = rig.portals
  await rig.resetStats()
  const answers = await Promise.all(
    portal!.companyIds.map((id, k) =>
      rig!.request(portal!.portalId, {
        method: 'GET',
        path: `/api/companies/${id}/health`,
        userId: 1 + k,
      }),
    ),
  )
  expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200))
  expect(answers.every((a) => (a.body as { result: unknown }).result !== null)).toBe(true)
  const stats = await rig.stats(portal!)
  expect(stats.rateLimited).toBe(0)
  expect(stats.total).toBeGreaterThan(OAUTH_RATE_LIMIT)
  expect(rig.connectionCalls(portal!.portalId)).toBe(stats.total)
  const times = await rig.burstTimes()
  expect(times[portal!.portalId]).toHaveLength(stats.total)
  expect(peakInWindow(times[portal!.portalId]!)).toBeLessThanOrEqual(OAUTH_RATE_LIMIT)
}, 40_000)
