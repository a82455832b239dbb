/**
 * HubSpot's request signatures. v3: base64(HMAC-SHA256(clientSecret, method + uri + body +
 * timestamp)) with the timestamp in epoch ms; v1: hex(SHA-256(clientSecret + body)).
 * (developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation)
 */
import { createHash, createHmac } from 'node:crypto'

/** The signature headers of one POST. */
export interface SignatureHeaders {
  'X-HubSpot-Signature-v3': string
  'X-HubSpot-Request-Timestamp': string
  'X-HubSpot-Signature': string
  'X-HubSpot-Signature-Version': 'v1'
}

/**
 * Signs a POST of `body` to `uri` at `timestamp` (epoch ms) with the app's client secret.
 * @example signRequest('secret', 'https://example.com/hook', '[]', 1790000000000)
 */
export function signRequest(
  clientSecret: string,
  uri: string,
  body: string,
  timestamp: number,
): SignatureHeaders {
  const stamp = String(timestamp)
  return {
    'X-HubSpot-Signature-v3': createHmac('sha256', clientSecret)
      .update(`POST${uri}${body}${stamp}`, 'utf8')
      .digest('base64'),
    'X-HubSpot-Request-Timestamp': stamp,
    'X-HubSpot-Signature': createHash('sha256')
      .update(`${clientSecret}${body}`, 'utf8')
      .digest('hex'),
    'X-HubSpot-Signature-Version': 'v1',
  }
}
