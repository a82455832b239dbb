import { expect, it } from 'vitest'

import { mixSeed, Rng } from '../../src/demo/prng.ts'

it('repeats the same sequence for the same seed', () => {
  const a = new Rng(7)
  const b = new Rng(7)
  const draws = (r: Rng) => Array.from({ length: 20 }, () => r.next())
  expect(draws(a)).toEqual(draws(b))
  expect(draws(new Rng(8))).not.toEqual(draws(new Rng(7)))
})

it('keeps draws within their ranges', () => {
  const rng = new Rng(1)
  for (let i = 0; i < 10_000; i++) {
    const x = rng.next()
    const n = rng.int(3, 5)
    if (x < 0 || x >= 1 || n < 3 || n > 5 || !Number.isInteger(n)) throw new Error(`${x} ${n}`)
  }
})

it('draws Poisson counts with the requested mean', () => {
  const rng = new Rng(3)
  for (const lambda of [0.3, 4, 60]) {
    let sum = 0
    for (let i = 0; i < 20_000; i++) sum += rng.poisson(lambda)
    expect(sum / 20_000).toBeCloseTo(lambda, lambda < 10 ? 1 : 0)
  }
})

it('mixes nearby seeds into unrelated ones', () => {
  expect(mixSeed(1, 0)).not.toBe(mixSeed(1, 1))
  expect(mixSeed(1, 0)).not.toBe(mixSeed(2, 0))
  expect(mixSeed(1, 2)).toBe(mixSeed(1, 2))
})
