/**
 * Guards: what HubSpot does around every API call (accounting, latency, auth, scopes, rate limits,
 * faults), each a small function that answers the call itself or hands it on with `next()`.
 */
import type { PathParams } from 'msw'

import type { Principal } from './token-registry.ts'

/** One API call as the guards see it; guards fill in what they learn about it. */
export interface ApiCall<Params extends PathParams = PathParams> {
  readonly request: Request
  readonly params: Params
  /** The authenticated caller, once `authenticate` has run (absent on routes without auth). */
  principal: Principal | undefined
  /** Whether an injected `partial` fault fails some of this batch's inputs. */
  partialFault: boolean
}

/** A guard answers with a HubSpot-shaped response of its own, or returns what `next()` answers. */
export type Guard<Params extends PathParams = PathParams> = (
  call: ApiCall<Params>,
  next: () => Promise<Response>,
) => Promise<Response>

/** A guard that lets every call through, for policies a route does not apply. */
export const passThrough: Guard = (_call, next) => next()

/**
 * Runs `guards` in order around `handle`: the first guard sees the call first and the response last.
 * @example composeGuards([countCalls(stats, 'GET /x'), authenticate(tokens)], resolve)(call)
 */
export function composeGuards<Params extends PathParams>(
  guards: readonly Guard<Params>[],
  handle: (call: ApiCall<Params>) => Promise<Response>,
): (call: ApiCall<Params>) => Promise<Response> {
  return function guarded(call) {
    const dispatch = (index: number): Promise<Response> => {
      const guard = guards[index]
      return guard ? guard(call, () => dispatch(index + 1)) : handle(call)
    }
    return dispatch(0)
  }
}
