/**
 * @module The portfolio's history in the SQLite store: the SQL behind each `PortfolioStore` query.
 * Queries start from the portal's companies (`portfolio_companies`) and seek into each company's
 * rows by the primary key `(portal_id, company_id, day)`, or read the partial index of tier changes
 * (`company_tier_changes`, used when a query repeats its condition `CHANGED`); none walks a whole
 * year of rows. "Each company's latest row that week" is SQLite's bare column beside `MAX(day)`,
 * which takes the other columns from the row holding the maximum.
 */
import type Database from 'better-sqlite3'

import type { TierId } from '../../health/index.ts'
import type {
  ActionRecord,
  DistributionRow,
  InterventionResult,
  InterventionRow,
  NewActionRecord,
  PortfolioAccountRow,
  PortfolioStore,
  SaveRateCounts,
  ScoreRecord,
  WeekTiersRow,
} from './types.ts'
import { PORTFOLIO_DAYS } from './types.ts'

const DAY_MS = 86_400_000
const RED = `('at_risk', 'critical')`
/** A tier's rank, worst first, for "improved" and "declined". */
const rank = (column: string) =>
  `CASE ${column} WHEN 'critical' THEN 0 WHEN 'at_risk' THEN 1 WHEN 'neutral' THEN 2 WHEN 'healthy' THEN 3 END`

/** The UTC day number of a moment. */
const dayOf = (at: number) => Math.floor(at / DAY_MS)

/** The partial index's condition, as a query on table alias `t` must spell it to use the index. */
const CHANGED = (t: string) => `(${t}.prev_tier IS NULL OR ${t}.prev_tier <> ${t}.tier)`

/** The portal's companies scored on or after day `from`, and their rows (`s`) joined on. */
const companyRows = (from: string) => `
  portfolio_companies c JOIN company_scores s
    ON s.portal_id = c.portal_id AND s.company_id = c.company_id`
  + ` WHERE c.portal_id = @portal AND c.last_day >= ${from}` // prettier-ignore

/** Each company's latest row in the days `from` to `to`: one seek per company. */
const latestIn = (name: string, from: string, to: string) => `
  ${name} AS (
    SELECT c.company_id, c.name, s.score, s.tier, s.day FROM ${companyRows(from)}
      AND s.day = (
        SELECT MAX(x.day) FROM company_scores x
        WHERE x.portal_id = c.portal_id AND x.company_id = c.company_id
          AND x.day BETWEEN ${from} AND ${to})
  )`

/** The accounts' common columns, from `n` (now) and `t` (`change` days before). */
const ACCOUNT_COLUMNS = `
  n.company_id AS companyId, n.name, n.score, n.tier, n.score - t.score AS change30d,
  (SELECT ch.scored_at FROM company_scores ch
   WHERE ch.portal_id = @portal AND ch.company_id = n.company_id AND ch.day <= n.day
     AND ${CHANGED('ch')} AND ch.prev_tier IS NOT NULL
   ORDER BY ch.day DESC LIMIT 1) AS tierChangedAt`

interface ActionRow {
  id: number
  portal_id: number
  company_id: string
  action_id: string
  label: string
  started_at: number
  score: number | null
  tier: TierId | null
}

/**
 * @example
 * const portfolio = new SqlitePortfolioStore(db)
 * await portfolio.recordScores(62515, records)
 */
export class SqlitePortfolioStore implements PortfolioStore {
  constructor(private readonly db: Database.Database) {}

  async recordScores(portalId: number, scores: readonly ScoreRecord[]): Promise<void> {
    const previous = this.db.prepare<[number, string, number], { tier: TierId }>(
      `SELECT tier FROM company_scores WHERE portal_id = ? AND company_id = ? AND day < ?
       ORDER BY day DESC LIMIT 1`,
    )
    const company = this.db.prepare(
      `INSERT INTO portfolio_companies (portal_id, company_id, name, segment, last_day)
       VALUES (@portal, @company, @name, @segment, @day)
       ON CONFLICT (portal_id, company_id) DO UPDATE SET
         name = CASE WHEN excluded.last_day >= last_day THEN COALESCE(excluded.name, name) ELSE name END,
         segment = CASE WHEN excluded.last_day >= last_day THEN COALESCE(excluded.segment, segment) ELSE segment END,
         last_day = MAX(last_day, excluded.last_day)`,
    )
    const upsert = this.db.prepare(
      `INSERT INTO company_scores (portal_id, company_id, day, scored_at, score, tier, prev_tier)
       VALUES (@portal, @company, @day, @scoredAt, @score, @tier, @prev)
       ON CONFLICT (portal_id, company_id, day) DO UPDATE SET scored_at = excluded.scored_at,
         score = excluded.score, tier = excluded.tier, prev_tier = excluded.prev_tier
       WHERE excluded.scored_at >= company_scores.scored_at`,
    )
    // @note Rows arrive in time order in practice; a late one (a run that crossed midnight) still
    // leaves the next day's prev_tier right.
    const relink = this.db.prepare(
      `UPDATE company_scores SET prev_tier = (
         SELECT tier FROM company_scores WHERE portal_id = @portal AND company_id = @company AND day = @day)
       WHERE portal_id = @portal AND company_id = @company AND day = (
         SELECT MIN(day) FROM company_scores WHERE portal_id = @portal AND company_id = @company AND day > @day)`,
    )
    this.db.transaction(() => {
      for (const record of scores) {
        const day = dayOf(record.scoredAt)
        const at = { portal: portalId, company: record.companyId, day }
        company.run({ ...at, name: record.name, segment: record.segment })
        upsert.run({
          ...at,
          scoredAt: record.scoredAt,
          score: record.score,
          tier: record.tier,
          prev: previous.get(portalId, record.companyId, day)?.tier ?? null,
        })
        relink.run(at)
      }
    })()
  }

  async recordAction(action: NewActionRecord): Promise<ActionRecord> {
    const day = dayOf(action.startedAt)
    const row = this.db
      .prepare<Record<string, unknown>, ActionRow>(
        `INSERT INTO playbook_actions (portal_id, company_id, action_id, label, started_at, day, score, tier)
         SELECT @portal, @company, @action, @label, @startedAt, @day, s.score, s.tier
         FROM (SELECT 1) LEFT JOIN (
           SELECT score, tier FROM company_scores
           WHERE portal_id = @portal AND company_id = @company AND day BETWEEN @day - @window AND @day
           ORDER BY day DESC LIMIT 1) s
         RETURNING id, portal_id, company_id, action_id, label, started_at, score, tier`,
      )
      .get({
        portal: action.portalId,
        company: action.companyId,
        action: action.actionId,
        label: action.label,
        startedAt: action.startedAt,
        day,
        window: PORTFOLIO_DAYS.current - 1,
      })!
    return {
      id: row.id,
      portalId: row.portal_id,
      companyId: row.company_id,
      actionId: row.action_id,
      label: row.label,
      startedAt: row.started_at,
      score: row.score,
      tier: row.tier,
    }
  }

  async forgetBefore(cutoff: number): Promise<number> {
    const day = dayOf(cutoff)
    return this.db.transaction(() => {
      // Each company's old rows are a range of the primary key; then the companies left with none.
      const scores = this.db
        .prepare(
          `DELETE FROM company_scores WHERE (portal_id, company_id) IN (
             SELECT portal_id, company_id FROM portfolio_companies) AND day < ?`,
        )
        .run(day).changes
      this.db.prepare(`DELETE FROM portfolio_companies WHERE last_day < ?`).run(day)
      const actions = this.db
        .prepare(`DELETE FROM playbook_actions WHERE started_at < ?`)
        .run(cutoff).changes
      return scores + actions
    })()
  }

  async distribution(portalId: number, at: number): Promise<DistributionRow> {
    const to = dayOf(at)
    const rows = this.db
      .prepare<Record<string, number>, { tier: TierId; accounts: number }>(
        `WITH ${latestIn('latest', '@from', '@to')}
         SELECT tier, COUNT(*) AS accounts FROM latest GROUP BY tier`,
      )
      .all({ portal: portalId, from: to - PORTFOLIO_DAYS.current + 1, to })
    const count = (tier: TierId) => rows.find((row) => row.tier === tier)?.accounts ?? 0
    return {
      scored: rows.reduce((sum, row) => sum + row.accounts, 0),
      tiers: {
        healthy: count('healthy'),
        neutral: count('neutral'),
        atRisk: count('at_risk'),
        critical: count('critical'),
      },
    }
  }

  async weeklyTiers(portalId: number, asOf: number, weeks: number): Promise<WeekTiersRow[]> {
    const to = dayOf(asOf)
    // Day 0 (1970-01-01) was a Thursday: a day's Monday is `day - (day + 3) % 7`.
    const monday = to - ((to + 3) % 7)
    return this.db
      .prepare<Record<string, number>, { week: number; tier: TierId; accounts: number }>(
        // One seek per company and week for its last row that week; materialized, so that the
        // subquery runs once per pair rather than once per use of `tier`.
        `WITH RECURSIVE weeks (week) AS (
           SELECT @from UNION ALL SELECT week + 7 FROM weeks WHERE week + 7 <= @to
         ), last AS MATERIALIZED (
           SELECT w.week, (
             SELECT x.tier FROM company_scores x
             WHERE x.portal_id = c.portal_id AND x.company_id = c.company_id
               AND x.day BETWEEN w.week AND MIN(w.week + 6, @to)
             ORDER BY x.day DESC LIMIT 1) AS tier
           FROM portfolio_companies c, weeks w WHERE c.portal_id = @portal AND c.last_day >= @from
         )
         SELECT week, tier, COUNT(*) AS accounts FROM last WHERE tier IS NOT NULL
         GROUP BY week, tier ORDER BY week, tier`,
      )
      .all({ portal: portalId, from: monday - 7 * (weeks - 1), to })
      .map((row) => ({ weekStart: row.week * DAY_MS, tier: row.tier, accounts: row.accounts }))
  }

  async trendingDown(
    portalId: number,
    asOf: number,
    limit: number,
  ): Promise<PortfolioAccountRow[]> {
    return this.db
      .prepare<Record<string, number>, PortfolioAccountRow>(
        `WITH ${this.nowAndThen()}
         SELECT ${ACCOUNT_COLUMNS} FROM latest n JOIN before t USING (company_id)
         WHERE n.score < t.score ORDER BY change30d, n.score, n.company_id LIMIT @limit`,
      )
      .all({ ...this.windows(portalId, asOf), limit })
  }

  async newlyRed(
    portalId: number,
    asOf: number,
    limit: number,
  ): Promise<{ accounts: PortfolioAccountRow[]; total: number }> {
    const windows = this.windows(portalId, asOf)
    const rows = this.db
      .prepare<Record<string, number>, PortfolioAccountRow & { total: number }>(
        `WITH ${this.nowAndThen()},
         entered AS (
           SELECT DISTINCT s.company_id FROM ${companyRows('@redFrom')}
             AND s.day BETWEEN @redFrom AND @to AND ${CHANGED('s')}
             AND s.tier IN ${RED} AND s.prev_tier IS NOT NULL AND s.prev_tier NOT IN ${RED}
         )
         SELECT ${ACCOUNT_COLUMNS}, COUNT(*) OVER () AS total
         FROM entered e JOIN latest n USING (company_id) LEFT JOIN before t USING (company_id)
         WHERE n.tier IN ${RED} ORDER BY n.score, n.company_id LIMIT @limit`,
      )
      .all({ ...windows, redFrom: windows.to - PORTFOLIO_DAYS.newlyRed + 1, limit })
    return {
      accounts: rows.map(({ total: _total, ...account }) => account),
      total: rows[0]?.total ?? 0,
    }
  }

  async saveRate(portalId: number, asOf: number): Promise<SaveRateCounts> {
    // An entry into red: a red row after a non-red one, or a company's first row when red (as
    // src/health's saveRate counts). Saved: a Healthy row within `save` days after an entry; the
    // first Healthy row after a red one is itself a change, so both sides read the changes' index.
    const row = this.db
      .prepare<
        Record<string, number>,
        { red: number | null; saved: number | null; pending: number | null }
      >(
        `WITH entries AS (
           SELECT company_id, day, scored_at FROM company_scores e
           WHERE portal_id = @portal AND day <= @to AND ${CHANGED('e')} AND tier IN ${RED}
             AND (prev_tier IS NULL OR prev_tier NOT IN ${RED})
         ), accounts AS (
           SELECT MAX(EXISTS (
             SELECT 1 FROM company_scores h
             WHERE h.portal_id = @portal AND h.company_id = e.company_id
               AND h.day BETWEEN e.day AND MIN(e.day + @saveDays, @to) AND ${CHANGED('h')}
               AND h.tier = 'healthy'
               AND h.scored_at > e.scored_at AND h.scored_at - e.scored_at <= @saveMs
           )) AS saved,
           MAX(e.scored_at + @saveMs <= @asOf) AS closed
           FROM entries e GROUP BY e.company_id
         )
         SELECT SUM(saved OR closed) AS red, SUM(saved) AS saved,
           SUM(NOT saved AND NOT closed) AS pending FROM accounts`,
      )
      .get({
        portal: portalId,
        to: dayOf(asOf),
        asOf,
        saveDays: PORTFOLIO_DAYS.save,
        saveMs: PORTFOLIO_DAYS.save * DAY_MS,
      })
    return { red: row?.red ?? 0, saved: row?.saved ?? 0, pending: row?.pending ?? 0 }
  }

  async interventions(portalId: number, asOf: number): Promise<InterventionRow[]> {
    const rows = this.db
      .prepare<
        Record<string, number>,
        {
          actionId: string
          label: string
          startedAt: number
          result: string | null
          change: number | null
        }
      >(
        `SELECT a.action_id AS actionId, a.label, a.started_at AS startedAt,
           CASE WHEN a.day + @outcome > @to THEN 'pending'
                WHEN a.tier IS NULL OR c.tier IS NULL THEN NULL
                WHEN ${rank('c.tier')} > ${rank('a.tier')} THEN 'improved'
                WHEN ${rank('c.tier')} < ${rank('a.tier')} THEN 'declined'
                ELSE 'unchanged' END AS result,
           CASE WHEN a.day + @outcome > @to THEN NULL ELSE c.score - a.score END AS change
         FROM playbook_actions a
         LEFT JOIN company_scores c ON c.portal_id = a.portal_id AND c.company_id = a.company_id
           AND c.day = (
             SELECT MAX(x.day) FROM company_scores x
             WHERE x.portal_id = a.portal_id AND x.company_id = a.company_id
               AND x.day > a.day AND x.day <= a.day + @outcome)
         WHERE a.portal_id = @portal AND a.started_at <= @asOf ORDER BY a.started_at, a.id`,
      )
      .all({ portal: portalId, asOf, to: dayOf(asOf), outcome: PORTFOLIO_DAYS.outcome })
    return rows.map((row) => ({ ...row, result: row.result as InterventionResult | null }))
  }

  /** `latest`: each company's row now; `before`: its row `change` days before. */
  private nowAndThen(): string {
    return `${latestIn('latest', '@from', '@to')}, ${latestIn('before', '@thenFrom', '@thenTo')}`
  }

  private windows(portalId: number, asOf: number) {
    const to = dayOf(asOf)
    const thenTo = to - PORTFOLIO_DAYS.change
    return {
      portal: portalId,
      from: to - PORTFOLIO_DAYS.current + 1,
      to,
      thenFrom: thenTo - PORTFOLIO_DAYS.current + 1,
      thenTo,
    }
  }
}
