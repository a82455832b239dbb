import { expect, it } from 'vitest'

import { BudgetClosedError, RollingWindowBudget } from '../../src/hubspot/rolling-window-budget.ts'

it('takes up to its limit at once, then each further start when the oldest leaves the window', async () => {
  const budget = new RollingWindowBudget(3, 200)
  const started = performance.now()
  const at: number[] = []
  await Promise.all(
    Array.from({ length: 5 }, (_, i) =>
      budget.take().then(() => (at[i] = performance.now() - started)),
    ),
  )
  expect(at.slice(0, 3).every((ms) => ms < 100)).toBe(true)
  expect(at[3]).toBeGreaterThanOrEqual(199)
  expect(at[4]).toBeGreaterThanOrEqual(199)
  expect(budget.used()).toBe(2)
})

it('serves waiting starts in the order they asked', async () => {
  const budget = new RollingWindowBudget(1, 30)
  const order: number[] = []
  await Promise.all([1, 2, 3, 4].map((n) => budget.take().then(() => order.push(n))))
  expect(order).toEqual([1, 2, 3, 4])
})

it('never holds more than its limit in any window, on a clock it is given', async () => {
  let now = 0
  const budget = new RollingWindowBudget(2, 1000, () => now)
  await budget.take()
  now = 400
  await budget.take()
  const third = budget.take()
  let taken = false
  void third.then(() => (taken = true))
  now = 999
  await new Promise((resolve) => setTimeout(resolve, 20))
  expect(taken).toBe(false)
  now = 1000
  await third
  expect(budget.used()).toBe(2)
})

it('refuses waiting and later starts once closed, and rejects a bad limit or window', async () => {
  const budget = new RollingWindowBudget(1, 60_000)
  await budget.take()
  const waiting = budget.take()
  budget.close()
  await expect(waiting).rejects.toBeInstanceOf(BudgetClosedError)
  await expect(budget.take()).rejects.toThrow('closed while the call waited')
  expect(() => new RollingWindowBudget(0, 10)).toThrow('at least 1')
  expect(() => new RollingWindowBudget(2, 0)).toThrow('positive window')
})
