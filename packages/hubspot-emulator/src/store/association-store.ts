/**
 * Associations between records, by row. Each unordered type pair has one index whose "left" side is
 * the type listed first in OBJECT_TYPES (companies for every company pair), so the common case, a
 * record with one company, costs 8 bytes.
 */
import { OBJECT_TYPES } from '../object-types.ts'
import type { ObjectType } from '../types.ts'
import { GrowableFloat64 } from './columns.ts'

class PairIndex {
  private readonly rightsByLeft = new Map<number, number[]>()
  private readonly firstLeft = new GrowableFloat64()
  private readonly moreLefts = new Map<number, number[]>()

  /** Links two rows; with `checked`, an existing link is left alone and false returned. */
  add(left: number, right: number, checked: boolean): boolean {
    if (checked && this.rightsOf(left).includes(right)) return false
    let rights = this.rightsByLeft.get(left)
    if (!rights) this.rightsByLeft.set(left, (rights = []))
    rights.push(right)
    if (Number.isNaN(this.firstLeft.get(right))) this.firstLeft.set(right, left)
    else {
      let more = this.moreLefts.get(right)
      if (!more) this.moreLefts.set(right, (more = []))
      more.push(left)
    }
    return true
  }

  /** Unlinks two rows; false if they were not linked. */
  remove(left: number, right: number): boolean {
    const rights = this.rightsByLeft.get(left)
    const at = rights?.indexOf(right) ?? -1
    if (!rights || at < 0) return false
    rights.splice(at, 1)
    const more = this.moreLefts.get(right)
    if (this.firstLeft.get(right) === left) {
      this.firstLeft.set(right, more?.length ? (more.shift() as number) : Number.NaN)
    } else if (more) {
      more.splice(more.indexOf(left), 1)
    }
    if (more?.length === 0) this.moreLefts.delete(right)
    return true
  }

  rightsOf(left: number): readonly number[] {
    return this.rightsByLeft.get(left) ?? []
  }

  leftsOf(right: number): readonly number[] {
    const first = this.firstLeft.get(right)
    if (Number.isNaN(first)) return []
    const more = this.moreLefts.get(right)
    return more ? [first, ...more] : [first]
  }
}

/** Every association of one portal. */
export class AssociationStore {
  private readonly pairs = new Map<string, PairIndex>()

  /**
   * Associates `fromRow` of `from` with `toRow` of `to` (both directions). While loading a fixture,
   * pass `checked: false` to skip the duplicate check.
   */
  link(from: ObjectType, fromRow: number, to: ObjectType, toRow: number, checked = true): boolean {
    const { index, forward } = this.pair(from, to)
    return forward ? index.add(fromRow, toRow, checked) : index.add(toRow, fromRow, checked)
  }

  /** Removes the association of two records (both directions); false if there was none. */
  unlink(from: ObjectType, fromRow: number, to: ObjectType, toRow: number): boolean {
    const { index, forward } = this.pair(from, to)
    return forward ? index.remove(fromRow, toRow) : index.remove(toRow, fromRow)
  }

  /** The rows of `to` associated with `fromRow` of `from`, in the order they were linked. */
  targets(from: ObjectType, fromRow: number, to: ObjectType): readonly number[] {
    const { index, forward } = this.pair(from, to)
    return forward ? index.rightsOf(fromRow) : index.leftsOf(fromRow)
  }

  private pair(from: ObjectType, to: ObjectType): { index: PairIndex; forward: boolean } {
    const forward = OBJECT_TYPES.indexOf(from) <= OBJECT_TYPES.indexOf(to)
    const key = forward ? `${from}:${to}` : `${to}:${from}`
    let index = this.pairs.get(key)
    if (!index) this.pairs.set(key, (index = new PairIndex()))
    return { index, forward }
  }
}
