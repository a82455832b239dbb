import { Client } from '@hubspot/api-client'
import { expect, it } from 'vitest'

import { ensurePropertySchema } from '../../src/hubspot/index.ts'
import { scoreOneCompany, type ScoreOneOptions } from '../../src/operations/index.ts'
import { useMswServer } from '../support/msw.ts'
import {
  BASE_PATH,
  connect,
  demoPortal as createPortal,
  historyOf,
  model,
} from '../support/portal.ts'

const server = useMswServer()
const UPDATE = 'POST /crm/v3/objects/companies/batch/update'

function callsOf(stats: { calls: { byEndpoint: Record<string, number> } }) {
  return Object.values(stats.calls.byEndpoint).reduce((sum, n) => sum + n, 0)
}

it('scores one company in 5 reads and 1 write, then rescores it in 5 calls writing nothing', async () => {
  const portal = createPortal(5)
  server.use(...portal.handlers)
  const connection = connect()
  await ensurePropertySchema(connection, model)
  const company = portal.fixture.companies[0]!
  const before = callsOf(portal.emulator.stats())
  const health = await scoreOneCompany({
    connection,
    model,
    companyId: company.id,
    mode: 'score',
    asOf: portal.asOf,
  })
  const stats = portal.emulator.stats()
  const used = callsOf(stats) - before
  // GET the company (+ histories + association ids), batch read tickets, calls, emails, meetings,
  // then one batch update.
  expect(used).toBe(6)
  expect(health.companyId).toBe(company.id)
  expect(health.result?.score).toEqual(expect.any(Number))
  expect(health.current.health_score).toBe(String(health.result!.score))
  expect(stats.calls.byEndpoint['POST /crm/v3/objects/companies/batch/update']).toBe(1)
  expect(health.history.at(-1)?.score).toBe(health.result!.score)

  const again = await scoreOneCompany({
    connection,
    model,
    companyId: company.id,
    mode: 'view',
    asOf: portal.asOf,
  })
  const after = portal.emulator.stats()
  expect(callsOf(after) - callsOf(stats)).toBeLessThanOrEqual(5)
  expect(after.calls.byEndpoint['POST /crm/v3/objects/companies/batch/update']).toBe(1)
  expect(again.result?.score).toBe(health.result!.score)
  expect(again.scoredAt).toBe(health.scoredAt)
})

it('writes the previous tier and the change time with a changed tier, and nothing on a rescore', async () => {
  const portal = createPortal(5)
  server.use(...portal.handlers)
  const connection = connect()
  await ensurePropertySchema(connection, model)
  const company = portal.fixture.companies[0]!
  const score = (asOf: number) =>
    scoreOneCompany({ connection, model, companyId: company.id, mode: 'score', asOf })
  const updates = () => portal.emulator.stats().calls.byEndpoint[UPDATE] ?? 0
  const first = await score(portal.asOf)
  expect(first.current).toMatchObject({
    health_tier: first.result!.tier,
    health_tier_changed_at: new Date(portal.asOf).toISOString(),
    health_value_track: first.result!.segmentId,
  })
  expect(first.current.health_previous_tier).toBeNull()

  const client = new Client({ accessToken: 'emulator-token', basePath: BASE_PATH })
  await client.crm.companies.basicApi.update(company.id, {
    properties: { product_active_users_30d: '0', product_core_features_used: '0', nps_score: '0' },
  })
  const later = portal.asOf + 3 * 86_400_000
  const before = updates()
  const second = await score(later)
  expect(second.result!.tier).not.toBe(first.result!.tier)
  expect(updates() - before).toBe(1)
  expect(second.current).toMatchObject({
    health_tier: second.result!.tier,
    health_previous_tier: first.result!.tier,
    health_tier_changed_at: new Date(later).toISOString(),
  })
  expect(historyOf(portal.emulator, company.id, 'health_previous_tier')).toEqual([
    first.result!.tier,
  ])

  const third = await score(later + 60_000)
  expect(updates() - before).toBe(1)
  expect(third.current.health_previous_tier).toBe(first.result!.tier)
  expect(historyOf(portal.emulator, company.id, 'health_tier_changed_at')).toHaveLength(2)
})

it('shows a never-scored company in view mode without scoring it', async () => {
  const portal = createPortal(5)
  server.use(...portal.handlers)
  const connection = connect()
  await ensurePropertySchema(connection, model)
  const company = portal.fixture.companies[1]!
  const health = await scoreOneCompany({ connection, model, companyId: company.id, mode: 'view' })
  expect(health).toMatchObject({ companyId: company.id, result: null, scoredAt: null })
})

it('says the schema is missing when ensure_schema has not run', async () => {
  const portal = createPortal(5)
  server.use(...portal.handlers)
  const company = portal.fixture.companies[0]!
  await expect(
    scoreOneCompany({ connection: connect(), model, companyId: company.id, mode: 'score' }),
  ).rejects.toThrow(/run ensure_schema/)
})

it('rejects a bad mode before any call', async () => {
  const options = { connection: connect(), model, companyId: '1', mode: 'peek' } as unknown
  await expect(scoreOneCompany(options as ScoreOneOptions)).rejects.toThrow(
    "scoreOneCompany: mode must be 'view' or 'score'",
  )
})
