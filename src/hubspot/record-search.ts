/**
 * @module CRM search of one record type, through the connection's search lane (5 requests/s,
 * outside the burst limit): the one place the client's per-type search APIs are told apart.
 */
import type { HubSpotConnection } from './connection.ts'
import type { RecordObject } from './read-records.ts'

/** One search filter, as the search endpoints take it. */
export interface SearchFilter {
  readonly propertyName: string
  readonly operator: 'GTE' | 'BETWEEN'
  readonly value: string
  readonly highValue?: string
}

/** A search request: filters ANDed within a group, groups ORed. */
export interface SearchRequest {
  readonly filterGroups: readonly { readonly filters: readonly SearchFilter[] }[]
  readonly sorts: readonly string[]
  readonly properties: readonly string[]
  readonly limit: number
  readonly after?: string
}

/** The part of a search answer the readers use. */
export interface SearchAnswer {
  results: { id: string; properties: { [key: string]: string | null }; updatedAt: Date }[]
  paging?: { next?: { after: string } }
}

/**
 * A function that runs one search of `type` on the connection's search lane, counted as
 * `POST /crm/v3/objects/{type}/search`.
 * @example
 * const search = searcherFor(conn, 'calls')
 * const request = { filterGroups: [], sorts: ['hs_object_id'], properties: [], limit: 200 }
 * const { results } = await search(request)
 */
export function searcherFor(
  conn: HubSpotConnection,
  type: RecordObject,
): (request: SearchRequest) => Promise<SearchAnswer> {
  const { crm } = conn.client
  // @note The client types `operator` as a per-module TS enum; its values are these strings.
  const search = (request: SearchRequest): Promise<SearchAnswer> => {
    switch (type) {
      case 'companies':
        return crm.companies.searchApi.doSearch(
          request as unknown as Parameters<typeof crm.companies.searchApi.doSearch>[0],
        )
      case 'tickets':
        return crm.tickets.searchApi.doSearch(
          request as unknown as Parameters<typeof crm.tickets.searchApi.doSearch>[0],
        )
      case 'deals':
        return crm.deals.searchApi.doSearch(
          request as unknown as Parameters<typeof crm.deals.searchApi.doSearch>[0],
        )
      default:
        return crm.objects[type].searchApi.doSearch(
          request as unknown as Parameters<
            (typeof crm.objects)[typeof type]['searchApi']['doSearch']
          >[0],
        )
    }
  }
  const endpoint = `POST /crm/v3/objects/${type}/search`
  return (request) => conn.call(endpoint, () => search(request), { search: true })
}
