import { hubspot, useExtensionContext } from '@hubspot/ui-extensions'
import { createPageRouter, PageRoutes, PageTitle } from '@hubspot/ui-extensions/pages'
import { useMemo } from 'react'

import { LoadFailed, Loading, NothingScored } from './components/PageStates.tsx'
import { Portfolio } from './components/Portfolio.tsx'
import {
  PortfolioTransportContext,
  usePortfolioTransport,
} from './contexts/portfolio-transport-context.ts'
import { usePortfolio } from './hooks/use-portfolio.ts'
import { createDefaultPortfolioTransport } from './transport/default-portfolio-transport.ts'
import type { PortfolioTransport } from './transport/types.ts'

hubspot.extend<'pages'>(() => <HomePage />)

/** The portfolio at the app's home page (its index route). */
function PortfolioRoute() {
  const context = useExtensionContext<'pages'>()
  const { state, reload } = usePortfolio(usePortfolioTransport())
  return (
    <>
      <PageTitle>Customer health</PageTitle>
      {state.status === 'loading' ? <Loading /> : null}
      {state.status === 'error' ? (
        <LoadFailed message={state.message} onRetry={() => void reload()} />
      ) : null}
      {state.status === 'success' && state.view.scored === 0 ? (
        <NothingScored source={state.view.source} />
      ) : null}
      {state.status === 'success' && state.view.scored > 0 ? (
        <Portfolio view={state.view} portalId={context.portal.id} />
      ) : null}
    </>
  )
}

const PageRouter = createPageRouter(
  <PageRoutes>
    <PageRoutes.IndexRoute component={PortfolioRoute} id="portfolio" />
  </PageRoutes>,
)

export interface HomePageProps {
  /** Where the view comes from; by default the one this build uses (function or backend). */
  readonly transport?: PortfolioTransport
}

/** The app home page: the whole book of accounts at a glance. */
export function HomePage({ transport }: HomePageProps) {
  const context = useExtensionContext<'pages'>()
  const resolved = useMemo(
    () => transport ?? createDefaultPortfolioTransport(context.variables),
    [transport, context.variables],
  )
  return (
    <PortfolioTransportContext.Provider value={resolved}>
      <PageRouter />
    </PortfolioTransportContext.Provider>
  )
}
