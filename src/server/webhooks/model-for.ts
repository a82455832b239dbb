/**
 * @module The one place that says which model scores a portal: its saved settings' latest version,
 * or the default model when it has saved none. Compiled once per settings version.
 */
import {
  type CompiledModel,
  compileModel,
  formatIssues,
  getDefaultModel,
  parseModel,
} from '../../health/index.ts'
import type { ServerStore } from '../store/types.ts'

/** A portal's model, for the webhook, card and job work on that portal. */
export type ModelFor = (portalId: number) => Promise<CompiledModel>

/**
 * Makes `modelFor` over the store's settings.
 * @throws Error (from the function it returns) when a portal's saved model no longer parses
 * @example
 * const modelFor = createModelFor(store)
 * const model = await modelFor(62515)
 */
export function createModelFor(store: ServerStore): ModelFor {
  const compiled = new Map<number, { version: number; model: CompiledModel }>()
  return async function modelFor(portalId) {
    const settings = await store.currentSettings(portalId)
    if (!settings) return getDefaultModel()
    const cached = compiled.get(portalId)
    if (cached?.version === settings.version) return cached.model
    const parsed = parseModel(settings.model)
    if (!parsed.success)
      throw new Error(
        `portal ${portalId}'s saved model (version ${settings.version}) is invalid: ${formatIssues(parsed.issues).split('\n')[0]}`,
      )
    const model = compileModel(parsed.value)
    compiled.set(portalId, { version: settings.version, model })
    return model
  }
}
