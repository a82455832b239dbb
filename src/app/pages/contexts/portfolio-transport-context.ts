import { createContext, useContext } from 'react'

import type { PortfolioTransport } from '../transport/types.ts'

/** The transport the home page's routes read through; `HomePage` provides it. */
export const PortfolioTransportContext = createContext<PortfolioTransport | null>(null)

/**
 * The transport `HomePage` provides to its routes (the router renders them without props).
 * @example
 * const { state } = usePortfolio(usePortfolioTransport())
 * @throws Error outside `HomePage`
 */
export function usePortfolioTransport(): PortfolioTransport {
  const transport = useContext(PortfolioTransportContext)
  if (transport === null) throw new Error('usePortfolioTransport must be used inside HomePage')
  return transport
}
