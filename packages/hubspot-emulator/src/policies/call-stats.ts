/** Call accounting per endpoint template (`"POST /crm/v3/objects/companies/batch/read"`). */

/** What `GET /__emulator/stats` reports under `calls`. */
export interface CallCounts {
  total: number
  /** Requests answered with 429 (rate limits and injected 429s). */
  rateLimited: number
  byEndpoint: Record<string, number>
}

/** Counts every API request the emulator receives. */
export class CallStats {
  private total = 0
  private rateLimited = 0
  private readonly byEndpoint = new Map<string, number>()
  private readonly scopes = new Map<string, readonly string[]>()

  /** Counts a call under `template`; `scopes` are those the endpoint accepts (any one suffices). */
  count(template: string, scopes?: readonly string[]): void {
    this.total++
    this.byEndpoint.set(template, (this.byEndpoint.get(template) ?? 0) + 1)
    if (scopes) this.scopes.set(template, scopes)
  }

  /**
   * The scope table of the endpoints called since the last reset: each template (as `byEndpoint` names it) with
   * the scopes it accepts, any one of which suffices. Endpoints that check no scope are absent.
   */
  endpointScopes(): Record<string, string[]> {
    const table: Record<string, string[]> = {}
    for (const key of [...this.scopes.keys()].sort()) table[key] = [...this.scopes.get(key)!]
    return table
  }

  countRateLimited(): void {
    this.rateLimited++
  }

  snapshot(): CallCounts {
    const byEndpoint: Record<string, number> = {}
    for (const key of [...this.byEndpoint.keys()].sort())
      byEndpoint[key] = this.byEndpoint.get(key) as number
    return { total: this.total, rateLimited: this.rateLimited, byEndpoint }
  }

  reset(): void {
    this.total = 0
    this.rateLimited = 0
    this.byEndpoint.clear()
    this.scopes.clear()
  }
}
