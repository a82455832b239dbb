import { describe, expect, it } from 'vitest'

import type { BoundaryRow } from '../../../src/health/index.ts'
import { recommendRedBoundary, seededRandom, stratifiedFolds } from '../../../src/health/index.ts'

/** `count` rows at `score`, the first `churned` of them churned. */
function at(score: number | null, count: number, churned: number): BoundaryRow[] {
  return Array.from({ length: count }, (_, i) => ({ score, churned: i < churned }))
}

// Below 31: 18/20 churned; below 46: 32/40 (0.8); below 56: 40/60 (0.667); all: 42/100.
const stepped = [...at(30, 20, 18), ...at(45, 20, 14), ...at(55, 20, 8), ...at(80, 40, 2)]
const range = { current: 50, min: 26, max: 74 }

/** 300 outcomes, churn likelier at low scores, drawn from a seed. */
function noisy(seed: number): BoundaryRow[] {
  const random = seededRandom(seed)
  return Array.from({ length: 300 }, (_, i) => {
    const churned = i % 5 === 0
    const score = (churned ? 40 : 65) + 30 * (random() - 0.5) + 20 * (random() - 0.5)
    return { score: Math.min(100, Math.max(0, score)), churned }
  })
}

describe('recommendRedBoundary', () => {
  it('picks the highest boundary whose red band still reaches the precision floor', () => {
    expect(recommendRedBoundary(stepped, range).boundary).toBe(55)
    expect(recommendRedBoundary(stepped, { ...range, targetPrecision: 0.65 }).boundary).toBe(74)
    expect(recommendRedBoundary(stepped, { ...range, targetPrecision: 0.85 }).boundary).toBe(45)
  })

  it('tiers whole-number scores as the engine does: 54.6 rounds to 55, not red below 55', () => {
    const rounded = [...at(30, 20, 18), ...at(45, 20, 14), ...at(54.6, 20, 8), ...at(80, 40, 2)]
    expect(recommendRedBoundary(rounded, range).boundary).toBe(55)
  })

  it('says why when no boundary reaches the floor, and keeps the current one for every fold', () => {
    const r = recommendRedBoundary(stepped, { ...range, targetPrecision: 0.95 })
    expect(r.boundary).toBe(null)
    expect(r.reason).toBe('no boundary from 26 to 74 makes a red band whose precision reaches 0.95')
    expect(new Set(r.heldOutBoundaries)).toEqual(new Set([50]))
  })

  it('never counts a row without a score as red', () => {
    // 30 unscored churns would lift any band they joined to the floor.
    const withUnscored = [...at(60, 40, 10), ...at(null, 30, 30), ...at(90, 30, 0)]
    expect(recommendRedBoundary(withUnscored, range).boundary).toBe(null)
  })

  it("judges each fold by the boundary chosen on the other folds alone: a fold's own rows cannot move it", () => {
    const rows = noisy(4)
    const foldOf = stratifiedFolds(
      rows.map((r) => r.churned),
      { folds: 5, seed: 1 },
    )
    const before = recommendRedBoundary(rows, range)
    // Fold 0's churns now all score 70 and its renewals 20: any boundary chosen with them would move.
    const moved = rows.map((r, i) => (foldOf[i] === 0 ? { ...r, score: r.churned ? 70 : 20 } : r))
    const after = recommendRedBoundary(moved, range)
    expect(after.foldBoundaries[0]).toBe(before.foldBoundaries[0])
    expect(after.foldBoundaries.slice(1)).not.toEqual(before.foldBoundaries.slice(1))
    rows.forEach((_, i) =>
      expect(after.heldOutBoundaries[i]).toBe(after.foldBoundaries[foldOf[i]!]),
    )
  })

  it('chooses nothing from fewer than 30 outcomes', () => {
    const r = recommendRedBoundary(at(30, 29, 20), range)
    expect(r).toMatchObject({ boundary: null, foldBoundaries: [] })
    expect(r.reason).toMatch(/too few outcomes/)
  })

  it('rejects scores off the scale and an empty range', () => {
    expect(() => recommendRedBoundary([...stepped, { score: 101, churned: true }], range)).toThrow(
      'rows[100].score must be a number from 0 to 100 (got 101)',
    )
    expect(() => recommendRedBoundary(stepped, { ...range, max: 20 })).toThrow(RangeError)
  })
})
