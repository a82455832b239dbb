/**
 * Turning a portal change into the webhook events an app's subscriptions ask for, shaped as HubSpot
 * delivers them.
 *
 * Sources for the payload fields:
 * - common fields, `changeFlag: "CREATED"`, and `changeSource: "INTEGRATION"` with `sourceId` set to
 *   the app id for a change made through an app's token: a captured `contact.creation` delivery
 *   (`{"eventId":3944863254,…,"changeFlag":"CREATED","changeSource":"INTEGRATION","sourceId":"9318066"}`,
 *   found via find_string) and HubSpot's webhooks overview
 *   (developers.hubspot.com/docs/methods/webhooks/webhooks-overview);
 * - association events: a captured `deal.associationChange` delivery (`associationType:
 *   "DEAL_TO_LINE_ITEM"`, `fromObjectId`, `toObjectId`, `associationRemoved`, no `objectId`) and
 *   parsers of generic payloads that read `fromObjectTypeId`, `toObjectTypeId`,
 *   `associationTypeId`, `associationCategory`, `isPrimaryAssociation` (found via find_string);
 *   one event per side (developers.hubspot.com/changelog/bugfix-webhook-associationchanges);
 * - generic `object.*` payloads carry `objectTypeId`
 *   (developers.hubspot.com/docs/apps/legacy-apps/public-apps/create-generic-webhook-subscriptions).
 */
import { associationTypeId, OBJECT_TYPE_IDS, SINGULAR_NAMES } from '../object-types.ts'
import type { StoreChange } from '../store/change-feed.ts'
import type { Subscription, WebhookConfig } from './webhook-config.ts'

/** One event of a delivery, as HubSpot sends it (`attemptNumber` is set per delivery). */
export interface WebhookEvent {
  eventId: number
  subscriptionId: number
  portalId: number
  appId: number
  occurredAt: number
  subscriptionType: string
  attemptNumber: number
  objectId?: number
  objectTypeId?: string
  propertyName?: string
  propertyValue?: string
  changeFlag?: 'CREATED'
  changeSource: string
  sourceId?: string
  associationType?: string
  fromObjectId?: number
  toObjectId?: number
  fromObjectTypeId?: string
  toObjectTypeId?: string
  associationTypeId?: number
  associationCategory?: 'HUBSPOT_DEFINED'
  associationRemoved?: boolean
  isPrimaryAssociation?: boolean
}

/**
 * Whether `subscription` asks for `change`.
 * @example config.subscriptions.filter((subscription) => matches(subscription, change))
 */
export function matches(subscription: Subscription, change: StoreChange): boolean {
  if (!subscription.active) return false
  if (subscription.kind !== change.kind || subscription.objectType !== change.type) return false
  return change.kind !== 'propertyChange' || subscription.propertyName === change.propertyName
}

/**
 * The events `change` yields under `config`, numbered from `nextId()`.
 * @example eventsFor(config, 12345, change, () => ++lastId)
 */
export function eventsFor(
  config: WebhookConfig,
  portalId: number,
  change: StoreChange,
  nextId: () => number,
): WebhookEvent[] {
  const events: WebhookEvent[] = []
  for (const subscription of config.subscriptions) {
    if (!matches(subscription, change)) continue
    events.push(toEvent(config, portalId, subscription, change, nextId()))
  }
  return events
}

function toEvent(
  config: WebhookConfig,
  portalId: number,
  subscription: Subscription,
  change: StoreChange,
  eventId: number,
): WebhookEvent {
  const { appId } = change.source
  const event: WebhookEvent = {
    eventId,
    subscriptionId: subscription.id,
    portalId,
    appId: config.appId,
    occurredAt: change.at,
    subscriptionType: subscription.subscriptionType,
    attemptNumber: 0,
    changeSource: appId === undefined ? change.source.sourceType : 'INTEGRATION',
    ...(appId === undefined ? {} : { sourceId: String(appId) }),
  }
  if (change.kind === 'associationChange') {
    event.fromObjectId = Number(change.id)
    event.toObjectId = Number(change.toId)
    if (subscription.generic) {
      event.fromObjectTypeId = OBJECT_TYPE_IDS[change.type]
      event.toObjectTypeId = OBJECT_TYPE_IDS[change.toType]
      event.associationTypeId = associationTypeId(change.type, change.toType) ?? 0
      event.associationCategory = 'HUBSPOT_DEFINED'
    } else {
      const from = SINGULAR_NAMES[change.type].toUpperCase()
      event.associationType = `${from}_TO_${SINGULAR_NAMES[change.toType].toUpperCase()}`
    }
    event.associationRemoved = change.removed
    event.isPrimaryAssociation = false
    return event
  }
  event.objectId = Number(change.id)
  if (subscription.generic) event.objectTypeId = OBJECT_TYPE_IDS[change.type]
  if (change.kind === 'creation') event.changeFlag = 'CREATED'
  else {
    event.propertyName = change.propertyName
    event.propertyValue = change.propertyValue
  }
  return event
}
