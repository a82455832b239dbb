/**
 * @module The `errors` of a 207 batch answer, read with zod: which inputs were not found (deleted,
 * archived, or never there), which failed for another reason, and whether a retry can help.
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

/** Why one input failed, and whether sending it again can help. */
export interface BatchFailure {
  readonly reason: string
  readonly retryable: boolean
}

/** Categories that fail the same way however often the input is sent. */
const PERMANENT = new Set([
  'OBJECT_NOT_FOUND',
  'VALIDATION_ERROR',
  'CONFLICT',
  'OBJECT_ALREADY_EXISTS',
  'MISSING_SCOPES',
  'INVALID_AUTHENTICATION',
  'EXPIRED_AUTHENTICATION',
])

/** What to say of an input the answer neither returned nor named in an error. */
export const UNREPORTED: BatchFailure = {
  reason: 'UNKNOWN: the batch answered without this record and without an error naming it',
  retryable: true,
}

/** The errors of a batch answer, sorted by outcome. */
export interface SortedBatchErrors {
  /** Ids HubSpot says do not exist (OBJECT_NOT_FOUND). */
  readonly notFound: ReadonlySet<string>
  /** Every id an error names (the not-found ones too), with HubSpot's reason. */
  readonly failed: ReadonlyMap<string, BatchFailure>
  /** Errors that name no id: the whole batch's outcome is unknown for the ids not returned. */
  readonly unattributed: readonly BatchFailure[]
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
  const failed = new Map<string, BatchFailure>()
  const unattributed: BatchFailure[] = []
  for (const raw of errorsSchema.parse(errors ?? [])) {
    const parsed = batchErrorSchema.safeParse(raw)
    if (!parsed.success) continue
    const error = parsed.data
    const ids = idKeys.flatMap((key) => error.context[key] ?? [])
    const failure = {
      reason: `${error.category}: ${error.message}`,
      retryable: !PERMANENT.has(error.category),
    }
    if (ids.length === 0) {
      unattributed.push(failure)
      continue
    }
    for (const id of ids) {
      if (error.category === 'OBJECT_NOT_FOUND') notFound.add(id)
      failed.set(id, failure)
    }
  }
  return { notFound, failed, unattributed }
}
