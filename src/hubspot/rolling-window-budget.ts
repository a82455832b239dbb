/**
 * @module A rolling-window budget: at most `limit` starts in any `windowMs`, each start as early as
 * that allows, first come first served. HubSpot's burst limit is such a window, so a burst that
 * fits in it goes out at once (ten card views open together are answered together) and a long run
 * still spends the whole budget, window after window.
 */

/** Why a start was refused: the budget was closed (its connection is closing) while it waited. */
export class BudgetClosedError extends Error {
  override readonly name = 'BudgetClosedError'
  constructor() {
    super('the connection was closed while the call waited for its rate budget')
  }
}

export class RollingWindowBudget {
  /** The times of the starts still inside the window, oldest first. */
  private readonly starts: number[] = []
  private tail: Promise<void> = Promise.resolve()
  private readonly sleepers = new Set<() => void>()
  private closed = false

  /**
   * @param now a monotonic clock, ms (default `performance.now`)
   * @throws Error when `limit` is not a whole number of at least 1 or `windowMs` is not positive
   */
  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!Number.isInteger(limit) || limit < 1)
      throw new Error(`a rate budget needs a whole number of calls of at least 1, got ${limit}`)
    if (!(windowMs > 0)) throw new Error(`a rate budget needs a positive window, got ${windowMs}`)
  }

  /**
   * Waits until one more start fits in the window, then takes it. Callers are served in order.
   * @throws BudgetClosedError when the budget is closed before the start fits
   * @example
   * const budget = new RollingWindowBudget(110, 10_500)
   * await budget.take() // then send the request
   */
  take(): Promise<void> {
    const turn = this.tail.then(() => this.acquire())
    this.tail = turn.then(
      () => {},
      () => {},
    )
    return turn
  }

  /** How many starts the window holds now. */
  used(): number {
    this.expire(this.now())
    return this.starts.length
  }

  /** Refuses every waiting and later start. */
  close(): void {
    this.closed = true
    for (const wake of [...this.sleepers]) wake()
  }

  private async acquire(): Promise<void> {
    for (;;) {
      if (this.closed) throw new BudgetClosedError()
      const now = this.now()
      this.expire(now)
      if (this.starts.length < this.limit) {
        this.starts.push(now)
        return
      }
      await this.sleep((this.starts[0] as number) + this.windowMs - now)
    }
  }

  private expire(now: number): void {
    let expired = 0
    while (expired < this.starts.length && (this.starts[expired] as number) <= now - this.windowMs)
      expired++
    if (expired) this.starts.splice(0, expired)
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer)
        this.sleepers.delete(wake)
        resolve()
      }
      const timer = setTimeout(wake, Math.max(1, Math.ceil(ms)))
      this.sleepers.add(wake)
    })
  }
}
