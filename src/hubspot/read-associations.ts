/**
 * @module Associations v4 batch reads: up to 1,000 records a call, following each record's paging
 * (HubSpot pages at 500 associations) in later calls that again carry up to 1,000 inputs. HubSpot
 * exempts them from the burst limit, so they take none of the connection's burst budget.
 */
import { sortBatchErrors } from './batch-errors.ts'
import type { HubSpotConnection } from './connection.ts'
import { DailyLimitError, HubSpotApiError } from './errors.ts'
import { LIMITS } from './gather-plan.ts'

/** The associated ids of each record read, and the records whose associations could not be read. */
export interface AssociationsRead {
  /** Associated ids by record id; a record with none maps to an empty list. */
  readonly targets: Map<string, string[]>
  readonly failed: Map<string, string>
  /** The token may not read these associations (403). */
  readonly unreadable: boolean
}

interface AssociationInput {
  id: string
  after?: string
}

/**
 * Reads the `to` associations of every `from` record in `ids`.
 * @param retries extra attempts for inputs a 207 failed other than with "no associations found"
 * @throws DailyLimitError when the daily limit is spent
 * @example const { targets } = await readAssociations(conn, 'companies', 'tickets', companyIds)
 */
export async function readAssociations(
  conn: HubSpotConnection,
  from: string,
  to: string,
  ids: readonly string[],
  retries = 2,
): Promise<AssociationsRead> {
  const out = {
    targets: new Map<string, string[]>(),
    failed: new Map<string, string>(),
    unreadable: false,
  }
  for (const id of ids) out.targets.set(id, [])
  const endpoint = `POST /crm/v4/associations/${from}/${to}/batch/read`
  const attempts = new Map<string, number>()
  let pending: AssociationInput[] = [...new Set(ids)].map((id) => ({ id }))
  while (pending.length) {
    const next: AssociationInput[] = []
    const batches: AssociationInput[][] = []
    for (let i = 0; i < pending.length; i += LIMITS.associationInputs)
      batches.push(pending.slice(i, i + LIMITS.associationInputs))
    await Promise.all(
      batches.map(async (inputs) => {
        let answer
        try {
          answer = await conn.call(
            endpoint,
            () => conn.client.crm.associations.v4.batchApi.getPage(from, to, { inputs }),
            { burstExempt: true },
          )
        } catch (error) {
          if (error instanceof DailyLimitError || !(error instanceof HubSpotApiError)) throw error
          if (error.status === 403) out.unreadable = true
          else for (const input of inputs) out.failed.set(input.id, error.message)
          return
        }
        const answered = new Set<string>()
        for (const result of answer.results) {
          const id = String(result._from.id)
          answered.add(id)
          const list = out.targets.get(id) ?? []
          for (const target of result.to) list.push(String(target.toObjectId))
          out.targets.set(id, list)
          const after = result.paging?.next?.after
          if (after) next.push({ id, after })
        }
        const errors = sortBatchErrors('errors' in answer ? answer.errors : undefined, [
          'fromObjectId',
          'ids',
        ])
        for (const input of inputs) {
          // "No associations found" is HubSpot's way of saying the list is empty.
          if (answered.has(input.id) || errors.notFound.has(input.id)) continue
          const tries = (attempts.get(input.id) ?? 0) + 1
          attempts.set(input.id, tries)
          const reason =
            (errors.failed.get(input.id) ?? errors.unattributed[0])?.reason ?? 'not returned'
          if (tries > retries) out.failed.set(input.id, reason)
          else next.push(input)
        }
      }),
    )
    if (out.unreadable) return out
    pending = next
  }
  return out
}
