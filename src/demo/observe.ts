import { clamp } from './latent.ts'
import type { Rng } from './prng.ts'

/**
 * How observable signals are drawn from the latent health `h` in [0, 1], with noise. Each function
 * is one "measurement" at one moment.
 */

/** Active users in the last 30 days, against the licensed seats (the onboarding baseline). */
export function observeActiveUsers(rng: Rng, h: number, seats: number): number {
  const ratio = clamp(0.12 + 1.0 * h, 0.03, 1.3) * Math.exp(0.12 * rng.normal())
  return Math.max(0, Math.round(seats * ratio))
}

/** Logins in the last 30 days: engaged users log in more often. */
export function observeLogins(rng: Rng, h: number, activeUsers: number): number {
  return Math.max(0, Math.round(activeUsers * (3 + 14 * h) * Math.exp(0.15 * rng.normal())))
}

/** Core features in use, out of about ten. */
export function observeCoreFeatures(rng: Rng, h: number): number {
  return Math.round(clamp(1 + 9 * h + 1.1 * rng.normal(), 0, 12))
}

/** A Net Promoter Score survey answer, 0–10. */
export function observeNps(rng: Rng, h: number): number {
  return Math.round(clamp(2 + 8.5 * h + 1.5 * rng.normal(), 0, 10))
}

/** A CSAT survey answer, 1–5. */
export function observeCsat(rng: Rng, h: number): number {
  return Math.round(clamp(1 + 4.2 * h + 0.7 * rng.normal(), 1, 5))
}

/** Days the latest invoice is overdue, given last month's value: late payers stay late. */
export function observeOverdue(rng: Rng, h: number, previous: number): number {
  const late = rng.chance(0.02 + 0.55 * (1 - h) ** 3 + (previous > 0 ? 0.4 : 0))
  if (!late) return 0
  return previous > 0 ? Math.min(previous + 30, 120) : rng.int(1, 29)
}

/** Contacts associated with the company: healthy accounts have wider footprints. */
export function observeContacts(rng: Rng, h: number, typical: number): number {
  return Math.max(1, Math.round(typical * (0.6 + 0.8 * h) * Math.exp(0.2 * rng.normal())))
}
