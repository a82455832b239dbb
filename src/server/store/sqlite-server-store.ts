/**
 * @module The backend's default store: one SQLite file (`server.sqlite` in the data directory) in
 * WAL mode, through better-sqlite3, holding the run journal's tables too (the SQL the CLI's journal
 * uses) and the portfolio's history. Its calls are synchronous; the interface's promises let a
 * Postgres store take its place.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'

import Database from 'better-sqlite3'

import type { RunJournal } from '../../operations/index.ts'
import { SqlRunJournal } from '../../sqlite-journal/index.ts'
import { SqlitePortfolioStore } from './sqlite-portfolio-store.ts'
import {
  type InstallationRow,
  type JobRow,
  type SettingsRow,
  toInstallation,
  toJob,
  tokenColumns,
  toSettings,
} from './sqlite-rows.ts'
import { migrate } from './sqlite-schema.ts'
import type {
  EventKey,
  Installation,
  InstallationStatus,
  InstallationTokens,
  Job,
  JobKind,
  JobStatus,
  JobUpdate,
  NewInstallation,
  NewJob,
  NewSettings,
  PortfolioStore,
  SaveSettingsResult,
  ServerStore,
  SettingsVersion,
} from './types.ts'

/** The file the store keeps in its data directory. */
export const SERVER_STORE_FILE = 'server.sqlite'

const FINAL: readonly JobStatus[] = ['completed', 'failed']
const UNFINISHED = `status IN ('queued', 'running', 'stopped')`

/**
 * @example
 * const store = new SqliteServerStore(config.dataDir)
 * try { await store.saveInstallation(installation, Date.now()) } finally { await store.close() }
 */
export class SqliteServerStore implements ServerStore {
  private readonly db: Database.Database
  private journal: RunJournal | null = null
  private history: PortfolioStore | null = null

  /**
   * Opens (creating if needed) `server.sqlite` in `dataDir`; `:memory:` for a throwaway store.
   * @throws Error when the file was written by a newer release
   */
  constructor(dataDir: string) {
    if (dataDir === ':memory:') {
      this.db = new Database(':memory:')
    } else {
      mkdirSync(dataDir, { recursive: true })
      this.db = new Database(join(dataDir, SERVER_STORE_FILE))
      this.db.pragma('journal_mode = WAL')
    }
    try {
      migrate(this.db, dataDir === ':memory:' ? 'the store' : join(dataDir, SERVER_STORE_FILE))
    } catch (error) {
      this.db.close()
      throw error
    }
  }

  /** The SQLite journal mode: `wal` for a file. */
  get journalMode(): string {
    return this.db.pragma('journal_mode', { simple: true }) as string
  }

  async saveInstallation(installation: NewInstallation, now: number): Promise<Installation> {
    const { portalId, scopes, tokens } = installation
    this.db
      .prepare(
        `INSERT INTO installations (portal_id, status, scopes, access_token, refresh_token, expires_at, installed_at, updated_at)
         VALUES (?, 'installed', ?, ?, ?, ?, ?, ?)
         ON CONFLICT (portal_id) DO UPDATE SET status = 'installed', scopes = excluded.scopes,
           access_token = excluded.access_token, refresh_token = excluded.refresh_token,
           expires_at = excluded.expires_at, installed_at = excluded.installed_at, updated_at = excluded.updated_at`,
      )
      .run(portalId, JSON.stringify(scopes), ...tokenColumns(tokens), now, now)
    return this.requireInstallation(portalId)
  }

  async getInstallation(portalId: number): Promise<Installation | null> {
    const row = this.db
      .prepare<[number], InstallationRow>(`SELECT * FROM installations WHERE portal_id = ?`)
      .get(portalId)
    return row ? toInstallation(row) : null
  }

  async listInstallations(status: InstallationStatus): Promise<Installation[]> {
    return this.db
      .prepare<[string], InstallationRow>(
        `SELECT * FROM installations WHERE status = ? ORDER BY portal_id`,
      )
      .all(status)
      .map(toInstallation)
  }

  async updateTokens(portalId: number, tokens: InstallationTokens, now: number): Promise<void> {
    const { changes } = this.db
      .prepare(
        `UPDATE installations SET access_token = ?, refresh_token = ?, expires_at = ?, updated_at = ?
         WHERE portal_id = ? AND status = 'installed'`,
      )
      .run(...tokenColumns(tokens), now, portalId)
    if (changes === 0) throw new Error(`portal ${portalId} has not installed the app`)
  }

  async markUninstalled(portalId: number, now: number): Promise<boolean> {
    const { changes } = this.db
      .prepare(
        `UPDATE installations SET status = 'uninstalled', access_token = NULL, refresh_token = NULL,
           expires_at = NULL, updated_at = ? WHERE portal_id = ? AND status = 'installed'`,
      )
      .run(now, portalId)
    return changes === 1
  }

  async saveSettings(settings: NewSettings, now: number): Promise<SaveSettingsResult> {
    return this.db.transaction((): SaveSettingsResult => {
      const latest = this.db
        .prepare<[number], { version: number | null }>(
          `SELECT MAX(version) AS version FROM settings WHERE portal_id = ?`,
        )
        .get(settings.portalId)
      const currentVersion = latest?.version ?? null
      if (settings.basedOn !== undefined && settings.basedOn !== currentVersion)
        return { saved: false, currentVersion }
      const version = (currentVersion ?? 0) + 1
      this.db
        .prepare(
          `INSERT INTO settings (portal_id, version, model, saved_at, saved_by) VALUES (?, ?, ?, ?, ?)`,
        )
        .run(settings.portalId, version, JSON.stringify(settings.model), now, settings.savedBy)
      const row = {
        portal_id: settings.portalId,
        version,
        saved_at: now,
        saved_by: settings.savedBy,
      }
      return {
        saved: true,
        settings: toSettings({ ...row, model: JSON.stringify(settings.model) }),
      }
    })()
  }

  async currentSettings(portalId: number): Promise<SettingsVersion | null> {
    return (await this.settingsHistory(portalId, 1))[0] ?? null
  }

  async settingsVersion(portalId: number, version: number): Promise<SettingsVersion | null> {
    const row = this.db
      .prepare<[number, number], SettingsRow>(
        `SELECT * FROM settings WHERE portal_id = ? AND version = ?`,
      )
      .get(portalId, version)
    return row ? toSettings(row) : null
  }

  async settingsHistory(portalId: number, limit = 20): Promise<SettingsVersion[]> {
    return this.db
      .prepare<[number, number], SettingsRow>(
        `SELECT * FROM settings WHERE portal_id = ? ORDER BY version DESC LIMIT ?`,
      )
      .all(portalId, limit)
      .map(toSettings)
  }

  async createJob(job: NewJob, now: number): Promise<Job> {
    const info = this.db
      .prepare(
        `INSERT INTO jobs (portal_id, kind, status, progress, error, created_at, started_at, updated_at, finished_at)
         VALUES (?, ?, 'queued', ?, NULL, ?, NULL, ?, NULL)`,
      )
      .run(job.portalId, job.kind, JSON.stringify(job.progress ?? null), now, now)
    return this.requireJob(Number(info.lastInsertRowid))
  }

  async updateJob(jobId: number, update: JobUpdate, now: number): Promise<Job> {
    return this.db.transaction(() => {
      const job = this.requireJob(jobId)
      if (FINAL.includes(job.status)) throw new Error(`job ${jobId} is already ${job.status}`)
      const status = update.status ?? job.status
      this.db
        .prepare(
          `UPDATE jobs SET status = ?, progress = ?, error = ?, started_at = ?, updated_at = ?, finished_at = ?
           WHERE id = ?`,
        )
        .run(
          status,
          JSON.stringify(update.progress === undefined ? job.progress : update.progress),
          update.error === undefined ? job.error : update.error,
          job.startedAt ?? (status === 'running' ? now : null),
          now,
          FINAL.includes(status) ? now : null,
          jobId,
        )
      return this.requireJob(jobId)
    })()
  }

  async getJob(portalId: number, jobId: number): Promise<Job | null> {
    const row = this.db
      .prepare<[number, number], JobRow>(`SELECT * FROM jobs WHERE id = ? AND portal_id = ?`)
      .get(jobId, portalId)
    return row ? toJob(row) : null
  }

  async listJobs(portalId: number, limit = 20): Promise<Job[]> {
    return this.db
      .prepare<[number, number], JobRow>(
        `SELECT * FROM jobs WHERE portal_id = ? ORDER BY id DESC LIMIT ?`,
      )
      .all(portalId, limit)
      .map(toJob)
  }

  async findUnfinishedJob(portalId: number, kind: JobKind): Promise<Job | null> {
    const row = this.db
      .prepare<[number, string], JobRow>(
        `SELECT * FROM jobs WHERE portal_id = ? AND kind = ? AND ${UNFINISHED} ORDER BY id DESC LIMIT 1`,
      )
      .get(portalId, kind)
    return row ? toJob(row) : null
  }

  async listUnfinishedJobs(): Promise<Job[]> {
    return this.db
      .prepare<[], JobRow>(`SELECT * FROM jobs WHERE ${UNFINISHED} ORDER BY id`)
      .all()
      .map(toJob)
  }

  async recordEvent(event: EventKey, now: number): Promise<boolean> {
    const { changes } = this.db
      .prepare(
        `INSERT INTO processed_events (event_id, subscription_id, portal_id, processed_at)
         VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      )
      .run(event.eventId, event.subscriptionId, event.portalId, now)
    return changes === 1
  }

  async forgetEventsBefore(cutoff: number): Promise<number> {
    return this.db.prepare(`DELETE FROM processed_events WHERE processed_at < ?`).run(cutoff)
      .changes
  }

  async recordEventsProcessedUntil(
    portalId: number,
    occurredAt: number,
    now: number,
  ): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO webhook_watermarks (portal_id, processed_until, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (portal_id) DO UPDATE SET processed_until = excluded.processed_until,
           updated_at = excluded.updated_at WHERE excluded.processed_until > processed_until`,
      )
      .run(portalId, occurredAt, now)
  }

  async eventsProcessedUntil(portalId: number): Promise<number | null> {
    const row = this.db
      .prepare<[number], { processed_until: number }>(
        `SELECT processed_until FROM webhook_watermarks WHERE portal_id = ?`,
      )
      .get(portalId)
    return row?.processed_until ?? null
  }

  runJournal(): RunJournal {
    return (this.journal ??= new SqlRunJournal(this.db))
  }

  portfolio(): PortfolioStore {
    return (this.history ??= new SqlitePortfolioStore(this.db))
  }

  async close(): Promise<void> {
    this.db.close()
  }

  private requireInstallation(portalId: number): Installation {
    const row = this.db
      .prepare<[number], InstallationRow>(`SELECT * FROM installations WHERE portal_id = ?`)
      .get(portalId)
    if (!row) throw new Error(`portal ${portalId} is not in this store`)
    return toInstallation(row)
  }

  private requireJob(jobId: number): Job {
    const row = this.db.prepare<[number], JobRow>(`SELECT * FROM jobs WHERE id = ?`).get(jobId)
    if (!row) throw new Error(`job ${jobId} is not in this store`)
    return toJob(row)
  }
}
