import { expect, it } from 'vitest'

import { checkTarget } from '../../src/cli/flag-groups.ts'

it('accepts the demo portal with its shape, or an API with no demo flags', () => {
  expect(checkTarget({ demo: true, companies: 40, seed: 3, rateLimit: 190 })).toBeUndefined()
  expect(checkTarget({ baseUrl: 'http://127.0.0.1:4010', dataDir: 'runs' })).toBeUndefined()
  expect(checkTarget({})).toBeUndefined()
})

it('names the flags that contradict each other', () => {
  expect(checkTarget({ demo: true, baseUrl: 'http://127.0.0.1:4010' })).toBe(
    '--demo and --base-url name two different portals: pick one',
  )
  expect(checkTarget({ companies: 40 })).toBe('--companies and --seed go with --demo')
  expect(checkTarget({ seed: 0 })).toBe('--companies and --seed go with --demo')
})
