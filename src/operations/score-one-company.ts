/**
 * @module Scoring one company for the health card (`score_company`): one GET for the company, its
 * score histories and its association ids, batch reads of its tickets and engagements, and one
 * batch update of only the properties that changed (none when nothing did).
 */
import { z } from 'zod'

import type {
  CompanySnapshot,
  CompiledModel,
  HistoryPoint,
  ScorePoint,
  SnapshotEngagement,
} from '../health/index.ts'
import { CSM_SENTIMENT_PROPERTIES, CSM_SENTIMENTS, scoreCompany } from '../health/index.ts'
import type { HubSpotConnection } from '../hubspot/index.ts'
import {
  companyChanges,
  componentScoreProperty,
  ENGAGEMENT_OBJECTS,
  ownedPropertyNames,
  readCompany,
  readRecords,
  SIGNAL_ENGAGEMENT_TYPES,
} from '../hubspot/index.ts'
import {
  companyProperties,
  ENGAGEMENT_PROPERTIES,
  historyProperties,
  TICKET_PROPERTIES,
} from '../hubspot/index.ts'
import type { CompanyHealth, CsmSentimentRead, TierBands } from './company-health.ts'
import { parseOptions, present } from './operation-options.ts'

/** What `scoreOneCompany` takes. */
export interface ScoreOneOptions {
  readonly connection: HubSpotConnection
  readonly model: CompiledModel
  readonly companyId: string
  /** `view` writes only what changed and scores a never-scored company not at all; `score` always scores. */
  readonly mode: 'view' | 'score'
  /** The moment to score as of, epoch ms. Default: now. */
  readonly asOf?: number
  /** Epoch ms after which no further HubSpot call is started (an app function has 15 s). */
  readonly deadline?: number
}

/** `scoreOneCompany`'s options. */
export const SCORE_ONE_OPTIONS: z.ZodType<ScoreOneOptions> = z.strictObject({
  connection: present<HubSpotConnection>('a connection from createConnection', ['call', 'calls']),
  model: present<CompiledModel>('a compiled model (compileModel, getDefaultModel)', ['model']),
  companyId: z
    .string('must be a company id (digits)')
    .regex(/^\d+$/, 'must be a company id (digits)'),
  mode: z.enum(['view', 'score'], "must be 'view' or 'score'"),
  asOf: z.number('must be epoch milliseconds').int('must be epoch milliseconds').min(0).optional(),
  deadline: z.number('must be epoch milliseconds').optional(),
})

/** A company has no `health_*` property the model needs: `ensure_schema` has not run. */
export class MissingSchemaError extends Error {
  readonly missing: readonly string[]
  constructor(missing: readonly string[]) {
    super(
      `the company properties ${missing.join(', ')} do not exist: run ensure_schema (health-score schema) first`,
    )
    this.name = 'MissingSchemaError'
    this.missing = missing
  }
}

/** The deadline passed before the work was done; what was written so far stays written. */
export class DeadlineError extends Error {
  constructor(step: string) {
    super(`the deadline passed before ${step}`)
    this.name = 'DeadlineError'
  }
}

/**
 * Reads one company, scores it, writes only the changed properties and returns what the card shows.
 * @throws OperationOptionsError when an option is missing or malformed
 * @throws MissingSchemaError when the app's properties do not exist in the portal
 * @throws Error when the company does not exist
 * @example
 * const health = await scoreOneCompany({ connection, model: getDefaultModel(), companyId: '101', mode: 'score' })
 * health.result?.score // 72
 */
export async function scoreOneCompany(input: ScoreOneOptions): Promise<CompanyHealth> {
  const options = parseOptions('scoreOneCompany', SCORE_ONE_OPTIONS, input)
  const { connection: conn, model, companyId, mode } = options
  const asOf = options.asOf ?? Date.now()
  const check = (step: string) => {
    if (options.deadline !== undefined && Date.now() > options.deadline)
      throw new DeadlineError(step)
  }
  const owned = ownedPropertyNames(model)
  const componentProperties = model.model.components.map((c) => componentScoreProperty(c.id))
  const scoreHistory = historyProperties(model)
  const engagementTypes = SIGNAL_ENGAGEMENT_TYPES.map((type) => ENGAGEMENT_OBJECTS[type])
  check('reading the company')
  const company = await readCompany(conn, companyId, {
    properties: companyProperties(model, [...owned, ...Object.values(CSM_SENTIMENT_PROPERTIES)]),
    propertiesWithHistory: [...new Set([...scoreHistory, ...componentProperties])],
    associations: ['tickets', ...engagementTypes],
  })
  if (!company) throw new Error(`company ${companyId} was not found`)
  const missing = owned.filter((name) => !Object.hasOwn(company.properties, name))
  if (missing.length) throw new MissingSchemaError(missing)

  const current: Record<string, string | null> = {}
  for (const name of owned) current[name] = company.properties[name] ?? null
  const neverScored = !current.health_scored_at
  const base = {
    companyId,
    companyName: company.properties.name ?? null,
    tierBands: tierBands(model),
    csmSentiment: csmSentiment(company.properties),
  }
  if (mode === 'view' && neverScored)
    return {
      ...base,
      result: null,
      issues: [],
      ...histories(company.history, scoreHistory[0]!, componentProperties, model),
      current,
      scoredAt: null,
    }

  check('reading tickets and engagements')
  const ticketIds = company.associations.tickets ?? []
  const [tickets, ...engagementReads] = await Promise.all([
    ticketIds.length
      ? readRecords(conn, 'tickets', ticketIds, { properties: TICKET_PROPERTIES })
      : null,
    ...SIGNAL_ENGAGEMENT_TYPES.map((type) => {
      const ids = company.associations[ENGAGEMENT_OBJECTS[type]] ?? []
      return ids.length
        ? readRecords(conn, ENGAGEMENT_OBJECTS[type], ids, {
            properties: ENGAGEMENT_PROPERTIES[type],
          })
        : null
    }),
  ])
  const engagements: SnapshotEngagement[] = []
  let engagementsReadable = true
  SIGNAL_ENGAGEMENT_TYPES.forEach((type, i) => {
    const read = engagementReads[i]
    if (read?.unreadable) engagementsReadable = false
    for (const [id, data] of read?.records ?? [])
      engagements.push({ id, type, properties: data.properties })
  })
  const snapshot: CompanySnapshot = {
    companyId,
    asOf,
    properties: company.properties,
    propertyHistory: company.history,
    tickets: tickets?.unreadable
      ? null
      : [...(tickets?.records ?? [])].map(([id, data]) => ({ id, properties: data.properties })),
    engagements: engagementsReadable ? engagements : null,
  }
  const scored = scoreCompany(snapshot, model)
  if (!scored.success)
    return {
      ...base,
      result: null,
      issues: scored.issues,
      ...histories(company.history, scoreHistory[0]!, componentProperties, model),
      current,
      scoredAt: current.health_scored_at ?? null,
    }

  const changed = companyChanges(scored.value, model, current)
  if (changed) {
    check('writing the score')
    await conn.call('POST /crm/v3/objects/companies/batch/update', () =>
      conn.client.crm.companies.batchApi.update({
        inputs: [{ id: companyId, properties: changed }],
      }),
    )
    Object.assign(current, changed)
  }
  const history = histories(company.history, scoreHistory[0]!, componentProperties, model)
  if (changed) appendWritten(history, changed, model, asOf)
  return {
    ...base,
    result: scored.value,
    issues: [],
    ...history,
    current,
    scoredAt: current.health_scored_at ?? null,
  }
}

function tierBands(model: CompiledModel): TierBands {
  const { tiers } = model.model
  return { healthy: tiers.healthy, neutral: tiers.neutral, at_risk: tiers.at_risk }
}

function csmSentiment(
  properties: Readonly<Record<string, string | null>>,
): CsmSentimentRead | null {
  const sentiment = properties[CSM_SENTIMENT_PROPERTIES.sentiment]?.trim().toLowerCase()
  if (!sentiment || !Object.hasOwn(CSM_SENTIMENTS, sentiment)) return null
  return {
    sentiment: sentiment as CsmSentimentRead['sentiment'],
    reason: properties[CSM_SENTIMENT_PROPERTIES.reason] ?? '',
    at: properties[CSM_SENTIMENT_PROPERTIES.at] ?? '',
  }
}

function toPoints(points: readonly HistoryPoint[] | undefined): ScorePoint[] {
  const out: ScorePoint[] = []
  for (const point of points ?? []) {
    const score = point.value === null || point.value === '' ? NaN : Number(point.value)
    const at = /^\d+$/.test(point.timestamp) ? Number(point.timestamp) : Date.parse(point.timestamp)
    if (Number.isFinite(score) && Number.isFinite(at)) out.push({ at, score })
  }
  return out.sort((a, b) => a.at - b.at)
}

interface Histories {
  history: ScorePoint[]
  componentHistory: Record<string, ScorePoint[]>
}

function histories(
  all: Readonly<Record<string, HistoryPoint[]>>,
  scoreProperty: string,
  componentProperties: readonly string[],
  model: CompiledModel,
): Histories {
  const componentHistory: Record<string, ScorePoint[]> = {}
  model.model.components.forEach((component, i) => {
    componentHistory[component.id] = toPoints(all[componentProperties[i]!])
  })
  return { history: toPoints(all[scoreProperty]), componentHistory }
}

/** The values just written join the histories, as HubSpot's next read would show them. */
function appendWritten(
  history: Histories,
  changed: Readonly<Record<string, string>>,
  model: CompiledModel,
  at: number,
): void {
  const score = changed.health_score
  if (score !== undefined && score !== '') history.history.push({ at, score: Number(score) })
  for (const component of model.model.components) {
    const value = changed[componentScoreProperty(component.id)]
    if (value !== undefined && value !== '')
      history.componentHistory[component.id]!.push({ at, score: Number(value) })
  }
}
