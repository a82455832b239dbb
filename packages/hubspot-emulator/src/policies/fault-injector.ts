/**
 * Seeded fault injection, configured by a spec such as `"429:0.05,500:0.02,timeout:0.01,partial:0.05"`:
 * each entry is a fault and the probability that a request suffers it.
 */

/** A fault a request can suffer. */
export type Fault = { kind: 'status'; status: number } | { kind: 'timeout' } | { kind: 'partial' }

interface FaultRate {
  fault: Fault
  probability: number
}

/** A deterministic pseudo-random source (mulberry32), so a seed replays the same faults. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/**
 * Parses a fault spec.
 * @throws Error naming the bad entry, e.g. `fault "418:0.1": the status must be 429 or 5xx`.
 */
export function parseFaultSpec(spec: string): FaultRate[] {
  const rates: FaultRate[] = []
  for (const entry of spec
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const match = /^([a-z0-9]+):(\d*\.?\d+)$/i.exec(entry)
    if (!match) throw new Error(`fault "${entry}": expected NAME:PROBABILITY, e.g. 500:0.02`)
    const [, name = '', rate = ''] = match
    const probability = Number(rate)
    if (!(probability >= 0 && probability <= 1))
      throw new Error(`fault "${entry}": the probability must be between 0 and 1`)
    rates.push({ fault: toFault(name.toLowerCase(), entry), probability })
  }
  const total = rates.reduce((sum, rate) => sum + rate.probability, 0)
  if (total > 1)
    throw new Error(`faults "${spec}": the probabilities add up to ${total}, more than 1`)
  return rates
}

function toFault(name: string, entry: string): Fault {
  if (name === 'timeout') return { kind: 'timeout' }
  if (name === 'partial') return { kind: 'partial' }
  const status = Number(name)
  if (status === 429 || (status >= 500 && status <= 599)) return { kind: 'status', status }
  throw new Error(`fault "${entry}": use 429, a 5xx status, timeout or partial`)
}

/** Draws faults for requests; one draw per request. */
export class FaultInjector {
  private readonly rates: FaultRate[]
  private readonly random: () => number

  constructor(spec: string | undefined, seed: number) {
    this.rates = spec ? parseFaultSpec(spec) : []
    this.random = seededRandom(seed)
  }

  /** The fault this request suffers, if any. `partial` only applies to batch endpoints. */
  draw(isBatch: boolean): Fault | undefined {
    if (this.rates.length === 0) return undefined
    let roll = this.random()
    for (const rate of this.rates) {
      if (roll < rate.probability)
        return rate.fault.kind === 'partial' && !isBatch ? undefined : rate.fault
      roll -= rate.probability
    }
    return undefined
  }

  /** Picks which of `count` batch inputs fail in a partial failure: at least one, about half. */
  failingInputs(count: number): Set<number> {
    const failing = new Set<number>()
    for (let i = 0; i < count; i++) if (this.random() < 0.5) failing.add(i)
    if (failing.size === 0 && count > 0) failing.add(Math.floor(this.random() * count))
    return failing
  }
}
