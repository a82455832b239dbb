/**
 * @module The one place that says which model scores a portal: its latest saved settings version,
 * else the built-in model. Compiled once per (portal, version) and kept, so a card view, a webhook
 * rescore or a nightly job costs no recompilation.
 */
import type { CompiledModel } from '../health/index.ts'
import { compileModel, formatIssues, getDefaultModel, parseModel } from '../health/index.ts'
import type { ServerStore } from './store/types.ts'

/** The model in use and the settings version it came from (0: the built-in model). */
export interface PortalModel {
  readonly model: CompiledModel
  readonly version: number
}

/** A portal's model, for the webhook and job work on that portal. */
export type ModelFor = (portalId: number) => Promise<CompiledModel>

/** Compiled models by portal, each with the version it was compiled from. */
export class PortalModels {
  private readonly compiled = new Map<number, PortalModel>()

  constructor(private readonly store: Pick<ServerStore, 'currentSettings'>) {}

  /**
   * The portal's model now: one store read, and a compile only when the version changed.
   * @throws Error in one line naming the portal and version when a saved version no longer parses
   *   (the engine's schema changed under it)
   * @example
   * const { model } = await models.forPortal(portalId)
   */
  async forPortal(portalId: number): Promise<PortalModel> {
    const settings = await this.store.currentSettings(portalId)
    if (!settings) return { model: getDefaultModel(), version: 0 }
    const cached = this.compiled.get(portalId)
    if (cached?.version === settings.version) return cached
    const parsed = parseModel(settings.model)
    if (!parsed.success)
      throw new Error(
        `portal ${portalId}'s saved model (version ${settings.version}) is invalid: ${formatIssues(parsed.issues).split('\n')[0]}`,
      )
    const entry = { model: compileModel(parsed.value), version: settings.version }
    this.compiled.set(portalId, entry)
    return entry
  }

  /** `forPortal`'s model alone, as a function to hand on. */
  readonly modelFor: ModelFor = async (portalId) => (await this.forPortal(portalId)).model
}
