/**
 * @module The access token, kept out of everything the app says: checked before any request (a
 * token an HTTP header cannot carry would only fail as a network error, retried), and cut from
 * every answer before the client reads it, so an API that repeats the Authorization header back
 * cannot bring the token into an error line, a log or the journal.
 */

/** What stands in for the token wherever an answer repeated it. */
export const TOKEN_PLACEHOLDER = '[token]'

/** Longer than any HubSpot token (private-app tokens are ~45 characters, OAuth ones a few hundred). */
const MAX_TOKEN_LENGTH = 2048

/**
 * What is wrong with a token, never quoting it, or null when an Authorization header can carry it.
 * @example
 * tokenProblem('pat-na1-…\n') // 'it holds a line break or another control character'
 */
export function tokenProblem(token: string): string | null {
  if (token.length === 0) return 'it is empty'
  if (token.length > MAX_TOKEN_LENGTH)
    return `it is ${token.length} characters long, more than any HubSpot token`
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(token))
    return 'it holds a line break or another control character'
  if (/\s/.test(token)) return 'it holds spaces'
  if (/[^\u0021-\u007e]/.test(token))
    return 'it holds characters other than letters, digits and punctuation'
  return null
}

/**
 * `text` with every occurrence of `token` (as sent, and as a JSON string would escape it) replaced
 * by `[token]`.
 * @example
 * scrubToken('bad credentials: Bearer abc', 'abc') // 'bad credentials: Bearer [token]'
 */
export function scrubToken(text: string, token: string): string {
  let out = text
  for (const form of new Set([token, JSON.stringify(token).slice(1, -1)]))
    if (form) out = out.split(form).join(TOKEN_PLACEHOLDER)
  return out
}

/** The part of the client's response context an answer's text lives in. */
export interface AnswerContext {
  headers: Record<string, string | undefined>
  body: { text(): Promise<string>; binary(): Promise<Buffer> }
}

/** Cuts `token` out of an answer's headers and body, in place; returns the context. */
export async function scrubAnswer<C extends AnswerContext>(context: C, token: string): Promise<C> {
  for (const [name, value] of Object.entries(context.headers)) {
    const scrubbed = value === undefined ? value : scrubToken(value, token)
    if (scrubbed !== value) context.headers[name] = scrubbed
  }
  const text = await context.body.text()
  const scrubbed = scrubToken(text, token)
  if (scrubbed !== text)
    context.body = {
      text: async () => scrubbed,
      binary: async () => Buffer.from(scrubbed),
    }
  return context
}
