/**
 * @module What the backend keeps, behind one interface so that SQLite (the default) and a Postgres
 * store later are interchangeable: installations, settings versions, jobs, processed webhook
 * events, and the portfolio's history (every run's per-company results and the playbook actions
 * started from the card). Every read is scoped by portal, the portal a signed request proved.
 *
 * @note The store never sees a plain token. Callers seal tokens with `TokenCipher` under
 * `installationTokenContext(portalId, …)` and hand over `SealedToken`s, a type only the cipher
 * makes. Encryption stays in one place for every store, and a store that logs or dumps its rows
 * can leak nothing usable; the cost is one `seal`/`open` at the two places tokens are used.
 */
import type { TierId } from '../../health/index.ts'
import type { RunJournal, TierCounts } from '../../operations/index.ts'
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

  /** The portfolio's history in this store; it lasts as long as the store. */
  portfolio(): PortfolioStore

  close(): Promise<void>
}

/** The windows the portfolio's queries read, in days. */
export const PORTFOLIO_DAYS = {
  /** A company counts at a moment when it was scored in the days up to it (a deleted one drops out). */
  current: 30,
  /** The change of a trending account: now against this many days before. */
  change: 30,
  /** Newly red: entered At risk or Critical within this many days. */
  newlyRed: 7,
  /** A red account is saved when it reaches Healthy within this many days. */
  save: 90,
  /** An intervention's outcome: the tier this many days after the start against the tier at it. */
  outcome: 30,
  /** History older than this is pruned (about 13 months). */
  keep: 400,
} as const

/** One company's result from one scoring, as the portfolio keeps it. */
export interface ScoreRecord {
  readonly companyId: string
  /** The company's `name`, for the lists. */
  readonly name: string | null
  readonly score: number
  readonly tier: TierId
  /** The segment (value track) whose weights applied. */
  readonly segment: string | null
  /** The moment the score describes, epoch ms. */
  readonly scoredAt: number
}

/** A playbook action started from the card. */
export interface NewActionRecord {
  readonly portalId: number
  readonly companyId: string
  readonly actionId: string
  /** The action's title, as the card showed it. */
  readonly label: string
  readonly startedAt: number
}

/** A recorded action, with the company's latest stored score and tier when it started. */
export interface ActionRecord extends NewActionRecord {
  readonly id: number
  /** Null when the portfolio holds no score of the company from the 30 days before. */
  readonly score: number | null
  readonly tier: TierId | null
}

/** The distribution at a moment: each company's latest score in the `current` days up to it. */
export interface DistributionRow {
  readonly scored: number
  readonly tiers: TierCounts
}

/** Accounts per tier in one week (each company's latest score that week). */
export interface WeekTiersRow {
  /** The week's UTC Monday, epoch ms. */
  readonly weekStart: number
  readonly tier: TierId
  readonly accounts: number
}

/** An account in a portfolio list, as its latest score has it. */
export interface PortfolioAccountRow {
  readonly companyId: string
  readonly name: string | null
  readonly score: number
  readonly tier: TierId
  /** Latest score minus the latest from `change` days before; null when there is none. */
  readonly change30d: number | null
  /** When the row that changed the tier was scored, epoch ms; null when it never changed. */
  readonly tierChangedAt: number | null
}

/** The save rate's counts, as `saveRate` (src/health) counts them. */
export interface SaveRateCounts {
  /** Accounts that went red and were saved, or whose window has closed. */
  readonly red: number
  readonly saved: number
  /** Red accounts still inside their window, not yet saved (in neither count). */
  readonly pending: number
}

export const INTERVENTION_RESULTS = ['improved', 'unchanged', 'declined', 'pending'] as const
export type InterventionResult = (typeof INTERVENTION_RESULTS)[number]

/** One started action and what followed it. */
export interface InterventionRow {
  readonly actionId: string
  readonly label: string
  readonly startedAt: number
  /**
   * The tier `outcome` days after against the tier at the start; pending until then; null when
   * either is unknown (no score at the start, or none in the days after).
   */
  readonly result: InterventionResult | null
  /** The score then minus the score at the start; null unless `result` is a tier comparison. */
  readonly change: number | null
}

/**
 * The portfolio's history, kept per portal. Writes upsert one row per company per UTC day (the
 * day's latest score wins); queries are as of a moment (epoch ms) and read only rows up to it.
 * @example
 * const portfolio = store.portfolio()
 * await portfolio.recordScores(portalId, [{ companyId: '101', name: 'Acme', score: 72, tier: 'neutral', segment: 'default', scoredAt: Date.now() }])
 * const now = await portfolio.distribution(portalId, Date.now()) // { scored: 1, tiers: { neutral: 1, … } }
 */
export interface PortfolioStore {
  /** Keeps each company's result as its day's row, unless the day holds a later one. */
  recordScores(portalId: number, scores: readonly ScoreRecord[]): Promise<void>
  /** Records an action started from the card, with the company's latest score and tier. */
  recordAction(action: NewActionRecord): Promise<ActionRecord>
  /** Forgets scores and actions from before `cutoff` (epoch ms); how many rows. */
  forgetBefore(cutoff: number): Promise<number>
  distribution(portalId: number, at: number): Promise<DistributionRow>
  /** Accounts per tier for the `weeks` weeks up to `asOf` (the current one included), oldest first. */
  weeklyTiers(portalId: number, asOf: number, weeks: number): Promise<WeekTiersRow[]>
  /** The accounts whose score fell most since `change` days before, worst first. */
  trendingDown(portalId: number, asOf: number, limit: number): Promise<PortfolioAccountRow[]>
  /**
   * Red accounts whose latest entry into At risk or Critical, from a non-red tier, is within the
   * `newlyRed` days; the lowest scores first, and how many there are in all.
   */
  newlyRed(
    portalId: number,
    asOf: number,
    limit: number,
  ): Promise<{ readonly accounts: PortfolioAccountRow[]; readonly total: number }>
  saveRate(portalId: number, asOf: number): Promise<SaveRateCounts>
  /** Every action started up to `asOf`, oldest first, with its outcome. */
  interventions(portalId: number, asOf: number): Promise<InterventionRow[]>
}
