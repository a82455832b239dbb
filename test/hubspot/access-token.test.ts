/** The token checked before it is sent, and cut out of whatever an API answers. */
import { http, HttpResponse } from 'msw'
import { expect, it } from 'vitest'

import { scrubToken, tokenProblem } from '../../src/hubspot/access-token.ts'
import { createConnection } from '../../src/hubspot/connection.ts'
import { HubSpotApiError } from '../../src/hubspot/errors.ts'
import { useMswServer } from '../support/msw.ts'
import { BASE_PATH } from '../support/portal.ts'

const server = useMswServer()

it.each([
  ['', 'it is empty'],
  ['abc\ndef', 'control character'],
  ['abc\u001b[31m', 'control character'],
  ['abc def', 'spaces'],
  ['abc\u00a0def', 'spaces'],
  ['abcé', 'other than letters, digits and punctuation'],
  ['x'.repeat(2049), '2049 characters long'],
])('names what is wrong with the token %j without quoting it', (token, problem) => {
  expect(tokenProblem(token)).toContain(problem)
  if (token.length > 3) expect(tokenProblem(token)).not.toContain(token.slice(0, 3))
})

it('accepts the tokens HubSpot hands out', () => {
  expect(tokenProblem(['pat', 'na1', '0123abcd-4567-89ef'].join('-'))).toBeNull()
  expect(tokenProblem('CJSP5qf1KhICAQEYs-gDIIGOBii1hQIyGQAf3xBKmlwHjX7OIpuIFEavB2')).toBeNull()
})

it('cuts the token out of text, as sent and as JSON escapes it', () => {
  expect(scrubToken('Bearer s3cr"t! and s3cr\\"t!', 's3cr"t!')).toBe('Bearer [token] and [token]')
})

it('refuses to connect with a token no header can carry', () => {
  expect(() => createConnection({ accessToken: 'abc\r\ndef', basePath: BASE_PATH })).toThrow(
    'the access token cannot be sent: it holds a line break or another control character',
  )
})

it('never lets an answer that repeats the token bring it into an error', async () => {
  const token = `secret-${crypto.randomUUID()}`
  server.use(
    http.get(`${BASE_PATH}/crm/v3/objects/companies`, ({ request }) =>
      HttpResponse.json(
        {
          status: 'error',
          message: `no such token: ${request.headers.get('authorization')}`,
          correlationId: token,
          category: 'INVALID_AUTHENTICATION',
        },
        { status: 401, headers: { 'x-seen': token } },
      ),
    ),
  )
  const conn = createConnection({ accessToken: token, basePath: BASE_PATH })
  try {
    const error: unknown = await conn
      .call('GET /crm/v3/objects/companies', () => conn.client.crm.companies.basicApi.getPage(1))
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(HubSpotApiError)
    const { detail, correlationId, message } = error as HubSpotApiError
    expect({ detail, correlationId }).toEqual({
      detail: 'no such token: Bearer [token]',
      correlationId: '[token]',
    })
    expect(message).not.toContain(token)
    // The client's own exception, kept as `cause`, carries the body and headers it read.
    const cause = (error as Error).cause as { message: string; body: unknown; headers: unknown }
    expect(cause.message).toContain('[token]')
    expect(`${cause.message}${JSON.stringify([cause.body, cause.headers])}`).not.toContain(token)
  } finally {
    await conn.close()
  }
})
