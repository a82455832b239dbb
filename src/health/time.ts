/** Milliseconds in a day. */
export const DAY_MS = 86_400_000

// A portal run scores every company as of one moment, so a handful of instants are formatted over
// and over: remember them.
const isoCache = new Map<number, string>()

/** `at` as an ISO-8601 string, formatted once per instant. */
export function isoAt(at: number): string {
  let iso = isoCache.get(at)
  if (iso === undefined) {
    if (isoCache.size >= 64) isoCache.clear()
    iso = new Date(at).toISOString()
    isoCache.set(at, iso)
  }
  return iso
}
