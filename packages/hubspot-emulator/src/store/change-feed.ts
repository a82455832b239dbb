/**
 * What the portal reports when its data changes through the API (never while a fixture loads):
 * creations, property values that really changed, and associations made or removed. Webhooks
 * listen here.
 */
import type { ObjectType } from '../types.ts'

/** Who made a change: HubSpot's source type (`API`, …) and the id of the app whose token made it. */
export interface ChangeSource {
  sourceType: string
  appId?: number
}

interface ChangeBase {
  /** The record the change is about (the "from" side of an association). */
  type: ObjectType
  id: string
  /** Epoch ms, from the emulator's clock. */
  at: number
  source: ChangeSource
}

/** One change to the portal. */
export type StoreChange =
  | (ChangeBase & { kind: 'creation' })
  | (ChangeBase & { kind: 'propertyChange'; propertyName: string; propertyValue: string })
  | (ChangeBase & { kind: 'associationChange'; toType: ObjectType; toId: string; removed: boolean })

export type ChangeListener = (change: StoreChange) => void

/** A set of listeners; a listener that throws does not stop the others or the write. */
export class ChangeFeed {
  private readonly listeners = new Set<ChangeListener>()

  /** Calls `listener` on every change from now on; the returned function stops it. */
  subscribe(listener: ChangeListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  get active(): boolean {
    return this.listeners.size > 0
  }

  emit(change: StoreChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change)
      } catch {
        // @note A listener's failure is its own (webhooks count it); the API write has happened.
      }
    }
  }
}
