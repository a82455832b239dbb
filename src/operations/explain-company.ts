/** @module Explaining one company's score, signal by signal: HubSpot's "test a record". */
import { z } from 'zod'

import type {
  CompiledModel,
  ComponentSignals,
  Diagnostic,
  HealthResult,
  Issue,
} from '../health/index.ts'
import { describeSignals, extractSignals, scoreSignals } from '../health/index.ts'
import type { HubSpotConnection } from '../hubspot/index.ts'
import { gatherPortal, ownedPropertyNames } from '../hubspot/index.ts'
import { parseOptions, present } from './operation-options.ts'

/** What `explainCompany` takes. */
export interface ExplainOptions {
  readonly connection: HubSpotConnection
  readonly model: CompiledModel
  /** HubSpot's id of the company, digits only. */
  readonly companyId: string
  /** The moment to score as of, epoch ms. Default: now. */
  readonly asOf?: number
}

/** `explainCompany`'s options. */
export const EXPLAIN_OPTIONS: z.ZodType<ExplainOptions> = z.strictObject({
  connection: present<HubSpotConnection>('a connection from createConnection', ['call', 'calls']),
  model: present<CompiledModel>('a compiled model (compileModel, getDefaultModel)', ['model']),
  companyId: z
    .string('must be a company id (digits)')
    .regex(/^\d+$/, 'must be a company id (digits)'),
  asOf: z.number('must be epoch milliseconds').int('must be epoch milliseconds').min(0).optional(),
})

/** Everything behind one company's score: HubSpot's "test a record". */
export interface CompanyExplanation {
  readonly companyId: string
  readonly name: string | null
  readonly result: HealthResult | null
  /** Why it could not be scored, when it could not. */
  readonly issues: readonly Issue[]
  readonly signals: readonly ComponentSignals[]
  readonly diagnostics: readonly Diagnostic[]
  readonly records: { readonly tickets: number | null; readonly engagements: number | null }
  /** What HubSpot holds in the app's properties now. */
  readonly current: Readonly<Record<string, string | null>>
}

/**
 * Gathers one company and explains its score, signal by signal. Writes nothing.
 * @throws OperationOptionsError when an option is missing or malformed
 * @throws Error when the company does not exist or cannot be read
 * @example
 * const explanation = await explainCompany({ connection, model: getDefaultModel(), companyId: '101' })
 * explanation.result?.drivers[0] // the reason that costs the most points
 */
export async function explainCompany(input: ExplainOptions): Promise<CompanyExplanation> {
  const {
    connection,
    model,
    companyId,
    asOf = Date.now(),
  } = parseOptions('explainCompany', EXPLAIN_OPTIONS, input)
  for await (const page of gatherPortal(connection, {
    model,
    asOf,
    ownedProperties: ownedPropertyNames(model),
    companyIds: [companyId],
  })) {
    const failure = page.failures.find((f) => f.companyId === companyId)
    if (failure) throw new Error(`company ${companyId} could not be read: ${failure.reason}`)
    const gathered = page.companies.find((c) => c.snapshot.companyId === companyId)
    if (!gathered) continue
    const { snapshot, current } = gathered
    const signals = extractSignals(snapshot, model)
    const scored = scoreSignals(signals, model)
    return {
      companyId,
      name: snapshot.properties.name ?? null,
      result: scored.success ? scored.value : null,
      issues: scored.success ? [] : scored.issues,
      signals: describeSignals(signals, model),
      diagnostics: signals.diagnostics,
      records: {
        tickets: snapshot.tickets?.length ?? null,
        engagements: snapshot.engagements?.length ?? null,
      },
      current,
    }
  }
  throw new Error(`company ${companyId} was not found`)
}
