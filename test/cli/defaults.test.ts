import { DEFAULT_RATE_LIMITS } from '@health-score/hubspot-emulator'
import { expect, it } from 'vitest'

import { DEFAULTS } from '../../src/cli/defaults.ts'
import { DEFAULT_RATE_LIMIT } from '../../src/hubspot/index.ts'

it("states HubSpot's limits as the data layer and the emulator do", () => {
  expect(DEFAULTS.rateLimit).toBe(DEFAULT_RATE_LIMIT)
  expect(DEFAULTS.rateLimit).toBe(DEFAULT_RATE_LIMITS.burst)
  expect(DEFAULTS.dailyLimit).toBe(DEFAULT_RATE_LIMITS.daily)
})
