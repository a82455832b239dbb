/**
 * @module Keeping what the backend scored in the portfolio's history, from every place it scores:
 * the rescore jobs and the catch-up (`rescorePortal`'s results, a page at a time), the card's view
 * and Recalculate, webhook rescores and the workflow action (one company each). A failure to keep
 * them is logged, never the scoring's failure: the scores are in HubSpot either way.
 */
import type { CompanySnapshot, HealthResult } from '../../health/index.ts'
import type { Logger } from '../../log.ts'
import type { CompanyHealth } from '../../operations/index.ts'
import type { PortfolioStore, ScoreRecord } from '../store/types.ts'

/**
 * A result as the portfolio keeps it.
 * @example
 * scoreRecordOf(result, 'Acme') // { companyId: '101', name: 'Acme', score: 72, tier: 'neutral', … }
 */
export function scoreRecordOf(result: HealthResult, name: string | null): ScoreRecord {
  return {
    companyId: result.companyId,
    name,
    score: result.score,
    tier: result.tier,
    segment: result.segmentId,
    scoredAt: Date.parse(result.scoredAt),
  }
}

/** Collects a run's results and keeps them a page at a time. */
export interface ScoreRecorder {
  /** `rescorePortal`'s `onScored`. */
  readonly onScored: (result: HealthResult, snapshot: CompanySnapshot) => void
  /** Keeps what was collected since the last flush; call it per page and once at the end. */
  flush(): Promise<void>
}

/**
 * @example
 * const recorder = scoreRecorder(store.portfolio(), portalId, logger)
 * try { await rescorePortal({ ...options, onScored: recorder.onScored, onProgress: () => void recorder.flush() }) }
 * finally { await recorder.flush() }
 */
export function scoreRecorder(
  portfolio: Pick<PortfolioStore, 'recordScores'>,
  portalId: number,
  logger?: Logger,
): ScoreRecorder {
  let pending: ScoreRecord[] = []
  let writing: Promise<void> = Promise.resolve()
  return {
    onScored(result, snapshot) {
      pending.push(scoreRecordOf(result, snapshot.properties.name ?? null))
    },
    flush() {
      const batch = pending
      pending = []
      if (batch.length > 0) writing = writing.then(() => keep(portfolio, portalId, batch, logger))
      return writing
    },
  }
}

/**
 * Keeps one company's result, when it has one (a never-scored company's card view has none).
 * @example
 * const health = await scoreOneCompany({ connection, model, companyId, mode: 'score' })
 * await recordHealth(store.portfolio(), portalId, health, logger)
 */
export async function recordHealth(
  portfolio: Pick<PortfolioStore, 'recordScores'>,
  portalId: number,
  health: Pick<CompanyHealth, 'result' | 'companyName'>,
  logger?: Logger,
): Promise<void> {
  if (health.result)
    await keep(portfolio, portalId, [scoreRecordOf(health.result, health.companyName)], logger)
}

async function keep(
  portfolio: Pick<PortfolioStore, 'recordScores'>,
  portalId: number,
  records: readonly ScoreRecord[],
  logger: Logger | undefined,
): Promise<void> {
  try {
    await portfolio.recordScores(portalId, records)
  } catch (error) {
    logger?.warn(
      { portalId, companies: records.length, error: String(error) },
      'scores could not be kept in the portfolio history (HubSpot has them): the portfolio misses a day',
    )
  }
}
