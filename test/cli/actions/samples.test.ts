/** `health-score samples` as a user runs it: the sample portal, scored with no API at all. */
import { expect, it } from 'vitest'

import { cli } from '../../support/cli.ts'

it('scores the sample companies with no API at all', async () => {
  const { code, stdout } = await cli(['samples'])
  expect(code).toBe(0)
  expect(stdout).toMatch(/Granite Manufacturing\s+\d+\s+Critical/)
})

it('names a fixture it cannot read, with exit code 2', async () => {
  const { code, stderr } = await cli(['samples', '--fixture', 'no-such-file.json'])
  expect(code).toBe(2)
  expect(stderr).toMatch(/^health-score samples: cannot read --fixture no-such-file\.json: ENOENT/)
})
