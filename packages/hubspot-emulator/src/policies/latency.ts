/** Latency: a fixed delay before every API call is served, to make a fast emulator feel remote. */
import { delay } from 'msw'

import { type Guard, passThrough } from './guard.ts'

/**
 * Delays every call by `latencyMs` (none at 0).
 * @example addLatency(50)
 */
export function addLatency(latencyMs: number): Guard {
  if (latencyMs <= 0) return passThrough
  return async function addLatency(_call, next) {
    await delay(latencyMs)
    return next()
  }
}
