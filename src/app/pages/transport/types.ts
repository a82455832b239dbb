import type { PortfolioView } from '../../../operations/portfolio-types.ts'

/**
 * How the home page reaches the portfolio view: the private app's `portfolio_view` function
 * through `hubspot.serverless`, or the marketplace backend's `GET /api/portfolio` through
 * `hubspot.fetch`. Tests pass a fake.
 * @example
 * const view = await transport.load()
 */
export interface PortfolioTransport {
  /** The whole book of accounts as it stands now. */
  load(): Promise<PortfolioView>
}
