import type {
  CompanyHealth,
  CsmSentimentRead,
  CsmSentimentRequest,
  PlaybookActionCreated,
  PlaybookActionRequest,
} from '../../../operations/company-health.ts'

/**
 * How the card reaches its data. The private app calls its functions with `hubspot.serverless`;
 * the marketplace app calls the backend with `hubspot.fetch`. Tests pass a fake.
 * @example
 * const health = await transport.loadHealth('4242')
 */
export interface HealthTransport {
  /** What the card shows now (`score_company` in `view` mode, `GET .../health`). */
  loadHealth(companyId: string): Promise<CompanyHealth>
  /** Scores the company now and writes what changed (Recalculate, Score now). */
  recalculate(companyId: string): Promise<CompanyHealth>
  /** Creates the playbook action's task or note, associated to the company. */
  runAction(request: PlaybookActionRequest): Promise<PlaybookActionCreated>
  /** Records the CSM's read of the account. */
  setSentiment(request: CsmSentimentRequest): Promise<CsmSentimentRead>
}

/** Why a transport call failed: a message for the CSM, and the input issues when there are some. */
export class TransportError extends Error {
  readonly issues: readonly { readonly message: string }[]

  constructor(message: string, issues: readonly { readonly message: string }[] = []) {
    super(message)
    this.name = 'TransportError'
    this.issues = issues
  }
}
