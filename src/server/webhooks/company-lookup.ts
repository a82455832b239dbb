/**
 * @module The companies of tickets and activities named by webhook events: one v4 batch
 * association read per object type for all the records of a delivered batch (up to 1,000 a call).
 */
import type { HubSpotConnection } from '../../hubspot/index.ts'
import type { LookupType } from './map-events.ts'

/** HubSpot's cap on inputs per v4 batch association read. */
const MAX_INPUTS = 1000

/**
 * The company ids associated with each record in `ids` (a record with none maps to an empty list).
 * The first page of each record's companies is read (HubSpot pages at 500), which is all a ticket
 * or an activity has in practice.
 * @throws HubSpotApiError or DailyLimitError when a read fails after the connection's retries
 * @example
 * const companies = await companiesOf(conn, 'tickets', ['9001', '9002']) // Map { '9001' => ['101'] }
 */
export async function companiesOf(
  conn: HubSpotConnection,
  objectType: LookupType,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(ids.map((id) => [id, []]))
  const unique = [...new Set(ids)]
  const endpoint = `POST /crm/v4/associations/${objectType}/companies/batch/read`
  for (let i = 0; i < unique.length; i += MAX_INPUTS) {
    const inputs = unique.slice(i, i + MAX_INPUTS).map((id) => ({ id }))
    const answer = await conn.call(endpoint, () =>
      conn.client.crm.associations.v4.batchApi.getPage(objectType, 'companies', { inputs }),
    )
    for (const result of answer.results) {
      const list = out.get(String(result._from.id)) ?? []
      for (const target of result.to) list.push(String(target.toObjectId))
      out.set(String(result._from.id), list)
    }
  }
  return out
}
