/**
 * @module Whether an answer came from a HubSpot API at all, read from the answer itself (its
 * content type and the shape of its JSON), never from the host name: a wrong `--base-url` then
 * says so instead of failing later on a missing field.
 */

/** Thrown by the client's response middleware for an answer no HubSpot API gives. */
export class NotHubSpotAnswer extends Error {
  constructor(
    readonly status: number,
    /** What came back, for a person: `200 text/html`, `404 JSON without HubSpot's fields`. */
    readonly answered: string,
  ) {
    super(`answered ${answered}`)
    this.name = 'NotHubSpotAnswer'
  }
}

/** Top-level fields at least one of which every successful HubSpot CRM answer carries. */
const SUCCESS_FIELDS = ['results', 'id', 'name', 'total', 'status', 'objectId']

/**
 * What an answer shows that HubSpot would never send, or null when it could be HubSpot's. Answers
 * a proxy may put in front of HubSpot (429 and 5xx) are left to the retry policy.
 * @example
 * describeForeignAnswer(200, 'text/html; charset=utf-8', '<html>…') // '200 text/html'
 * describeForeignAnswer(200, 'application/json', '{"results":[]}') // null
 */
export function describeForeignAnswer(
  status: number,
  contentType: string | undefined,
  body: string,
): string | null {
  if (status === 204 || status === 429 || status >= 500 || body.trim() === '') return null
  const type = (contentType ?? '').split(';')[0]?.trim() || 'no content type'
  if (!/json/i.test(type)) return `${status} ${type}`
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    return `${status} ${type} that is not JSON`
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return `${status} JSON that is not an object`
  const fields = parsed as Record<string, unknown>
  const looksRight =
    status < 400
      ? SUCCESS_FIELDS.some((field) => field in fields)
      : typeof fields.message === 'string'
  return looksRight ? null : `${status} JSON without HubSpot's fields`
}
