/**
 * @module The marketplace app's backend components, generated so that they follow the code that
 * answers them: the webhooks component subscribes to exactly the events the receiver maps to a
 * company (the default model's inputs, never the app's own `health_*` properties), and the
 * workflow action names the fields its route replies with. Their URLs come from the profile
 * variable, resolved by HubSpot at upload. The private app has neither: its functions do the work.
 */
import { getDefaultModel, TIERS } from '../health/index.ts'
import { eventFilter, WEBHOOK_PATH } from '../server/index.ts'
import { BACKEND_URL_VARIABLE, UIDS } from './app-meta.ts'

/** Where HubSpot posts the custom workflow action (`POST`, signed v2). */
export const WORKFLOW_ACTION_PATH = '/workflow-actions/recalculate-health'

/** The webhooks component's object type names for the records whose creation moves a score. */
const CREATED = ['COMPANY', 'TICKET', 'CALL', 'EMAIL', 'MEETING_EVENT', 'NOTE'] as const
/** The records whose association with a company moves its score (events fire on both sides). */
const ASSOCIATED = ['TICKET', 'CALL', 'EMAIL', 'MEETING_EVENT', 'NOTE'] as const

const backend = `\${${BACKEND_URL_VARIABLE}}`

/**
 * `webhooks/webhooks-hsmeta.json`: the backend's receiver as target, one generic subscription per
 * event type the receiver uses.
 * @example writeJson('src/app/webhooks/webhooks-hsmeta.json', createWebhooksMeta())
 */
export function createWebhooksMeta() {
  const filter = eventFilter(getDefaultModel())
  const change = (objectType: string, names: ReadonlySet<string>) =>
    [...names].sort().map((propertyName) => ({
      subscriptionType: 'object.propertyChange' as const,
      objectType,
      propertyName,
      active: true,
    }))
  return {
    uid: UIDS.webhooks,
    type: 'webhooks',
    config: {
      settings: { targetUrl: `${backend}${WEBHOOK_PATH}`, maxConcurrentRequests: 10 },
      subscriptions: {
        crmObjects: [
          ...CREATED.map((objectType) => ({
            subscriptionType: 'object.creation' as const,
            objectType,
            active: true,
          })),
          ...change('COMPANY', filter.companyProperties),
          ...change('TICKET', filter.ticketProperties),
          ...ASSOCIATED.map((objectType) => ({
            subscriptionType: 'object.associationChange' as const,
            objectType,
            active: true,
          })),
        ],
        legacyCrmObjects: [],
        hubEvents: [],
      },
    },
  }
}

/**
 * `workflow-actions/recalculate-health-hsmeta.json`: scores the enrolled company and hands the
 * score, the tier and the playbook to the workflow's later steps.
 * @example writeJson('src/app/workflow-actions/recalculate-health-hsmeta.json', createWorkflowActionMeta())
 */
export function createWorkflowActionMeta() {
  const output = (typeDefinition: Record<string, unknown>) => ({
    typeDefinition,
    supportedValueTypes: ['STATIC_VALUE'],
  })
  const tierLabels: Record<(typeof TIERS)[number], string> = {
    healthy: 'Healthy',
    neutral: 'Neutral',
    at_risk: 'At risk',
    critical: 'Critical',
  }
  return {
    uid: UIDS.workflowAction,
    type: 'workflow-action',
    config: {
      actionUrl: `${backend}${WORKFLOW_ACTION_PATH}`,
      isPublished: true,
      supportedClients: [{ client: 'WORKFLOWS' }],
      inputFields: [],
      outputFields: [
        output({ name: 'health_score', type: 'number', fieldType: 'number' }),
        output({
          name: 'health_tier',
          type: 'enumeration',
          fieldType: 'select',
          options: TIERS.map((value) => ({ value, label: tierLabels[value] })),
        }),
        output({ name: 'health_playbook', type: 'string', fieldType: 'text' }),
      ],
      labels: {
        en: {
          actionName: 'Recalculate customer health',
          actionDescription:
            'Scores the enrolled company now, writes its health properties, and passes the score, tier and playbook to later steps.',
          actionCardContent: 'Recalculate the company’s health score',
          inputFieldLabels: {},
          outputFieldLabels: {
            health_score: 'Health score',
            health_tier: 'Health tier',
            health_playbook: 'Health playbook',
          },
        },
      },
      objectTypes: ['COMPANY'],
    },
  }
}
