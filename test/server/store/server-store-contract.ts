/**
 * @fileoverview What every `ServerStore` promises, as one suite run over each implementation: call
 * `serverStoreContract(open)` at the top of an implementation's test file (SQLite now, Postgres
 * later).
 */
import { randomBytes } from 'node:crypto'

import { afterEach, expect, it } from 'vitest'

import type { InstallationTokens, NewInstallation, ServerStore } from '../../../src/server/index.ts'
import { installationTokenContext, TokenCipher } from '../../../src/server/index.ts'
import { runJournalContract } from '../../operations/run-journal-contract.ts'

/** A fresh, empty store, and how to release it after the test. */
export type OpenStore = () => { store: ServerStore; close: () => Promise<void> }

const cipher = new TokenCipher(randomBytes(32))

/** Sealed tokens for a portal, as the OAuth callback will make them. */
export function sealedTokens(
  portalId: number,
  access: string,
  expiresAt = 5_000,
): InstallationTokens {
  return {
    accessToken: cipher.seal(access, installationTokenContext(portalId, 'access')),
    refreshToken: cipher.seal(`refresh-${access}`, installationTokenContext(portalId, 'refresh')),
    expiresAt,
  }
}

const SCOPES = ['crm.objects.companies.read', 'crm.objects.companies.write', 'oauth']

function installation(portalId: number, access = `access-${portalId}`): NewInstallation {
  return { portalId, scopes: SCOPES, tokens: sealedTokens(portalId, access) }
}

export function serverStoreContract(open: OpenStore): void {
  // The store's run journal keeps every promise a RunJournal makes.
  runJournalContract(() => {
    const opened = open()
    return { journal: opened.store.runJournal(), close: () => void opened.close() }
  })

  let opened: ReturnType<OpenStore> | null = null
  const store = () => (opened ??= open()).store
  afterEach(async () => {
    await opened?.close()
    opened = null
  })

  it('keeps an installation’s sealed tokens, scopes and status, and knows no other portal', async () => {
    const given = installation(62515)
    const saved = await store().saveInstallation(given, 1_000)
    expect(saved).toEqual({
      portalId: 62515,
      scopes: SCOPES,
      status: 'installed',
      tokens: given.tokens,
      installedAt: 1_000,
      updatedAt: 1_000,
    })
    expect(await store().getInstallation(62515)).toEqual(saved)
    expect(await store().getInstallation(1)).toBeNull()
  })

  it('replaces an installed portal’s tokens, and refuses to for an unknown or uninstalled one', async () => {
    await store().saveInstallation(installation(62515), 1_000)
    const fresh = sealedTokens(62515, 'access-2', 9_000)
    await store().updateTokens(62515, fresh, 2_000)
    expect(await store().getInstallation(62515)).toMatchObject({
      tokens: fresh,
      scopes: SCOPES,
      installedAt: 1_000,
      updatedAt: 2_000,
    })
    await expect(store().updateTokens(7, fresh, 3_000)).rejects.toThrow(/portal 7/)
    await store().markUninstalled(62515, 3_000)
    await expect(store().updateTokens(62515, fresh, 4_000)).rejects.toThrow(/portal 62515/)
  })

  it('erases the tokens on uninstall, once, and takes new ones on reinstall', async () => {
    await store().saveInstallation(installation(62515), 1_000)
    expect(await store().markUninstalled(62515, 2_000)).toBe(true)
    expect(await store().markUninstalled(62515, 3_000)).toBe(false)
    expect(await store().markUninstalled(404, 3_000)).toBe(false)
    expect(await store().getInstallation(62515)).toMatchObject({
      status: 'uninstalled',
      tokens: null,
      updatedAt: 2_000,
    })
    const again = await store().saveInstallation(installation(62515, 'access-again'), 4_000)
    expect(again).toMatchObject({ status: 'installed', installedAt: 4_000 })
    const access = (await store().getInstallation(62515))?.tokens?.accessToken ?? ''
    expect(cipher.open(access, installationTokenContext(62515, 'access'))).toBe('access-again')
  })

  it('lists installations by status, by portal id', async () => {
    for (const portalId of [30, 10, 20]) await store().saveInstallation(installation(portalId), 1)
    await store().markUninstalled(20, 2)
    expect((await store().listInstallations('installed')).map((i) => i.portalId)).toEqual([10, 30])
    expect((await store().listInstallations('uninstalled')).map((i) => i.portalId)).toEqual([20])
  })

  it('numbers each portal’s settings from 1 and keeps every earlier version', async () => {
    const model = { weights: { usage: 30, support: 15 }, tiers: [80, 60, 40], name: 'ours' }
    const first = await store().saveSettings({ portalId: 1, model, savedBy: '7' }, 1_000)
    expect(first).toEqual({
      saved: true,
      settings: { portalId: 1, version: 1, model, savedAt: 1_000, savedBy: '7' },
    })
    model.name = 'changed by the caller afterwards'
    await store().saveSettings({ portalId: 1, model: { v: 2 }, savedBy: null }, 2_000)
    await store().saveSettings({ portalId: 2, model: { other: true }, savedBy: null }, 2_500)
    await store().saveSettings({ portalId: 1, model: { v: 3 }, savedBy: '8' }, 3_000)
    expect(await store().currentSettings(1)).toMatchObject({ version: 3, model: { v: 3 } })
    expect(await store().settingsVersion(1, 1)).toMatchObject({ model: { name: 'ours' } })
    expect((await store().settingsHistory(1)).map((s) => s.version)).toEqual([3, 2, 1])
    expect((await store().settingsHistory(1, 2)).map((s) => s.version)).toEqual([3, 2])
    expect(await store().currentSettings(2)).toMatchObject({ version: 1 })
    expect(await store().currentSettings(3)).toBeNull()
    expect(await store().settingsVersion(1, 4)).toBeNull()
  })

  it('saves nothing over a version the editor did not start from', async () => {
    const save = (basedOn: number | null, model: number) =>
      store().saveSettings({ portalId: 1, model, savedBy: null, basedOn }, 1_000)
    expect(await save(1, 0)).toEqual({ saved: false, currentVersion: null })
    expect(await save(null, 1)).toMatchObject({ saved: true, settings: { version: 1 } })
    expect(await save(null, 2)).toEqual({ saved: false, currentVersion: 1 })
    expect(await save(1, 2)).toMatchObject({ saved: true, settings: { version: 2 } })
    expect(await save(1, 3)).toEqual({ saved: false, currentVersion: 2 })
    expect((await store().settingsHistory(1)).map((s) => s.model)).toEqual([2, 1])
  })

  it('moves a job from queued to running to completed, stamping when', async () => {
    const job = await store().createJob({ portalId: 1, kind: 'full-rescore' }, 1_000)
    expect(job).toEqual({
      id: job.id,
      portalId: 1,
      kind: 'full-rescore',
      status: 'queued',
      progress: null,
      error: null,
      createdAt: 1_000,
      startedAt: null,
      updatedAt: 1_000,
      finishedAt: null,
    })
    await store().updateJob(job.id, { status: 'running' }, 2_000)
    const cursor = { cursor: '50', scored: 50 }
    await store().updateJob(job.id, { progress: cursor }, 3_000)
    cursor.scored = 0 // the caller's object may change afterwards
    expect(await store().getJob(1, job.id)).toMatchObject({
      status: 'running',
      progress: { cursor: '50', scored: 50 },
      startedAt: 2_000,
      updatedAt: 3_000,
    })
    const done = await store().updateJob(
      job.id,
      { status: 'completed', progress: { cursor: null } },
      4_000,
    )
    expect(done).toMatchObject({ status: 'completed', startedAt: 2_000, finishedAt: 4_000 })
    await expect(store().updateJob(job.id, { status: 'running' }, 5_000)).rejects.toThrow(
      `job ${job.id} is already completed`,
    )
    await expect(store().updateJob(404, { status: 'running' }, 5_000)).rejects.toThrow(/job 404/)
  })

  it('resumes a stopped job, keeping when it first started and why it stopped until cleared', async () => {
    const job = await store().createJob({ portalId: 1, kind: 'full-rescore', progress: 0 }, 1_000)
    await store().updateJob(job.id, { status: 'running' }, 2_000)
    await store().updateJob(job.id, { status: 'stopped', error: 'daily limit' }, 3_000)
    expect(await store().findUnfinishedJob(1, 'full-rescore')).toMatchObject({
      id: job.id,
      status: 'stopped',
      error: 'daily limit',
      finishedAt: null,
    })
    const again = await store().updateJob(job.id, { status: 'running', error: null }, 4_000)
    expect(again).toMatchObject({ startedAt: 2_000, error: null, progress: 0 })
    const failed = await store().updateJob(job.id, { status: 'failed', error: 'gone' }, 5_000)
    expect(failed).toMatchObject({ finishedAt: 5_000, error: 'gone' })
    expect(await store().findUnfinishedJob(1, 'full-rescore')).toBeNull()
  })

  it('shows a portal only its own jobs, newest first, and lists every unfinished one', async () => {
    const a = await store().createJob({ portalId: 1, kind: 'full-rescore' }, 1)
    const b = await store().createJob({ portalId: 2, kind: 'incremental-rescore' }, 2)
    const c = await store().createJob({ portalId: 1, kind: 'incremental-rescore' }, 3)
    await store().updateJob(a.id, { status: 'completed' }, 4)
    expect(await store().getJob(2, a.id)).toBeNull()
    expect((await store().listJobs(1)).map((job) => job.id)).toEqual([c.id, a.id])
    expect((await store().listJobs(1, 1)).map((job) => job.id)).toEqual([c.id])
    expect(await store().findUnfinishedJob(1, 'full-rescore')).toBeNull()
    expect(await store().findUnfinishedJob(1, 'incremental-rescore')).toMatchObject({ id: c.id })
    expect((await store().listUnfinishedJobs()).map((job) => job.id)).toEqual([b.id, c.id])
  })

  it('says an event is new once per (eventId, subscriptionId, portalId)', async () => {
    const event = { eventId: 1, subscriptionId: 12345, portalId: 62515 }
    expect(await store().recordEvent(event, 1_000)).toBe(true)
    expect(await store().recordEvent(event, 2_000)).toBe(false)
    expect(await store().recordEvent({ ...event, eventId: 2 }, 2_000)).toBe(true)
    expect(await store().recordEvent({ ...event, subscriptionId: 9 }, 2_000)).toBe(true)
    expect(await store().recordEvent({ ...event, portalId: 9 }, 2_000)).toBe(true)
  })

  it('forgets events recorded before a cutoff, and only those', async () => {
    const old = { eventId: 1, subscriptionId: 1, portalId: 1 }
    const recent = { eventId: 2, subscriptionId: 1, portalId: 1 }
    await store().recordEvent(old, 1_000)
    await store().recordEvent(recent, 5_000)
    expect(await store().forgetEventsBefore(5_000)).toBe(1)
    expect(await store().recordEvent(recent, 6_000)).toBe(false)
    expect(await store().recordEvent(old, 6_000)).toBe(true)
  })

  it('keeps each portal’s webhook watermark, and never moves it back', async () => {
    expect(await store().eventsProcessedUntil(62515)).toBeNull()
    await store().recordEventsProcessedUntil(62515, 5_000, 10)
    await store().recordEventsProcessedUntil(62515, 4_000, 20)
    expect(await store().eventsProcessedUntil(62515)).toBe(5_000)
    await store().recordEventsProcessedUntil(62515, 7_000, 30)
    expect(await store().eventsProcessedUntil(62515)).toBe(7_000)
    expect(await store().eventsProcessedUntil(9)).toBeNull()
  })
}
