/**
 * An app's webhook settings, as its webhooks component declares them: where to deliver, the secret
 * that signs deliveries, and the subscriptions. Checked with zod at the edges (emulator option,
 * `PUT /__emulator/webhooks`).
 */
import { z } from 'zod'

import { OBJECT_TYPE_IDS, OBJECT_TYPES } from '../object-types.ts'
import type { ObjectType } from '../types.ts'

/** The legacy object-specific subscription types the emulator delivers. */
export const LEGACY_SUBSCRIPTION_TYPES = [
  'company.creation',
  'company.propertyChange',
  'company.associationChange',
  'deal.creation',
  'deal.propertyChange',
  'deal.associationChange',
  'ticket.creation',
  'ticket.propertyChange',
  'ticket.associationChange',
] as const

/** The generic subscription types (they name the object type with `objectTypeId`). */
export const GENERIC_SUBSCRIPTION_TYPES = [
  'object.creation',
  'object.propertyChange',
  'object.associationChange',
] as const

export type SubscriptionType =
  (typeof LEGACY_SUBSCRIPTION_TYPES)[number] | (typeof GENERIC_SUBSCRIPTION_TYPES)[number]

/** What a subscription listens for. */
export type ChangeKind = 'creation' | 'propertyChange' | 'associationChange'

/**
 * The `objectType` names of an app's webhooks component, by object type. Meetings are
 * `MEETING_EVENT` there (objectTypeId `0-47`), not "MEETING".
 */
export const WEBHOOK_OBJECT_NAMES = {
  companies: 'COMPANY',
  tickets: 'TICKET',
  deals: 'DEAL',
  calls: 'CALL',
  emails: 'EMAIL',
  meetings: 'MEETING_EVENT',
  notes: 'NOTE',
  tasks: 'TASK',
} as const satisfies Record<ObjectType, string>

const LEGACY_OBJECTS: Record<string, ObjectType> = {
  company: 'companies',
  deal: 'deals',
  ticket: 'tickets',
}

/** Email properties HubSpot does not allow property-change subscriptions on. */
const UNSUPPORTED_EMAIL_PROPERTIES = ['hs_email_html', 'hs_email_subject']

const typeIdValues = OBJECT_TYPES.map((type) => OBJECT_TYPE_IDS[type]) as string[]
const objectNames = OBJECT_TYPES.map((type) => WEBHOOK_OBJECT_NAMES[type]) as string[]

const subscriptionInput = z
  .object({
    id: z.number().int().positive(),
    subscriptionType: z.enum([...LEGACY_SUBSCRIPTION_TYPES, ...GENERIC_SUBSCRIPTION_TYPES]),
    objectTypeId: z
      .string()
      .refine((id) => typeIdValues.includes(id), {
        message: `objectTypeId must be one of ${typeIdValues.join(', ')}`,
      })
      .optional(),
    objectType: z
      .string()
      .refine((name) => objectNames.includes(name), {
        message: `objectType must be one of ${objectNames.join(', ')}`,
      })
      .optional(),
    propertyName: z.string().min(1).optional(),
    active: z.boolean().default(true),
  })
  .strict()

const configInput = z
  .object({
    targetUrl: z.url({ protocol: /^https?$/ }),
    clientSecret: z.string().min(1),
    appId: z.number().int().positive(),
    subscriptions: z.array(subscriptionInput),
    maxBatchSize: z.number().int().min(1).max(100).default(100),
    flushDelayMs: z.number().int().min(0).max(60_000).default(100),
    timeoutMs: z.number().int().min(1).max(60_000).default(5000),
    maxConcurrentRequests: z.number().int().min(1).max(100).default(10),
    retry: z
      .object({
        attempts: z.number().int().min(0).max(20),
        baseDelayMs: z.number().int().min(0).max(3_600_000),
      })
      .strict()
      .default({ attempts: 3, baseDelayMs: 250 }),
  })
  .strict()

/** The settings as given (optional keys take their defaults). */
export type WebhookConfigInput = z.input<typeof configInput>

/** One checked subscription. */
export interface Subscription {
  id: number
  subscriptionType: SubscriptionType
  kind: ChangeKind
  objectType: ObjectType
  /** Whether payloads carry `objectTypeId` (the `object.*` types). */
  generic: boolean
  propertyName?: string
  active: boolean
}

/** Checked settings. */
export interface WebhookConfig {
  targetUrl: string
  clientSecret: string
  appId: number
  subscriptions: Subscription[]
  /** Events per POST, at most 100 as HubSpot's. */
  maxBatchSize: number
  /** How long the first pending event waits for others to join its batch, ms. */
  flushDelayMs: number
  /** A delivery not answered within this is a failure, ms (HubSpot allows about 5 s). */
  timeoutMs: number
  maxConcurrentRequests: number
  /** Redeliveries after the first try, `baseDelayMs`·2ⁿ apart. */
  retry: { attempts: number; baseDelayMs: number }
}

/**
 * Checks webhook settings.
 * @throws Error with a one-line message naming the first bad field.
 * @example
 * parseWebhookConfig({ targetUrl: 'http://127.0.0.1:3000/webhooks/hubspot', clientSecret: 's',
 *   appId: 1, subscriptions: [{ id: 1, subscriptionType: 'ticket.creation' }] })
 */
export function parseWebhookConfig(input: unknown): WebhookConfig {
  const parsed = configInput.safeParse(input)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const where = issue?.path.length ? `${issue.path.join('.')}: ` : ''
    throw new Error(`Invalid webhook settings: ${where}${issue?.message ?? 'invalid'}`)
  }
  const { subscriptions, ...rest } = parsed.data
  const ids = new Set<number>()
  return {
    ...rest,
    subscriptions: subscriptions.map((input, i) => {
      if (ids.has(input.id)) fail(i, `duplicate subscription id ${input.id}`)
      ids.add(input.id)
      return toSubscription(input, i)
    }),
  }
}

function toSubscription(input: z.output<typeof subscriptionInput>, index: number): Subscription {
  const [prefix, kindName] = input.subscriptionType.split('.') as [string, ChangeKind]
  const generic = prefix === 'object'
  let objectType: ObjectType | undefined
  if (generic) {
    const byId = OBJECT_TYPES.find((type) => OBJECT_TYPE_IDS[type] === input.objectTypeId)
    const byName = OBJECT_TYPES.find((type) => WEBHOOK_OBJECT_NAMES[type] === input.objectType)
    if (byId && byName && byId !== byName) fail(index, 'objectTypeId and objectType disagree')
    objectType = byId ?? byName
    if (!objectType) fail(index, `${input.subscriptionType} needs an objectTypeId (e.g. "0-2")`)
  } else {
    if (input.objectTypeId || input.objectType)
      fail(index, `${input.subscriptionType} names its object type; drop objectTypeId`)
    objectType = LEGACY_OBJECTS[prefix]
  }
  const type = objectType as ObjectType
  if (kindName === 'propertyChange') {
    if (!input.propertyName) fail(index, `${input.subscriptionType} needs a propertyName`)
    if (type === 'emails' && UNSUPPORTED_EMAIL_PROPERTIES.includes(input.propertyName ?? ''))
      fail(index, `HubSpot does not support subscriptions on ${input.propertyName}`)
  } else if (input.propertyName) {
    fail(index, `propertyName applies only to propertyChange subscriptions`)
  }
  return {
    id: input.id,
    subscriptionType: input.subscriptionType,
    kind: kindName,
    objectType: type,
    generic,
    ...(input.propertyName ? { propertyName: input.propertyName } : {}),
    active: input.active,
  }
}

function fail(index: number, message: string): never {
  throw new Error(`Invalid webhook settings: subscriptions.${index}: ${message}`)
}
