import { TransportError } from './types.ts'

interface IssueLike {
  readonly message: string
}

function isIssueList(value: unknown): value is readonly IssueLike[] {
  return (
    Array.isArray(value) &&
    value.every((issue) => typeof (issue as IssueLike | null)?.message === 'string')
  )
}

/**
 * Reads an app function's `{success, value} | {success: false, issues}` answer: the value, or a
 * `TransportError` carrying the issues. Anything else is a function that broke its contract.
 * @example
 * const health = readResult<CompanyHealth>(await run('score_company', options), 'score_company')
 * @throws TransportError when the function refused the input or answered something else
 */
export function readResult<T>(answer: unknown, functionUid: string): T {
  if (typeof answer === 'object' && answer !== null && 'success' in answer) {
    if (answer.success === true && 'value' in answer) return answer.value as T
    if (answer.success === false && 'issues' in answer && isIssueList(answer.issues)) {
      const issues = answer.issues
      throw new TransportError(issues.map((issue) => issue.message).join('; '), issues)
    }
  }
  throw new TransportError(`${functionUid} answered something the card cannot read`)
}
