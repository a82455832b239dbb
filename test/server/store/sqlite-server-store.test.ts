import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import Database from 'better-sqlite3'
import { afterEach, beforeEach, expect, it } from 'vitest'

import { SERVER_STORE_FILE, SqliteServerStore } from '../../../src/server/index.ts'
import { portfolioStoreContract } from './portfolio-store-contract.ts'
import { sealedTokens, serverStoreContract } from './server-store-contract.ts'

const inMemory = () => {
  const store = new SqliteServerStore(':memory:')
  return { store, close: () => store.close() }
}
serverStoreContract(inMemory)
portfolioStoreContract(inMemory)

let dataDir: string
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'health-server-store-'))
})
afterEach(() => rmSync(dataDir, { recursive: true, force: true }))

/** Every byte SQLite has written for the store: the database file and its write-ahead log. */
function bytesOnDisk(): Buffer {
  const file = join(dataDir, SERVER_STORE_FILE)
  return Buffer.concat(
    [file, `${file}-wal`].filter((path) => existsSync(path)).map((path) => readFileSync(path)),
  )
}

it('writes no plain token to the database file or its write-ahead log', async () => {
  const access = 'CNPoz9GVMhICAQEYs-plain-access-token-0001'
  const tokens = sealedTokens(62515, access)
  const store = new SqliteServerStore(dataDir)
  try {
    await store.saveInstallation({ portalId: 62515, scopes: ['oauth'], tokens }, 1_000)
    await store.updateTokens(62515, sealedTokens(62515, `${access}-refreshed`), 2_000)
    const bytes = bytesOnDisk()
    expect(bytes.includes((await store.getInstallation(62515))?.tokens?.accessToken ?? '-')).toBe(
      true,
    )
    expect(bytes.includes(access)).toBe(false)
    expect(bytes.includes(`refresh-${access}`)).toBe(false)
  } finally {
    await store.close()
  }
  expect(bytesOnDisk().includes(access)).toBe(false) // after the checkpoint on close, too
})

it('erases the sealed tokens from the row on uninstall, not just hides them', async () => {
  const store = new SqliteServerStore(dataDir)
  try {
    await store.saveInstallation({ portalId: 7, scopes: [], tokens: sealedTokens(7, 'a') }, 1)
    await store.markUninstalled(7, 2)
  } finally {
    await store.close()
  }
  const db = new Database(join(dataDir, SERVER_STORE_FILE), { readonly: true })
  try {
    expect(
      db.prepare('SELECT access_token, refresh_token, expires_at FROM installations').all(),
    ).toEqual([{ access_token: null, refresh_token: null, expires_at: null }])
  } finally {
    db.close()
  }
})

it('finds its installations, settings, jobs and events again after the file is reopened', async () => {
  const first = new SqliteServerStore(dataDir)
  const tokens = sealedTokens(1, 'a')
  await first.saveInstallation({ portalId: 1, scopes: ['oauth'], tokens }, 1)
  await first.saveSettings({ portalId: 1, model: { v: 1 }, savedBy: null }, 2)
  const job = await first.createJob({ portalId: 1, kind: 'full-rescore' }, 3)
  await first.recordEvent({ eventId: 1, subscriptionId: 2, portalId: 1 }, 4)
  await first.recordEventsProcessedUntil(1, 3_500, 4)
  await first.close()

  const again = new SqliteServerStore(dataDir)
  try {
    expect((await again.getInstallation(1))?.tokens).toEqual(tokens)
    expect(await again.currentSettings(1)).toMatchObject({ version: 1, model: { v: 1 } })
    expect(await again.listUnfinishedJobs()).toEqual([job])
    expect(await again.recordEvent({ eventId: 1, subscriptionId: 2, portalId: 1 }, 5)).toBe(false)
    expect(await again.eventsProcessedUntil(1)).toBe(3_500)
  } finally {
    await again.close()
  }
})

it('keeps one file in WAL mode in the data directory, creating the directory', async () => {
  const store = new SqliteServerStore(join(dataDir, 'nested'))
  try {
    expect(store.journalMode).toBe('wal')
    expect(existsSync(join(dataDir, 'nested', SERVER_STORE_FILE))).toBe(true)
  } finally {
    await store.close()
  }
})

it('refuses a file written by a newer schema, naming the file', async () => {
  const file = join(dataDir, SERVER_STORE_FILE)
  const db = new Database(file)
  db.pragma('user_version = 99')
  db.close()
  expect(() => new SqliteServerStore(dataDir)).toThrow(
    `${file} holds schema version 99, newer than this release's 1: upgrade health-score`,
  )
})
