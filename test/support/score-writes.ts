/**
 * @fileoverview How many times each company's `health_score` was written, read through the real
 * client from the emulator's property history: what tests of runs that race, die and resume
 * count to prove nothing was written twice or lost.
 */
import { Client } from '@hubspot/api-client'

/** Each company's count of `health_score` writes (entries with a value), by id. */
export async function scoreWrites(
  basePath: string,
  ids: readonly string[],
): Promise<Map<string, number>> {
  const client = new Client({ accessToken: 'emulator-token', basePath })
  const writes = new Map<string, number>()
  for (let i = 0; i < ids.length; i += 50) {
    const page = await client.crm.companies.batchApi.read({
      inputs: ids.slice(i, i + 50).map((id) => ({ id })),
      properties: ['health_score'],
      propertiesWithHistory: ['health_score'],
    })
    for (const record of page.results) {
      const history = record.propertiesWithHistory?.health_score ?? []
      writes.set(record.id, history.filter((entry) => entry.value).length)
    }
  }
  return writes
}
