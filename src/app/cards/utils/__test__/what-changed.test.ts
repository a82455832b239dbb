import { expect, it } from 'vitest'

import { createMockHealth, NOW } from '../../test-utils/mocks.ts'
import { whatChanged } from '../what-changed.ts'

const DAY = 86_400_000

it('compares each component as of the previous score with its value as of the latest', () => {
  const changes = whatChanged(createMockHealth(), 10)
  expect(changes.since).toBe(NOW - 30 * DAY)
  expect(changes.changes.map((c) => [c.componentId, c.from, c.to, c.delta])).toEqual([
    ['support', 80, 45, -35],
    ['usage', 62, 40, -22],
    ['contract', 85, 90, 5],
  ])
})

it('has nothing to compare for a first score', () => {
  const health = createMockHealth({ history: [{ at: NOW, score: 43 }] })
  expect(whatChanged(health)).toEqual({ since: null, changes: [] })
})

it('counts writes made moments after the score as part of it', () => {
  const health = createMockHealth({
    history: [
      { at: NOW - 10 * DAY, score: 60 },
      { at: NOW, score: 50 },
    ],
    componentHistory: {
      usage: [
        { at: NOW - 10 * DAY + 2_000, score: 70 },
        { at: NOW + 2_000, score: 50 },
      ],
    },
  })
  expect(whatChanged(health).changes).toEqual([
    { componentId: 'usage', label: 'Usage', from: 70, to: 50, delta: -20 },
  ])
})
