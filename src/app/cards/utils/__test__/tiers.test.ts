import { expect, it } from 'vitest'

import { tierSince } from '../tiers.ts'

const AT = Date.parse('2026-08-01T00:00:00.000Z')

it('reads the tier change time as ISO or epoch milliseconds, for the tier shown only', () => {
  const stored = { health_tier: 'healthy', health_tier_changed_at: '2026-08-01T00:00:00.000Z' }
  expect(tierSince(stored, 'healthy')).toBe(AT)
  expect(tierSince({ ...stored, health_tier_changed_at: String(AT) }, 'healthy')).toBe(AT)
  expect(tierSince(stored, 'neutral')).toBeNull()
  expect(tierSince({ ...stored, health_tier_changed_at: null }, 'healthy')).toBeNull()
  expect(tierSince({ ...stored, health_tier_changed_at: 'soon' }, 'healthy')).toBeNull()
})
