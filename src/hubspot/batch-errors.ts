/**
 * @module The `errors` of a 207 batch answer, read with zod: which inputs were not found (deleted,
 * archived, or never there) and which failed for another reason and may be retried.
 */
import { z } from 'zod'

/** The part of HubSpot's `StandardError` a batch reader relies on. */
export interface BatchError {
  readonly category: string
  readonly subCategory?: string
  readonly message: string
  readonly context: Readonly<Record<string, readonly string[]>>
}

const batchErrorSchema: z.ZodType<BatchError> = z.object({
  category: z.string().catch('UNKNOWN'),
  subCategory: z.string().optional().catch(undefined),
  message: z.string().catch(''),
  context: z
    .record(z.string(), z.array(z.union([z.string(), z.number()]).transform(String)))
    .catch({}),
})

const errorsSchema = z.array(z.unknown()).catch([])

/** The errors of a batch answer, sorted by outcome. */
export interface SortedBatchErrors {
  /** Ids HubSpot says do not exist (OBJECT_NOT_FOUND). */
  readonly notFound: ReadonlySet<string>
  /** Ids that failed for another reason, with HubSpot's message: worth a retry. */
  readonly failed: ReadonlyMap<string, string>
  /** Errors that name no id: the whole batch's outcome is unknown for the ids not returned. */
  readonly unattributed: readonly string[]
}

/**
 * Sorts the `errors` of a batch answer (absent on a 200) by id.
 * @param idKeys the `context` keys that hold input ids: `ids` for objects, `fromObjectId` for associations
 */
export function sortBatchErrors(
  errors: unknown,
  idKeys: readonly string[] = ['ids'],
): SortedBatchErrors {
  const notFound = new Set<string>()
  const failed = new Map<string, string>()
  const unattributed: string[] = []
  for (const raw of errorsSchema.parse(errors ?? [])) {
    const parsed = batchErrorSchema.safeParse(raw)
    if (!parsed.success) continue
    const error = parsed.data
    const ids = idKeys.flatMap((key) => error.context[key] ?? [])
    if (ids.length === 0) {
      unattributed.push(`${error.category}: ${error.message}`)
      continue
    }
    for (const id of ids) {
      if (error.category === 'OBJECT_NOT_FOUND') notFound.add(id)
      else failed.set(id, `${error.category}: ${error.message}`)
    }
  }
  return { notFound, failed, unattributed }
}
