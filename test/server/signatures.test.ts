import { createHash, createHmac } from 'node:crypto'

import { expect, it } from 'vitest'

import {
  SIGNATURE_WINDOW_MS,
  signatureUri,
  signV2,
  signV3,
  verifyV2,
  verifyV3,
} from '../../src/server/index.ts'

const SECRET = 'yyyyyyyy-yyyy-yyyy-yyyy-yyyyyyyyyyyy'
const NOW = 1_764_633_600_000
const BODY =
  '[{"eventId":1,"subscriptionId":12345,"portalId":62515,"occurredAt":1564113600000,"subscriptionType":"contact.creation","attemptNumber":0,"objectId":123,"changeSource":"CRM","changeFlag":"NEW","appId":54321}]'
const WEBHOOK = {
  method: 'POST',
  uri: 'https://health.example.com/webhooks',
  body: BODY,
  clientSecret: SECRET,
}

/** The v3 formula written out by hand, independent of the module. */
function handV3(method: string, uri: string, body: string, timestamp: string): string {
  return createHmac('sha256', SECRET)
    .update(method + uri + body + timestamp)
    .digest('base64')
}

function v3(overrides: Partial<Parameters<typeof verifyV3>[0]> = {}) {
  const timestamp = String(NOW - 1_000)
  return verifyV3({
    ...WEBHOOK,
    timestamp,
    signature: handV3('POST', WEBHOOK.uri, BODY, timestamp),
    now: NOW,
    ...overrides,
  })
}

it('accepts a v3 signature computed by hand from method, URI, body and timestamp', () => {
  expect(v3()).toEqual({ ok: true })
  expect(signV3({ ...WEBHOOK, timestamp: String(NOW) })).toBe(
    handV3('POST', WEBHOOK.uri, BODY, String(NOW)),
  )
})

it('signs the decoded URI of a hubspot.fetch request, whose query HubSpot adds', () => {
  const uri =
    'https://health.example.com/api/companies/42/health?portalId=62515&userEmail=ann%2Bcs%40example.com&note=a%3Ab%2Fc%20d'
  const decoded =
    'https://health.example.com/api/companies/42/health?portalId=62515&userEmail=ann%2Bcs@example.com&note=a:b/c%20d'
  expect(signatureUri(uri)).toBe(decoded)
  const timestamp = String(NOW)
  const signature = handV3('GET', decoded, '', timestamp)
  expect(signV3({ method: 'GET', uri, body: '', clientSecret: SECRET, timestamp })).toBe(signature)
  expect(v3({ method: 'GET', uri, body: '', timestamp, signature })).toEqual({ ok: true })
  // A signer that did not decode is accepted too: the same secret made it.
  const raw = handV3('GET', uri, '', timestamp)
  expect(v3({ method: 'GET', uri, body: '', timestamp, signature: raw })).toEqual({ ok: true })
})

it('refuses a v3 request whose body, URI, method, portal or timestamp was changed', () => {
  const timestamp = String(NOW)
  const signature = handV3('POST', WEBHOOK.uri, BODY, timestamp)
  const changes = [
    { body: BODY.replace('62515', '62516') },
    { uri: `${WEBHOOK.uri}?portalId=1` },
    { method: 'PUT' },
    { timestamp: String(NOW - 1) },
    { clientSecret: 'another-secret' },
  ]
  for (const change of changes)
    expect(v3({ timestamp, signature, ...change })).toMatchObject({ ok: false, reason: 'forged' })
})

it('says which header is missing', () => {
  expect(v3({ signature: undefined })).toMatchObject({
    ok: false,
    reason: 'missing',
    message: 'the X-HubSpot-Signature-v3 header is missing',
  })
  expect(v3({ timestamp: '' })).toMatchObject({
    reason: 'missing',
    message: 'the X-HubSpot-Request-Timestamp header is missing',
  })
})

it('accepts a timestamp up to 5 minutes either way and refuses one beyond, even if signed', () => {
  for (const [offset, ok] of [
    [SIGNATURE_WINDOW_MS, true],
    [-SIGNATURE_WINDOW_MS, true],
    [SIGNATURE_WINDOW_MS + 1, false],
    [-(SIGNATURE_WINDOW_MS + 1), false],
  ] as const) {
    const timestamp = String(NOW - offset)
    const check = v3({ timestamp, signature: handV3('POST', WEBHOOK.uri, BODY, timestamp) })
    expect(check).toMatchObject(ok ? { ok: true } : { ok: false, reason: 'stale' })
  }
})

it('refuses a timestamp that is not epoch milliseconds, even if signed', () => {
  for (const timestamp of ['soon', '1.7e12', '-1', ' 1764633600000', `${NOW}0000000`]) {
    const check = v3({ timestamp, signature: handV3('POST', WEBHOOK.uri, BODY, timestamp) })
    expect(check).toMatchObject({ ok: false, reason: 'stale' })
  }
})

it('refuses a v3 signature of the wrong length, or the right one truncated or padded', () => {
  const good = handV3('POST', WEBHOOK.uri, BODY, String(NOW - 1_000))
  for (const signature of [good.slice(0, -1), `${good}=`, good.replace('=', ''), 'x', good + good])
    expect(v3({ signature })).toMatchObject({ ok: false, reason: 'forged' })
})

it('matches HubSpot’s documented v2 example, and checks v2 by hand', () => {
  const get = { method: 'GET', uri: 'https://www.example.com/webhook_uri', body: '' }
  const documented = 'eee2dddcc73c94d699f5e395f4b9d454a069a6855fbfa152e91e88823087200e'
  expect(signV2({ ...get, clientSecret: SECRET })).toBe(documented)
  expect(verifyV2({ ...get, clientSecret: SECRET, signature: documented })).toEqual({ ok: true })
  expect(verifyV2({ ...get, clientSecret: SECRET, signature: documented.toUpperCase() })).toEqual({
    ok: true,
  })
  const hand = createHash('sha256')
    .update(SECRET + 'POST' + WEBHOOK.uri + BODY)
    .digest('hex')
  expect(verifyV2({ ...WEBHOOK, signature: hand })).toEqual({ ok: true })
})

it('refuses a v2 signature that is missing, altered or of the wrong length', () => {
  const good = signV2(WEBHOOK)
  expect(verifyV2({ ...WEBHOOK, signature: undefined })).toMatchObject({ reason: 'missing' })
  expect(verifyV2({ ...WEBHOOK, body: `${BODY} `, signature: good })).toMatchObject({
    reason: 'forged',
  })
  for (const signature of [
    good.slice(1),
    `${good}0`,
    good.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')),
  ])
    expect(verifyV2({ ...WEBHOOK, signature })).toMatchObject({ ok: false, reason: 'forged' })
})
