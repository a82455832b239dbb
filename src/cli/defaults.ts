/**
 * Every default of the `health-score` command, in one place: the help text shows them and the
 * commands apply them, so a default is never written twice.
 *
 * @example
 * import { DEFAULTS } from './defaults.ts'
 * const companies = flags.companies ?? DEFAULTS.companies
 */
export const DEFAULTS = {
  /** Companies in the generated demo portal. */
  companies: 2000,
  /** The demo portal generator's seed: the same seed, the same portal. */
  seed: 1,
  /** Where `health-score emulator` and `health-score demo` listen. */
  port: 4010,
  /**
   * The demo portal's burst limit, calls per 10 s: ten times a Professional portal's, so the demo
   * finishes in seconds. `--rate-limit 190` shows HubSpot's own pace.
   */
  demoRateLimit: 2000,
  /**
   * HubSpot's burst limit for a Professional/Enterprise private app, calls per 10 s (100 on
   * Free/Starter). The same figure as `DEFAULT_RATE_LIMIT` in `src/hubspot/connection.ts`.
   */
  rateLimit: 190,
  /** HubSpot's daily call limit for a Professional portal, as the emulator enforces it. */
  dailyLimit: 1_000_000,
  /** The run journal's folder, relative to where the command runs. */
  dataDir: '.health-score',
  /** HubSpot's API. */
  hubspotApi: 'https://api.hubapi.com',
  /** The environment variable holding a private app's access token. */
  tokenVariable: 'HUBSPOT_ACCESS_TOKEN',
  /**
   * The environment variable that shortens how long a request may stay silent before it is
   * cancelled and retried, ms (30 s unless set): for slow links, and for tests of stalled servers.
   */
  requestTimeoutVariable: 'HEALTH_SCORE_REQUEST_TIMEOUT_MS',
  /** The private-app token the emulator accepts, with every scope. */
  emulatorToken: 'emulator-token',
} as const
