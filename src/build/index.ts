/**
 * @module The HubSpot project build: the app's uids and scopes, its config per distribution, and
 * the two project folders `npm run build` writes.
 */
export { BACKEND_URL_VARIABLE, createAppMeta, type Distribution, UIDS } from './app-meta.ts'
export {
  createWebhooksMeta,
  createWorkflowActionMeta,
  WORKFLOW_ACTION_PATH,
} from './backend-components.ts'
export {
  type BuildOptions,
  buildProject,
  type BuildReport,
  PLATFORM_VERSION,
  PROJECT_NAMES,
} from './build-project.ts'
export { REQUIRED_SCOPES, type Scope, SCOPES } from './scopes.ts'
