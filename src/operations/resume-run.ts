/**
 * @module Where a rescore starts: the unfinished run of the same request, resumed after its last
 * confirmed page, or a new run (with an incremental run's companies fixed now), and its pages.
 */
import type { CompiledModel } from '../health/index.ts'
import type { GatherPage, HubSpotConnection } from '../hubspot/index.ts'
import { companyIdsChangedSince, gatherPortal, ownedPropertyNames } from '../hubspot/index.ts'
import type { RunJournal, RunKind, RunRecord } from './run-journal.ts'

export interface RunRequest {
  readonly portalKey: string
  readonly since?: number
}

/**
 * Resumes the unfinished run of this portal and kind when it asked for the same `since`; else
 * starts a new one (an unfinished run of another request is superseded: marked completed).
 * @example
 * const { run, resumed } = await resumeOrStart(conn, journal, { portalKey: 'p1' }, Date.now)
 */
export async function resumeOrStart(
  connection: HubSpotConnection,
  journal: RunJournal,
  request: RunRequest,
  now: () => number,
): Promise<{ run: RunRecord; resumed: boolean }> {
  const kind: RunKind = request.since === undefined ? 'full' : 'incremental'
  const since = request.since ?? null
  const unfinished = await journal.findUnfinished(request.portalKey, kind)
  if (unfinished && unfinished.since === since) return { run: unfinished, resumed: true }
  if (unfinished) await journal.finish(unfinished.id, 'completed', now())
  const asOf = now()
  const companyIds =
    request.since === undefined ? null : await companyIdsChangedSince(connection, request.since)
  const run = await journal.start(
    { portalKey: request.portalKey, kind, asOf, since, companyIds },
    now(),
  )
  return { run, resumed: false }
}

/**
 * The pages of a run still to go: after its last confirmed page, as of the run's own moment. None
 * when the last page was confirmed (a run killed before it could be marked completed).
 */
export async function* remainingPages(
  connection: HubSpotConnection,
  model: CompiledModel,
  run: RunRecord,
  sizes: { readonly pageSize?: number; readonly windowSize?: number },
): AsyncGenerator<GatherPage, void, undefined> {
  if (run.pages > 0 && run.cursor === null) return
  yield* gatherPortal(connection, {
    model,
    asOf: run.asOf,
    ownedProperties: ownedPropertyNames(model),
    ...(run.cursor ? { after: run.cursor } : {}),
    ...(run.companyIds ? { companyIds: run.companyIds } : {}),
    ...(sizes.pageSize ? { pageSize: sizes.pageSize } : {}),
    ...(sizes.windowSize ? { windowSize: sizes.windowSize } : {}),
  })
}
