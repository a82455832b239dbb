/** @module Reading the `errors` of a 207 batch response: which record failed, why, and whether to retry. */

/** The fields of a batch error (`StandardError`) this module reads. */
export interface BatchErrorEntry {
  readonly category: string
  readonly message: string
  readonly context?: { readonly [key: string]: readonly string[] | undefined }
}

/** Why one record failed, and whether sending it again can help. */
export interface RecordError {
  readonly reason: string
  readonly retryable: boolean
}

/** Categories that fail the same way however often the record is sent. */
const PERMANENT = new Set([
  'OBJECT_NOT_FOUND',
  'VALIDATION_ERROR',
  'CONFLICT',
  'OBJECT_ALREADY_EXISTS',
  'MISSING_SCOPES',
  'INVALID_AUTHENTICATION',
  'EXPIRED_AUTHENTICATION',
])

const UNREPORTED: RecordError = {
  reason: 'UNKNOWN: the batch answered without this record and without an error naming it',
  retryable: true,
}

/**
 * Indexes a 207's errors by record id (`context.ids`). A record no error names gets the error
 * that names no ids, if there is one, or an unknown, retryable error.
 * @example readBatchErrors(response.errors).forId('101') // { reason: 'OBJECT_NOT_FOUND: …', retryable: false }
 */
export function readBatchErrors(errors: readonly BatchErrorEntry[] | undefined): {
  forId(id: string): RecordError
} {
  const byId = new Map<string, RecordError>()
  let unattributed: RecordError | undefined
  for (const error of errors ?? []) {
    const entry: RecordError = {
      reason: `${error.category}: ${error.message}`,
      retryable: !PERMANENT.has(error.category),
    }
    const ids = error.context?.ids ?? []
    for (const id of ids) byId.set(id, entry)
    if (ids.length === 0) unattributed ??= entry
  }
  return { forId: (id) => byId.get(id) ?? unattributed ?? UNREPORTED }
}
