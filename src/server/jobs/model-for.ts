/**
 * @module The model a portal's jobs score with: its latest saved settings, or the default model
 * while it has saved none.
 */
import {
  type CompiledModel,
  compileModel,
  formatIssues,
  getDefaultModel,
  parseModel,
} from '../../health/index.ts'
import type { ServerStore } from '../store/types.ts'

/**
 * The portal's compiled model.
 * @throws Error when the saved settings are not a valid model (one line naming the version)
 * @example
 * const model = await modelFor(store, 62515)
 */
export async function modelFor(store: ServerStore, portalId: number): Promise<CompiledModel> {
  const settings = await store.currentSettings(portalId)
  if (!settings) return getDefaultModel()
  const parsed = parseModel(settings.model)
  if (!parsed.success)
    throw new Error(
      `portal ${portalId}'s settings version ${settings.version} are not a valid model: ${formatIssues(parsed.issues).replaceAll('\n', '; ')}`,
    )
  return compileModel(parsed.value)
}
