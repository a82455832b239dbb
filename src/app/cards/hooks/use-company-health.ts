import { logger } from '@hubspot/ui-extensions'
import { useCallback, useEffect, useReducer, useRef } from 'react'

import type { CompanyHealth } from '../../../operations/company-health.ts'
import type { HealthTransport } from '../transport/types.ts'

/** The card's remote state. */
export type HealthState =
  | { readonly status: 'loading' }
  | { readonly status: 'success'; readonly health: CompanyHealth }
  | { readonly status: 'error'; readonly message: string }

type HealthEvent =
  | { readonly type: 'start' }
  | { readonly type: 'loaded'; readonly health: CompanyHealth }
  | { readonly type: 'failed'; readonly message: string }

function reduce(_state: HealthState, event: HealthEvent): HealthState {
  switch (event.type) {
    case 'start':
      return { status: 'loading' }
    case 'loaded':
      return { status: 'success', health: event.health }
    case 'failed':
      return { status: 'error', message: event.message }
  }
}

/** The reason to show a person, from anything a transport threw. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** How a refresh behaves: `view` reads, `score` rescores; `quiet` keeps what is shown meanwhile. */
export interface RefreshOptions {
  readonly mode: 'view' | 'score'
  readonly quiet: boolean
}

/**
 * Loads one company's health through the transport, and refreshes it on demand. A newer request
 * wins: an older answer arriving late is dropped. A quiet refresh that fails keeps what is shown
 * and returns the reason, for an alert.
 * @example
 * const { state, refresh } = useCompanyHealth(transport, '4242')
 * const failure = await refresh({ mode: 'score', quiet: true })
 */
export function useCompanyHealth(transport: HealthTransport, companyId: string) {
  const [state, dispatch] = useReducer(reduce, { status: 'loading' })
  const latest = useRef(0)

  const refresh = useCallback(
    async ({ mode, quiet }: RefreshOptions): Promise<string | null> => {
      const request = ++latest.current
      if (!quiet) dispatch({ type: 'start' })
      try {
        const health =
          mode === 'score'
            ? await transport.recalculate(companyId)
            : await transport.loadHealth(companyId)
        if (request === latest.current) dispatch({ type: 'loaded', health })
        return null
      } catch (error) {
        const message = errorText(error)
        logger.error(`health ${mode} for company ${companyId} failed: ${message}`)
        if (request === latest.current && !quiet) dispatch({ type: 'failed', message })
        return message
      }
    },
    [transport, companyId],
  )

  useEffect(() => {
    void refresh({ mode: 'view', quiet: false })
  }, [refresh])

  return { state, refresh }
}
