/**
 * @module Tokens at rest: AES-256-GCM with a random 12-byte IV per value and its 16-byte tag. A
 * sealed value reads `hs1.<key id>.<iv>.<ciphertext>.<tag>` (base64url). The format and key id are
 * authenticated along with the caller's context (the portal and which token), so a sealed token
 * copied to another portal's row, or re-labelled, fails to open.
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto'

declare const SEALED: unique symbol
/** A token as the store keeps it: only `TokenCipher.seal` makes one. */
export type SealedToken = string & { readonly [SEALED]: true }

const FORMAT = 'hs1'
const IV_BYTES = 12
const TAG_BYTES = 16

export const TOKEN_CIPHER_FAILURES = ['malformed', 'unknown-key', 'forged'] as const
export type TokenCipherFailure = (typeof TOKEN_CIPHER_FAILURES)[number]

/** A sealed token could not be opened; the message names why, never the value. */
export class TokenCipherError extends Error {
  readonly reason: TokenCipherFailure

  constructor(reason: TokenCipherFailure, message: string) {
    super(message)
    this.name = 'TokenCipherError'
    this.reason = reason
  }
}

/** The context a portal's token is sealed under: it binds the ciphertext to its row. */
export function installationTokenContext(portalId: number, which: 'access' | 'refresh'): string {
  return `installation/${portalId}/${which}`
}

/**
 * Seals and opens tokens with one current key; keys given as `previous` still open what they
 * sealed, so a key can be rotated without losing installations.
 * @example
 * const cipher = new TokenCipher(config.tokenKey)
 * const sealed = cipher.seal(accessToken, installationTokenContext(hubId, 'access'))
 * cipher.open(sealed, installationTokenContext(hubId, 'access')) // accessToken
 */
export class TokenCipher {
  private readonly current: { id: string; key: Buffer }
  private readonly keys: ReadonlyMap<string, Buffer>

  /** @throws Error when a key is not 32 bytes */
  constructor(key: Buffer, options: { previous?: readonly Buffer[] } = {}) {
    const all = [key, ...(options.previous ?? [])]
    for (const each of all)
      if (each.length !== 32) throw new Error(`a token key must be 32 bytes, got ${each.length}`)
    this.keys = new Map(all.map((each) => [keyId(each), Buffer.from(each)]))
    this.current = { id: keyId(key), key: Buffer.from(key) }
  }

  /** The current key's id: a fingerprint that says which key sealed a value, not the key. */
  get keyId(): string {
    return this.current.id
  }

  seal(plain: string, context: string): SealedToken {
    const iv = randomBytes(IV_BYTES)
    const header = `${FORMAT}.${this.current.id}`
    const cipher = createCipheriv('aes-256-gcm', this.current.key, iv, { authTagLength: TAG_BYTES })
    cipher.setAAD(associatedData(header, context))
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
    const parts = [iv, body, cipher.getAuthTag()].map((part) => part.toString('base64url'))
    return [header, ...parts].join('.') as SealedToken
  }

  /** @throws TokenCipherError when the value is malformed, from an unknown key, or altered */
  open(sealed: string, context: string): string {
    const parts = sealed.split('.')
    const [format, id, iv, body, tag] = parts
    if (parts.length !== 5 || format !== FORMAT || !id || !iv || body === undefined || !tag)
      throw new TokenCipherError(
        'malformed',
        `a sealed token must read ${FORMAT}.<key>.<iv>.<data>.<tag>`,
      )
    const key = this.keys.get(id)
    if (!key)
      throw new TokenCipherError(
        'unknown-key',
        `the token was sealed with key ${id}, which this server does not hold (its key is ${this.current.id})`,
      )
    const ivBytes = Buffer.from(iv, 'base64url')
    const tagBytes = Buffer.from(tag, 'base64url')
    if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES)
      throw new TokenCipherError('malformed', 'a sealed token’s IV or tag has the wrong length')
    const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES })
    decipher.setAAD(associatedData(`${format}.${id}`, context))
    decipher.setAuthTag(tagBytes)
    try {
      const plain = Buffer.concat([
        decipher.update(Buffer.from(body, 'base64url')),
        decipher.final(),
      ])
      return plain.toString('utf8')
    } catch {
      throw new TokenCipherError(
        'forged',
        'a sealed token failed authentication: altered, or sealed for another row',
      )
    }
  }
}

function associatedData(header: string, context: string): Buffer {
  return Buffer.from(`${header}\n${context}`, 'utf8')
}

function keyId(key: Buffer): string {
  return createHash('sha256')
    .update('health-score token key id\n')
    .update(key)
    .digest('base64url')
    .slice(0, 8)
}
