/**
 * @module One company in one call: its properties, the history of the app's scores and the ids of
 * its tickets and engagements, from a single `GET /crm/v3/objects/companies/{id}` with
 * `propertiesWithHistory` and `associations`. Association lists longer than the 100 the read embeds
 * are followed through their `paging.next.link`.
 */
import type { HistoryPoint } from '../health/index.ts'
import type { HubSpotConnection } from './connection.ts'
import { HubSpotApiError } from './errors.ts'

/** What `readCompany` brings back. */
export interface CompanyRead {
  readonly id: string
  readonly properties: Readonly<Record<string, string | null>>
  readonly history: Readonly<Record<string, HistoryPoint[]>>
  /** Associated ids by object type (`tickets`, `calls`, ...). */
  readonly associations: Readonly<Record<string, string[]>>
}

interface AssociationPage {
  results?: { id: string }[]
  paging?: { next?: { after?: string; link?: string } }
}

interface WireCompany {
  id: string
  properties?: Record<string, string | null>
  propertiesWithHistory?: Record<string, { value: string | null; timestamp: Date | string }[]>
  associations?: Record<string, AssociationPage>
}

/**
 * Reads one company, or null when it does not exist.
 * @example
 * const company = await readCompany(conn, '101', { properties: ['name'], propertiesWithHistory: ['health_score'], associations: ['tickets'] })
 */
export async function readCompany(
  conn: HubSpotConnection,
  companyId: string,
  options: {
    readonly properties: readonly string[]
    readonly propertiesWithHistory: readonly string[]
    readonly associations: readonly string[]
  },
): Promise<CompanyRead | null> {
  let wire: WireCompany
  try {
    wire = (await conn.call('GET /crm/v3/objects/companies/{companyId}', () =>
      conn.client.crm.companies.basicApi.getById(
        companyId,
        [...options.properties],
        [...options.propertiesWithHistory],
        [...options.associations],
      ),
    )) as unknown as WireCompany
  } catch (error) {
    if (error instanceof HubSpotApiError && error.status === 404) return null
    throw error
  }
  const history: Record<string, HistoryPoint[]> = {}
  for (const [name, points] of Object.entries(wire.propertiesWithHistory ?? {}))
    history[name] = points.map((p) => ({
      value: p.value,
      timestamp: p.timestamp instanceof Date ? p.timestamp.toISOString() : String(p.timestamp),
    }))
  const associations: Record<string, string[]> = {}
  for (const type of options.associations) {
    const page = findAssociations(wire.associations ?? {}, type)
    associations[type] = page ? await followPages(conn, companyId, type, page) : []
  }
  return { id: wire.id, properties: wire.properties ?? {}, history, associations }
}

/** HubSpot keys embedded associations by object type, sometimes with a portal-specific prefix. */
function findAssociations(
  all: Record<string, AssociationPage>,
  type: string,
): AssociationPage | undefined {
  return all[type] ?? Object.entries(all).find(([key]) => key.endsWith(type))?.[1]
}

async function followPages(
  conn: HubSpotConnection,
  companyId: string,
  type: string,
  first: AssociationPage,
): Promise<string[]> {
  const ids = new Set((first.results ?? []).map((r) => String(r.id)))
  let after = first.paging?.next?.after
  while (after !== undefined) {
    const cursor = after
    const response = await conn.call(
      'GET /crm/v3/objects/companies/{companyId}/associations/{toObjectType}',
      async () => {
        const answer = await conn.client.apiRequest({
          method: 'GET',
          path: `/crm/v3/objects/companies/${companyId}/associations/${type}`,
          qs: { after: cursor, limit: 500 },
        })
        return (await answer.json()) as AssociationPage
      },
    )
    for (const r of response.results ?? []) ids.add(String(r.id))
    after = response.paging?.next?.after
  }
  return [...ids]
}
