import { SCOPES } from './scopes.ts'

/** Which HubSpot distribution a build is for. */
export type Distribution = 'private' | 'marketplace'

/** The stable uids of the app and its components. */
export const UIDS = {
  app: 'customer_health_app',
  card: 'customer_health_card',
  settings: 'customer_health_settings',
  /** The app home page (`src/app/pages/`), in both distributions. */
  page: 'portfolio_home',
  /** Marketplace only: the webhooks component and the custom workflow action. */
  webhooks: 'customer_health_webhooks',
  workflowAction: 'recalculate_health_action',
  functions: {
    scoreCompany: 'score_company',
    runPlaybookAction: 'run_playbook_action',
    setCsmSentiment: 'set_csm_sentiment',
    ensureSchema: 'ensure_schema',
    /** The app home page's portfolio view (src/app/pages), not the card's. */
    portfolioView: 'portfolio_view',
  },
} as const

/** The profile variable holding the backend's HTTPS base URL (`src/hsprofile.<env>.json`). */
export const BACKEND_URL_VARIABLE = 'HEALTH_BACKEND_URL'

const SUPPORT = {
  supportEmail: 'support@customer-health.example',
  documentationUrl: 'https://customer-health.example/docs',
  supportUrl: 'https://customer-health.example/support',
}

/**
 * The app's `app-hsmeta.json` for one distribution. Private: static auth, so app functions run
 * and nothing is fetched. Marketplace: OAuth, with the redirect URL and the one permitted fetch
 * origin taken from the profile variable, resolved by HubSpot at upload.
 * @example
 * writeJson('src/app/app-hsmeta.json', createAppMeta('private'))
 */
export function createAppMeta(distribution: Distribution) {
  const backend = `\${${BACKEND_URL_VARIABLE}}`
  const auth =
    distribution === 'private'
      ? {
          type: 'static',
          requiredScopes: SCOPES,
          optionalScopes: [],
          conditionallyRequiredScopes: [],
        }
      : {
          type: 'oauth',
          redirectUrls: [`${backend}/oauth/callback`],
          requiredScopes: SCOPES,
          optionalScopes: [],
          conditionallyRequiredScopes: [],
        }
  return {
    uid: UIDS.app,
    type: 'app',
    config: {
      name: 'Customer Health Score',
      description:
        'Scores every company’s health from its CRM data, tickets and activity, shows why on the record, and starts the playbook.',
      distribution,
      auth,
      permittedUrls: { fetch: distribution === 'private' ? [] : [backend], iframe: [], img: [] },
      support: SUPPORT,
    },
  }
}
