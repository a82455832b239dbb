/**
 * @module The app home page's marketplace data: `GET /api/portfolio`, signed like the card routes,
 * answers the signed portal's `PortfolioView` from the store's portfolio history (source `store`,
 * no HubSpot call). A new install answers an empty view: nothing scored, empty lists, no
 * distribution 30 days ago.
 */
import { type RequestHandler, Router } from 'express'

import { readPortfolioView } from '../portfolio/read-portfolio-view.ts'
import { signedContext } from '../signed-request.ts'
import type { PortfolioStore } from '../store/types.ts'

export interface PortfolioRouteDeps {
  /** `requireSignedPortal(...)`: in front of the route, so an unknown path stays a 404. */
  readonly signed: readonly RequestHandler[]
  readonly portfolio: PortfolioStore
  /** The moment the view describes, epoch ms. Default `Date.now`. */
  readonly now?: () => number
}

/**
 * @example
 * app.use('/api', portfolioRoute({ signed: requireSignedPortal(deps), portfolio: store.portfolio() }))
 */
export function portfolioRoute(deps: PortfolioRouteDeps): Router {
  const now = deps.now ?? Date.now
  const router = Router()
  router.get('/portfolio', ...deps.signed, async (req, res) => {
    const { portalId } = signedContext(req)
    res.json(await readPortfolioView(deps.portfolio, portalId, now()))
  })
  return router
}
