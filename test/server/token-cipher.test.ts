import { createDecipheriv, randomBytes } from 'node:crypto'

import { expect, it } from 'vitest'

import { installationTokenContext, TokenCipher, TokenCipherError } from '../../src/server/index.ts'

const TOKEN = 'CNPoz9GVMhICAQEYs-gDIIGOBii1hQIyGQAf3xBKmlwHjX7OIpuIFEavB2-qYAGQsF4'
const KEY = randomBytes(32)
const HERE = installationTokenContext(62515, 'access')

function reasonOf(open: () => string): string {
  try {
    open()
  } catch (error) {
    expect(error).toBeInstanceOf(TokenCipherError)
    return (error as TokenCipherError).reason
  }
  throw new Error('expected the token not to open')
}

it('opens what it sealed, and seals the same token differently each time', () => {
  const cipher = new TokenCipher(KEY)
  const first = cipher.seal(TOKEN, HERE)
  const second = cipher.seal(TOKEN, HERE)
  expect(cipher.open(first, HERE)).toBe(TOKEN)
  expect(cipher.open(second, HERE)).toBe(TOKEN)
  expect(first).not.toBe(second)
  expect(first).not.toContain(TOKEN)
  expect(first).toMatch(new RegExp(`^hs1\\.${cipher.keyId}\\.[\\w-]{16}\\.[\\w-]+\\.[\\w-]{22}$`))
})

it('is plain AES-256-GCM over the token, with the header and context as associated data', () => {
  const sealed = new TokenCipher(KEY).seal(TOKEN, HERE)
  const [format, id, iv, body, tag] = sealed.split('.') as [string, string, string, string, string]
  const decipher = createDecipheriv('aes-256-gcm', KEY, Buffer.from(iv, 'base64url'))
  decipher.setAAD(Buffer.from(`${format}.${id}\n${HERE}`))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()])
  expect(plain.toString()).toBe(TOKEN)
})

it('refuses a sealed token with any byte of its IV, data or tag changed', () => {
  const cipher = new TokenCipher(KEY)
  const sealed = cipher.seal(TOKEN, HERE)
  const parts = sealed.split('.')
  for (const index of [2, 3, 4]) {
    const bytes = Buffer.from(parts[index] ?? '', 'base64url')
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 1
    const tampered = parts.with(index, bytes.toString('base64url')).join('.')
    expect(reasonOf(() => cipher.open(tampered, HERE))).toBe('forged')
  }
})

it('refuses a token moved to another portal’s row, or to the other token’s column', () => {
  const cipher = new TokenCipher(KEY)
  const sealed = cipher.seal(TOKEN, HERE)
  expect(reasonOf(() => cipher.open(sealed, installationTokenContext(62516, 'access')))).toBe(
    'forged',
  )
  expect(reasonOf(() => cipher.open(sealed, installationTokenContext(62515, 'refresh')))).toBe(
    'forged',
  )
})

it('refuses a token sealed with another key, naming the key id, never the token', () => {
  const sealed = new TokenCipher(KEY).seal(TOKEN, HERE)
  const other = new TokenCipher(randomBytes(32))
  expect(reasonOf(() => other.open(sealed, HERE))).toBe('unknown-key')
  expect(() => other.open(sealed, HERE)).toThrow(/sealed with key \S{8}, which this server/)
  // Same key id, different key: a forged header cannot make another key open it.
  const relabelled = sealed.replace(/^hs1\.[^.]+/, `hs1.${other.keyId}`)
  expect(reasonOf(() => other.open(relabelled, HERE))).toBe('forged')
})

it('opens tokens sealed under a previous key after rotation, and seals with the new one', () => {
  const old = new TokenCipher(KEY)
  const sealed = old.seal(TOKEN, HERE)
  const rotated = new TokenCipher(randomBytes(32), { previous: [KEY] })
  expect(rotated.open(sealed, HERE)).toBe(TOKEN)
  expect(rotated.seal(TOKEN, HERE).startsWith(`hs1.${rotated.keyId}.`)).toBe(true)
  expect(rotated.keyId).not.toBe(old.keyId)
})

it('refuses malformed values and keys of the wrong size', () => {
  const cipher = new TokenCipher(KEY)
  expect(reasonOf(() => cipher.open(TOKEN, HERE))).toBe('malformed')
  expect(reasonOf(() => cipher.open(`hs1.${cipher.keyId}.AAAA.AAAA.AAAA`, HERE))).toBe('malformed')
  expect(() => new TokenCipher(randomBytes(16))).toThrow('a token key must be 32 bytes, got 16')
})
