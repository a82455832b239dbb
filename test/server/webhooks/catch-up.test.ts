import { afterEach, beforeEach, expect, it } from 'vitest'

import { catchUpJobs, SqliteServerStore } from '../../../src/server/index.ts'
import { sealedTokens } from '../store/server-store-contract.ts'

let store: SqliteServerStore
beforeEach(() => {
  store = new SqliteServerStore(':memory:')
})
afterEach(() => store.close())

async function install(portalId: number) {
  await store.saveInstallation(
    { portalId, scopes: ['oauth'], tokens: sealedTokens(portalId, `a-${portalId}`) },
    1,
  )
}

it('lists one catch-up per installed portal with a watermark, from that watermark', async () => {
  await install(1)
  await install(2)
  await install(3)
  await store.recordEventsProcessedUntil(1, 5_000, 10)
  await store.recordEventsProcessedUntil(3, 7_000, 10)
  await store.markUninstalled(3, 20)
  await store.recordEventsProcessedUntil(4, 9_000, 10) // never installed
  expect(await catchUpJobs(store)).toEqual([{ portalId: 1, since: 5_000 }])
})
