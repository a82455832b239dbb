import { logger } from '@hubspot/ui-extensions'
import { useCallback, useEffect, useReducer, useRef } from 'react'

import type { PortfolioView } from '../../../operations/portfolio-types.ts'
import type { PortfolioTransport } from '../transport/types.ts'

/** The home page's remote state. */
export type PortfolioState =
  | { readonly status: 'loading' }
  | { readonly status: 'success'; readonly view: PortfolioView }
  | { readonly status: 'error'; readonly message: string }

type PortfolioEvent =
  | { readonly type: 'start' }
  | { readonly type: 'loaded'; readonly view: PortfolioView }
  | { readonly type: 'failed'; readonly message: string }

function reduce(_state: PortfolioState, event: PortfolioEvent): PortfolioState {
  switch (event.type) {
    case 'start':
      return { status: 'loading' }
    case 'loaded':
      return { status: 'success', view: event.view }
    case 'failed':
      return { status: 'error', message: event.message }
  }
}

/**
 * Loads the portfolio view through the transport, and again on `reload` (Try again). A newer
 * request wins: an older answer arriving late is dropped.
 * @example
 * const { state, reload } = usePortfolio(transport)
 * if (state.status === 'error') return <ErrorState ...><Button onClick={reload} /></ErrorState>
 */
export function usePortfolio(transport: PortfolioTransport) {
  const [state, dispatch] = useReducer(reduce, { status: 'loading' })
  const latest = useRef(0)

  const reload = useCallback(async (): Promise<void> => {
    const request = ++latest.current
    dispatch({ type: 'start' })
    try {
      const view = await transport.load()
      if (request === latest.current) dispatch({ type: 'loaded', view })
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      logger.error(`portfolio view failed: ${message}`)
      if (request === latest.current) dispatch({ type: 'failed', message })
    }
  }, [transport])

  useEffect(() => {
    void reload()
  }, [reload])

  return { state, reload }
}
