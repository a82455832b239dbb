/**
 * @module HubSpot's request signatures, checked by hand: the client's `Signature.isValid` throws on
 * a stale timestamp and compares with `===`. v3 (webhooks, `hubspot.fetch`) is
 * base64(HMAC-SHA256(clientSecret, method + uri + body + timestamp)) within 5 minutes; v2 (workflow
 * actions) is hex sha256(clientSecret + method + uri + body). Both compare in constant time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** How far a v3 timestamp may be from our clock, either way, ms. */
export const SIGNATURE_WINDOW_MS = 5 * 60 * 1000

export const SIGNATURE_FAILURES = ['missing', 'stale', 'forged'] as const
export type SignatureFailure = (typeof SIGNATURE_FAILURES)[number]

/** A verdict on a request's signature; `message` is fit for a 401 body (it names no secret). */
export type SignatureCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: SignatureFailure; readonly message: string }

/** What HubSpot signed: `uri` is the full URI as HubSpot called it (public URL + path + query). */
export interface SignedRequest {
  readonly method: string
  readonly uri: string
  /** The raw body, exactly the bytes received, as UTF-8 text ('' when there is none). */
  readonly body: string
  readonly clientSecret: string
}

export interface V3Request extends SignedRequest {
  /** `X-HubSpot-Request-Timestamp`: epoch ms, as a decimal string. */
  readonly timestamp: string | undefined
  /** `X-HubSpot-Signature-v3`. */
  readonly signature: string | undefined
  /** Our clock, epoch ms. */
  readonly now: number
}

/**
 * The percent-encodings HubSpot's validation guide lists to decode in the URI before signing, and
 * only those: `%2B` or `%20` in a query value (an email, a name) stay as sent.
 */
const DECODED: Readonly<Record<string, string>> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$',
  '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
} // prettier-ignore

/** The URI as HubSpot's v3 signature sees it: the guide's percent-encodings decoded. */
export function signatureUri(uri: string): string {
  return uri.replace(/%[0-9A-F]{2}/gi, (code) => DECODED[code.toUpperCase()] ?? code)
}

/**
 * Signs a request as HubSpot does with v3: for tests, the emulator and the demo's curl.
 * @example
 * const timestamp = String(Date.now())
 * const signature = signV3({ method: 'GET', uri, body: '', clientSecret, timestamp })
 * // curl -H "X-HubSpot-Signature-v3: $signature" -H "X-HubSpot-Request-Timestamp: $timestamp" …
 */
export function signV3(request: SignedRequest & { readonly timestamp: string }): string {
  return hmacV3(request, signatureUri(request.uri))
}

/**
 * Checks a v3 signature: present, timestamp within 5 minutes of `now` (either way), and the HMAC
 * equal in constant time. The URI is tried as the guide has HubSpot sign it (decoded) and as
 * received, so a proxy's or a client's choice of encoding for those characters cannot lock us out.
 * @example
 * const check = verifyV3({ method: req.method, uri: publicUrl + req.originalUrl, body: rawBody,
 *   timestamp: req.get('x-hubspot-request-timestamp'), signature: req.get('x-hubspot-signature-v3'),
 *   clientSecret, now: Date.now() })
 * if (!check.ok) return res.status(401).json({ status: 'error', message: check.message })
 */
export function verifyV3(request: V3Request): SignatureCheck {
  const { timestamp, signature, now } = request
  if (!signature) return fail('missing', 'the X-HubSpot-Signature-v3 header is missing')
  if (!timestamp) return fail('missing', 'the X-HubSpot-Request-Timestamp header is missing')
  if (!/^\d{1,16}$/.test(timestamp))
    return fail('stale', 'X-HubSpot-Request-Timestamp is not a time in epoch milliseconds')
  if (Math.abs(now - Number(timestamp)) > SIGNATURE_WINDOW_MS)
    return fail('stale', 'the request timestamp is more than 5 minutes from the server’s clock')
  const uris = new Set([signatureUri(request.uri), request.uri])
  for (const uri of uris) if (sameText(signature, hmacV3({ ...request, timestamp }, uri))) return OK
  return fail('forged', 'the X-HubSpot-Signature-v3 signature does not match the request')
}

/**
 * Signs a request as HubSpot does with v2 (workflow action callbacks).
 * @example
 * signV2({ method: 'POST', uri: 'https://example.com/actions', body, clientSecret }) // 64 hex digits
 */
export function signV2(request: SignedRequest): string {
  const { clientSecret, method, uri, body } = request
  return createHash('sha256').update(`${clientSecret}${method}${uri}${body}`, 'utf8').digest('hex')
}

/**
 * Checks a v2 signature (`X-HubSpot-Signature` with `X-HubSpot-Signature-Version: v2`). v2 has no
 * timestamp, so a replay cannot be told from a retry: dedupe on what the request carries.
 * @example
 * const check = verifyV2({ method: 'POST', uri, body: rawBody, clientSecret,
 *   signature: req.get('x-hubspot-signature') })
 */
export function verifyV2(
  request: SignedRequest & { readonly signature: string | undefined },
): SignatureCheck {
  if (!request.signature) return fail('missing', 'the X-HubSpot-Signature header is missing')
  if (sameText(request.signature.toLowerCase(), signV2(request))) return OK
  return fail('forged', 'the X-HubSpot-Signature signature does not match the request')
}

const OK: SignatureCheck = { ok: true }

function fail(reason: SignatureFailure, message: string): SignatureCheck {
  return { ok: false, reason, message }
}

function hmacV3(request: SignedRequest & { readonly timestamp: string }, uri: string): string {
  const { clientSecret, method, body, timestamp } = request
  return createHmac('sha256', clientSecret)
    .update(`${method}${uri}${body}${timestamp}`, 'utf8')
    .digest('base64')
}

/** Constant-time equality of two strings; their lengths (public: 44 or 64 characters) may leak. */
function sameText(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8')
  const b = Buffer.from(expected, 'utf8')
  return a.length === b.length && timingSafeEqual(a, b)
}
