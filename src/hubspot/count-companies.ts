/** @module How many companies a portal holds, for progress: one search call, on the search lane. */
import type { HubSpotConnection } from './connection.ts'

/**
 * Counts the portal's companies with one search call (`limit: 1`), which HubSpot answers with the
 * total.
 * @throws HubSpotApiError (or DailyLimitError) when the search fails
 * @example
 * const total = await countCompanies(conn) // e.g. 2000
 */
export async function countCompanies(connection: HubSpotConnection): Promise<number> {
  const page = await connection.call(
    'POST /crm/v3/objects/companies/search',
    () =>
      connection.client.crm.companies.searchApi.doSearch({
        filterGroups: [],
        properties: ['hs_object_id'],
        sorts: [],
        limit: 1,
        after: '0',
      }),
    { search: true },
  )
  return page.total
}
