import { randomBytes } from 'node:crypto'
import { inspect } from 'node:util'

import { expect, it } from 'vitest'

import { loadServerConfig, ServerConfigError } from '../../src/server/index.ts'

const SECRET = 'client-secret-do-not-print'
const KEY = randomBytes(32).toString('base64')
const MINIMAL = { HUBSPOT_CLIENT_ID: 'cid', HUBSPOT_CLIENT_SECRET: SECRET }
const PRODUCTION = {
  ...MINIMAL,
  NODE_ENV: 'production',
  HEALTH_SCORE_ENCRYPTION_KEY: KEY,
  HEALTH_SCORE_PUBLIC_URL: 'https://health.example.com/',
}

function problemsOf(env: Record<string, string | undefined>): readonly string[] {
  try {
    loadServerConfig(env)
  } catch (error) {
    expect(error).toBeInstanceOf(ServerConfigError)
    return (error as ServerConfigError).problems
  }
  throw new Error('expected a ServerConfigError')
}

it('fills every default outside production, with a generated key and a warning', () => {
  const config = loadServerConfig(MINIMAL)
  expect(config).toMatchObject({
    production: false,
    clientId: 'cid',
    clientSecret: SECRET,
    publicUrl: 'http://127.0.0.1:3000',
    apiBaseUrl: 'https://api.hubapi.com',
    authorizeUrl: 'https://app.hubspot.com/oauth/authorize',
    dataDir: '.health-score',
    rescoreAt: { hour: 2, minute: 0 },
    port: 3000,
  })
  expect(config.tokenKey).toHaveLength(32)
  expect(config.warnings).toEqual([
    expect.stringMatching(/^HEALTH_SCORE_ENCRYPTION_KEY is not set/),
  ])
  expect(loadServerConfig(MINIMAL).tokenKey.equals(config.tokenKey)).toBe(false)
})

it('reads every variable, and points the authorize page at a given API base URL', () => {
  const config = loadServerConfig({
    ...PRODUCTION,
    HUBSPOT_API_BASE_URL: 'http://127.0.0.1:4010/',
    HEALTH_SCORE_DATA_DIR: '/var/lib/health',
    HEALTH_SCORE_RESCORE_AT: '23:45',
    PORT: '8080',
  })
  expect(config).toMatchObject({
    production: true,
    publicUrl: 'https://health.example.com',
    apiBaseUrl: 'http://127.0.0.1:4010',
    authorizeUrl: 'http://127.0.0.1:4010/oauth/authorize',
    dataDir: '/var/lib/health',
    rescoreAt: { hour: 23, minute: 45 },
    port: 8080,
    warnings: [],
  })
  expect(
    loadServerConfig({ ...MINIMAL, HUBSPOT_AUTHORIZE_URL: 'https://auth.example/authorize' })
      .authorizeUrl,
  ).toBe('https://auth.example/authorize')
})

it('derives one key per purpose from the encryption key, the same on every start', () => {
  const first = loadServerConfig(PRODUCTION)
  const again = loadServerConfig(PRODUCTION)
  expect(first.tokenKey.equals(again.tokenKey)).toBe(true)
  expect(first.stateSecret.equals(again.stateSecret)).toBe(true)
  expect(first.tokenKey.equals(first.stateSecret)).toBe(false)
  expect(first.tokenKey.equals(Buffer.from(KEY, 'base64'))).toBe(false)
})

it('reports every missing or bad variable at once, one line each', () => {
  expect(
    problemsOf({
      HUBSPOT_CLIENT_ID: '',
      HEALTH_SCORE_PUBLIC_URL: 'ftp://example.com',
      HUBSPOT_API_BASE_URL: 'not a url',
      HEALTH_SCORE_RESCORE_AT: '24:00',
      PORT: '70000',
      DATABASE_URL: 'postgres://user:pw@db/health',
    }),
  ).toEqual([
    expect.stringMatching(/^HUBSPOT_CLIENT_ID is required: /),
    expect.stringMatching(/^HUBSPOT_CLIENT_SECRET is required: /),
    'HEALTH_SCORE_PUBLIC_URL must be an http(s) URL',
    'HUBSPOT_API_BASE_URL must be an http(s) URL',
    expect.stringMatching(/^DATABASE_URL is not supported yet/),
    'HEALTH_SCORE_RESCORE_AT must be HH:MM in UTC, from 00:00 to 23:59',
    'PORT must be a port number from 0 to 65535',
  ])
})

it('requires a key and an HTTPS public URL in production', () => {
  expect(problemsOf({ ...MINIMAL, NODE_ENV: 'production' })).toEqual([
    expect.stringMatching(/^HEALTH_SCORE_ENCRYPTION_KEY is required when NODE_ENV=production/),
    expect.stringMatching(/^HEALTH_SCORE_PUBLIC_URL is required when NODE_ENV=production/),
  ])
  expect(
    problemsOf({ ...PRODUCTION, HEALTH_SCORE_PUBLIC_URL: 'http://health.example.com' }),
  ).toEqual(['HEALTH_SCORE_PUBLIC_URL must be an https URL when NODE_ENV=production'])
  expect(
    problemsOf({ ...PRODUCTION, HEALTH_SCORE_PUBLIC_URL: 'ftp://health.example.com' }),
  ).toEqual(['HEALTH_SCORE_PUBLIC_URL must be an http(s) URL'])
})

it('refuses a key that is not 32 bytes of base64, without printing it', () => {
  const short = randomBytes(16).toString('base64')
  const problems = [
    ...problemsOf({ ...MINIMAL, HEALTH_SCORE_ENCRYPTION_KEY: short }),
    ...problemsOf({ ...MINIMAL, HEALTH_SCORE_ENCRYPTION_KEY: 'not base64 at all!' }),
  ]
  expect(problems).toEqual([
    expect.stringMatching(
      /^HEALTH_SCORE_ENCRYPTION_KEY must be 32 bytes in base64, it decodes to 16/,
    ),
    expect.stringMatching(/^HEALTH_SCORE_ENCRYPTION_KEY must be base64/),
  ])
  expect(problems.join('\n')).not.toContain(short)
})

it('never echoes the client secret or a key in its error', () => {
  const env = { ...PRODUCTION, HEALTH_SCORE_PUBLIC_URL: 'http://x', PORT: 'eighty' }
  let message = ''
  try {
    loadServerConfig(env)
  } catch (error) {
    message = String(error)
  }
  expect(message).toMatch(/PORT/)
  expect(message).not.toContain(SECRET)
  expect(message).not.toContain(KEY)
})

it('shows its secrets as [redacted] when logged, stringified or inspected', () => {
  const config = loadServerConfig(PRODUCTION)
  const tokenKey = config.tokenKey.toString('hex')
  for (const shown of [JSON.stringify({ config }), inspect(config, { depth: 5 })]) {
    expect(shown).toContain('cid')
    expect(shown).toContain('[redacted]')
    expect(shown).not.toContain(SECRET)
    expect(shown).not.toContain(KEY)
    expect(shown).not.toMatch(new RegExp(`${tokenKey.slice(0, 2)} ${tokenKey.slice(2, 4)}`))
  }
  expect(config.clientSecret).toBe(SECRET)
})
