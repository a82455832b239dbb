import type {
  CompiledModel,
  ComponentSignals,
  Diagnostic,
  HealthResult,
  Issue,
} from '../health/index.ts'
import { describeSignals, extractSignals, scoreSignals } from '../health/index.ts'
import type { HubSpotConnection } from '../hubspot/connection.ts'
import { gatherPortal } from '../hubspot/gather.ts'
import { ownedPropertyNames } from '../hubspot/health-properties.ts'

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
 * @throws Error when the company does not exist or cannot be read
 */
export async function explainCompany(
  connection: HubSpotConnection,
  model: CompiledModel,
  companyId: string,
  asOf: number,
): Promise<CompanyExplanation> {
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
