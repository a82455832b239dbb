/**
 * @module The webhook events HubSpot POSTs, checked one by one with zod: the legacy shapes
 * (`company.propertyChange`, `ticket.creation`, `ticket.associationChange`, …) and the generic
 * ones (`object.creation` with an `objectTypeId`). An event that does not parse is skipped, never
 * the batch: HubSpot would retry the whole batch, and the bad event with it, for a day.
 */
import { z } from 'zod'

const id = z.number().int().nonnegative()

/** One event as the backend reads it; fields it does not use are dropped. */
export const WEBHOOK_EVENT = z.object({
  eventId: id,
  subscriptionId: id,
  portalId: z.number().int().positive(),
  occurredAt: id,
  subscriptionType: z.string().min(1),
  attemptNumber: z.number().int().nonnegative().optional(),
  objectId: id.optional(),
  objectTypeId: z.string().optional(),
  propertyName: z.string().optional(),
  changeFlag: z.string().optional(),
  changeSource: z.string().optional(),
  sourceId: z.string().optional(),
  associationType: z.string().optional(),
  fromObjectId: id.optional(),
  toObjectId: id.optional(),
  fromObjectTypeId: z.string().optional(),
  toObjectTypeId: z.string().optional(),
  associationRemoved: z.boolean().optional(),
})
export type WebhookEvent = z.output<typeof WEBHOOK_EVENT>

/** A delivered batch split into the events that parsed and, for the log, where the others failed. */
export interface ParsedBatch {
  readonly events: WebhookEvent[]
  /** One line per skipped event: its index and the fields at fault (never its values). */
  readonly skipped: string[]
}

/**
 * Parses each element of a batch on its own.
 * @example
 * const { events, skipped } = parseEvents(JSON.parse(body))
 * if (skipped.length) logger.warn({ skipped }, 'skipped malformed webhook events')
 */
export function parseEvents(batch: readonly unknown[]): ParsedBatch {
  const events: WebhookEvent[] = []
  const skipped: string[] = []
  batch.forEach((element, index) => {
    const parsed = WEBHOOK_EVENT.safeParse(element)
    if (parsed.success) events.push(parsed.data)
    else {
      const fields = [...new Set(parsed.error.issues.map((issue) => issue.path.join('.') || '.'))]
      skipped.push(`event ${index}: bad or missing ${fields.join(', ')}`)
    }
  })
  return { events, skipped }
}
