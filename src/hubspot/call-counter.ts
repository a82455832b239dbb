/** API calls made, by endpoint template (`POST /crm/v3/objects/companies/batch/read`), retries included. */
export class CallCounter {
  readonly byEndpoint: Record<string, number> = {}
  total = 0
  rateLimited = 0

  count(endpoint: string): void {
    this.total++
    this.byEndpoint[endpoint] = (this.byEndpoint[endpoint] ?? 0) + 1
  }

  snapshot(): { total: number; byEndpoint: Record<string, number> } {
    return { total: this.total, byEndpoint: { ...this.byEndpoint } }
  }
}
