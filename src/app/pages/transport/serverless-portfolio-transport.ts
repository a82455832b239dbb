import type { PortfolioView } from '../../../operations/portfolio-types.ts'
import { readResult } from '../../cards/transport/read-result.ts'
import type { ServerlessRunner } from '../../cards/transport/serverless-transport.ts'
import { runInHubSpot } from '../../cards/transport/serverless-transport.ts'
import { TransportError } from '../../cards/transport/types.ts'
import type { PortfolioTransport } from './types.ts'

/** The private app's function that answers the portfolio view (`src/app/functions/`). */
export const PORTFOLIO_VIEW_UID = 'portfolio_view'

/**
 * The private app's transport: `portfolio_view` with no parameters, answering
 * `{success, value: PortfolioView}` like every app function of this app.
 * @example
 * const view = await createServerlessPortfolioTransport().load()
 */
export function createServerlessPortfolioTransport(
  run: ServerlessRunner = runInHubSpot,
): PortfolioTransport {
  return {
    async load() {
      let answer: unknown
      try {
        answer = await run(PORTFOLIO_VIEW_UID, { parameters: {} })
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        throw new TransportError(`${PORTFOLIO_VIEW_UID} failed: ${reason}`)
      }
      return readResult<PortfolioView>(answer, PORTFOLIO_VIEW_UID)
    },
  }
}
