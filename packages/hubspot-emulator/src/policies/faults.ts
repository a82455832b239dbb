/** Injected faults as a guard: a 429 or 5xx instead of the answer, a hung request, or a partial batch. */
import { hubspotError } from '../http/hubspot-error.ts'
import type { FaultInjector } from './fault-injector.ts'
import type { Guard } from './guard.ts'
import type { RateLimiter } from './rate-limiter.ts'

/** What the fault guard reads at each call (`faults` may be swapped while the emulator runs). */
export interface FaultSource {
  faults: FaultInjector
  limiter: RateLimiter
  /** Releases for requests hung by the `timeout` fault, so closing the emulator can answer them. */
  hung: Set<() => void>
}

/**
 * Draws a fault for the call: `429` answers TEN_SECONDLY_ROLLING, a 5xx answers an error,
 * `timeout` never answers until the client aborts, and `partial` (batch endpoints only) marks the
 * call so the resolver fails some inputs.
 * @example injectFaults(context, { batch: true })
 */
export function injectFaults(source: FaultSource, options: { batch: boolean }): Guard {
  return async function injectFaults(call, next) {
    const fault = source.faults.draw(options.batch)
    if (fault?.kind === 'status') {
      if (fault.status === 429) return source.limiter.tooManyRequests()
      return hubspotError(
        fault.status,
        'INTERNAL_ERROR',
        'Injected fault: the server failed to answer.',
      )
    }
    if (fault?.kind === 'timeout') return hang(source.hung, call.request)
    call.partialFault = fault?.kind === 'partial'
    return next()
  }
}

/** Never answers, until the client gives up (abort) or the emulator closes. */
function hang(hung: Set<() => void>, request: Request): Promise<Response> {
  return new Promise((resolve) => {
    const release = (): void => {
      hung.delete(release)
      resolve(hubspotError(504, 'INTERNAL_ERROR', 'Injected fault: the request timed out.'))
    }
    hung.add(release)
    request.signal.addEventListener('abort', release, { once: true })
  })
}
