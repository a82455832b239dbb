/**
 * @module What the backend keeps, behind one interface so that SQLite (the default) and a Postgres
 * store later are interchangeable: installations, settings versions, jobs and processed webhook
 * events. Every read is scoped by portal, the portal a signed request proved.
 *
 * @note The store never sees a plain token. Callers seal tokens with `TokenCipher` under
 * `installationTokenContext(portalId, …)` and hand over `SealedToken`s, a type only the cipher
 * makes. Encryption stays in one place for every store, and a store that logs or dumps its rows
 * can leak nothing usable; the cost is one `seal`/`open` at the two places tokens are used.
 */
import type { RunJournal } from '../../operations/index.ts'
import type { SealedToken } from '../token-cipher.ts'

export type JsonValue =
  null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue }

export const INSTALLATION_STATUSES = ['installed', 'uninstalled'] as const
export type InstallationStatus = (typeof INSTALLATION_STATUSES)[number]

export interface InstallationTokens {
  readonly accessToken: SealedToken
  readonly refreshToken: SealedToken
  /** When the access token expires, epoch ms. */
  readonly expiresAt: number
}

/** What an OAuth exchange yields for one portal (HubSpot's `hub_id`). */
export interface NewInstallation {
  readonly portalId: number
  readonly scopes: readonly string[]
  readonly tokens: InstallationTokens
}

export interface Installation {
  readonly portalId: number
  readonly scopes: readonly string[]
  readonly status: InstallationStatus
  /** Null once uninstalled: the tokens are erased, not kept. */
  readonly tokens: InstallationTokens | null
  /** When the portal last installed the app, epoch ms. */
  readonly installedAt: number
  readonly updatedAt: number
}

/** One saved version of a portal's model; earlier versions are kept. */
export interface SettingsVersion {
  readonly portalId: number
  /** 1 for a portal's first save, then one more each save. */
  readonly version: number
  readonly model: JsonValue
  readonly savedAt: number
  /** The HubSpot user who saved it (the signed request's `userId`), if known. */
  readonly savedBy: string | null
}

export interface NewSettings {
  readonly portalId: number
  readonly model: JsonValue
  readonly savedBy: string | null
  /**
   * The version the editor started from (null: there was none). When given and no longer the
   * latest, nothing is saved: two admins editing at once cannot overwrite each other unseen.
   */
  readonly basedOn?: number | null
}

export type SaveSettingsResult =
  | { readonly saved: true; readonly settings: SettingsVersion }
  | { readonly saved: false; readonly currentVersion: number | null }

export const JOB_KINDS = ['full-rescore', 'incremental-rescore', 'backtest'] as const
export type JobKind = (typeof JOB_KINDS)[number]

/** `stopped` can run again (the daily limit, a restart); `completed` and `failed` are final. */
export const JOB_STATUSES = ['queued', 'running', 'stopped', 'completed', 'failed'] as const
export type JobStatus = (typeof JOB_STATUSES)[number]

export interface NewJob {
  readonly portalId: number
  readonly kind: JobKind
  /** Where the job stands (cursor, counts): whatever the job's runner needs to resume. */
  readonly progress?: JsonValue
}

export interface Job {
  readonly id: number
  readonly portalId: number
  readonly kind: JobKind
  readonly status: JobStatus
  readonly progress: JsonValue
  /** Why a job failed or stopped, for the settings page. */
  readonly error: string | null
  readonly createdAt: number
  /** When it first ran. */
  readonly startedAt: number | null
  readonly updatedAt: number
  /** When it completed or failed. */
  readonly finishedAt: number | null
}

export interface JobUpdate {
  readonly status?: JobStatus
  readonly progress?: JsonValue
  readonly error?: string | null
}

/** A webhook event's identity: `eventId` alone is not unique. */
export interface EventKey {
  readonly eventId: number
  readonly subscriptionId: number
  readonly portalId: number
}

/**
 * The backend's store. Every method may be asynchronous (a database) and is durable when its
 * promise settles. `now` is always given, epoch ms, so tests own the clock.
 * @example
 * const store: ServerStore = new SqliteServerStore(config.dataDir)
 * await store.saveInstallation({ portalId, scopes, tokens: sealed }, Date.now())
 * if (await store.recordEvent(event, Date.now())) await handle(event)
 */
export interface ServerStore {
  /** Installs (or reinstalls) a portal: status installed, these scopes and tokens. */
  saveInstallation(installation: NewInstallation, now: number): Promise<Installation>
  getInstallation(portalId: number): Promise<Installation | null>
  /** Every installation with this status, by portal id. */
  listInstallations(status: InstallationStatus): Promise<Installation[]>
  /**
   * Replaces an installed portal's tokens (after a refresh).
   * @throws Error when the portal is unknown or uninstalled
   */
  updateTokens(portalId: number, tokens: InstallationTokens, now: number): Promise<void>
  /** Marks a portal uninstalled and erases its tokens; false when it was not installed. */
  markUninstalled(portalId: number, now: number): Promise<boolean>

  /** Saves a new version of a portal's settings, unless `basedOn` is stale. */
  saveSettings(settings: NewSettings, now: number): Promise<SaveSettingsResult>
  currentSettings(portalId: number): Promise<SettingsVersion | null>
  settingsVersion(portalId: number, version: number): Promise<SettingsVersion | null>
  /** A portal's versions, newest first. */
  settingsHistory(portalId: number, limit?: number): Promise<SettingsVersion[]>

  /** Records a queued job. */
  createJob(job: NewJob, now: number): Promise<Job>
  /**
   * Moves a job on: status, progress, error. Running stamps `startedAt` the first time;
   * completed or failed stamps `finishedAt`.
   * @throws Error when the job is unknown or already completed or failed
   */
  updateJob(jobId: number, update: JobUpdate, now: number): Promise<Job>
  /** A portal's job: another portal's id answers null. */
  getJob(portalId: number, jobId: number): Promise<Job | null>
  /** A portal's jobs, newest first. */
  listJobs(portalId: number, limit?: number): Promise<Job[]>
  /** The latest queued, running or stopped job of this portal and kind. */
  findUnfinishedJob(portalId: number, kind: JobKind): Promise<Job | null>
  /** Every queued, running or stopped job, oldest first: what a restarted server resumes. */
  listUnfinishedJobs(): Promise<Job[]>

  /** Remembers an event; true if it had not been seen, false for a redelivery. */
  recordEvent(event: EventKey, now: number): Promise<boolean>
  /** Forgets events recorded before `cutoff` (HubSpot retries for about a day); how many. */
  forgetEventsBefore(cutoff: number): Promise<number>
  /**
   * Moves a portal's webhook watermark on: every event that occurred at or before `occurredAt` has
   * been processed. The watermark never moves back (an earlier value is ignored).
   */
  recordEventsProcessedUntil(portalId: number, occurredAt: number, now: number): Promise<void>
  /** A portal's webhook watermark (epoch ms), or null before its first processed event. */
  eventsProcessedUntil(portalId: number): Promise<number | null>

  /**
   * The run journal kept in this store, for `rescorePortal`: a job's cursor, confirmed pages and
   * portal lease live beside the job, so a restarted server resumes the run where it stopped.
   * It lasts as long as the store (closing the store closes it).
   */
  runJournal(): RunJournal

  close(): Promise<void>
}
