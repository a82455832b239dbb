/**
 * @module Save rate: of the accounts that went red (At risk or Critical), the share pulled back to
 * green (Healthy) within a window, read from the app's own `health_score` history. Pure.
 *
 * Edge cases, as counted:
 * - an account "goes red" at each score in a red tier that follows a non-red score, or at its
 *   first score when that is red; an account red at any such moment in `[from, asOf]` is red once;
 * - it is saved if, after some red entry, a Healthy score follows within `windowDays` (Neutral is
 *   not green: climbing to Neutral is not a save);
 * - an account whose every red entry is younger than the window at `asOf` and not yet saved is
 *   pending: left out of both counts, so that recent reds do not drag the rate down unseen;
 * - unreadable points (no number, outside 0–100, no timestamp) and points after `asOf` are
 *   ignored;
 * - an account that left (`leftAt`, e.g. its lost renewal) is counted only up to then: scores of a
 *   former customer (red, as its usage stops) are no account to save, and a red spell it left in
 *   is lost, not pending;
 * - with no red account the rate is null, not 0 or 1.
 */
import type { CompiledModel } from './compile-model.ts'
import { readFiniteNumber } from './parse-finite-number.ts'
import { readInstant } from './parse-instant.ts'
import { DAY_MS } from './time.ts'
import { tierOf } from './trend.ts'
import type { HistoryPoint, ScorePoint, TierId } from './types.ts'

export const DEFAULT_SAVE_WINDOW_DAYS = 90

const RED: readonly TierId[] = ['at_risk', 'critical']

export interface SaveRateOptions {
  /** The moment the rate is measured at, epoch ms. */
  readonly asOf: number
  /** Red entries from this moment on count, epoch ms. Default: all history. */
  readonly from?: number
  /** Days a red account has to reach Healthy. Default 90. */
  readonly windowDays?: number
  /**
   * When each account stopped being a customer (epoch ms), in the order of `histories`; null or
   * absent for one still a customer. Its scores after that moment are not counted.
   */
  readonly leftAt?: readonly (number | null)[]
}

export interface SaveRate {
  /** Accounts that went red and whose window has closed, or that were saved. */
  readonly red: number
  readonly saved: number
  /** Red accounts still inside their window and not yet saved (not counted). */
  readonly pending: number
  /** `saved / red`, or null when no account went red. */
  readonly rate: number | null
  readonly windowDays: number
}

function points(history: readonly HistoryPoint[], until: number): ScorePoint[] {
  const out: ScorePoint[] = []
  for (const entry of history) {
    const score = readFiniteNumber(entry.value)
    const at = readInstant(entry.timestamp)
    if (score !== null && score >= 0 && score <= 100 && at !== null && at <= until)
      out.push({ at, score })
  }
  return out.sort((a, b) => a.at - b.at)
}

type AccountState = 'saved' | 'lost' | 'pending' | 'never_red'

function accountState(
  scores: readonly ScorePoint[],
  model: CompiledModel,
  options: Required<Omit<SaveRateOptions, 'leftAt'>>,
  left: boolean,
): AccountState {
  const windowMs = options.windowDays * DAY_MS
  let state: AccountState = 'never_red'
  let wasRed = false
  for (let i = 0; i < scores.length; i++) {
    const red = RED.includes(tierOf(scores[i]!.score, model))
    const entry = red && !wasRed
    wasRed = red
    if (!entry || scores[i]!.at < options.from) continue
    const enteredAt = scores[i]!.at
    const saved = scores
      .slice(i + 1)
      .some((p) => p.at - enteredAt <= windowMs && tierOf(p.score, model) === 'healthy')
    if (saved) return 'saved'
    if (left || enteredAt + windowMs <= options.asOf) state = 'lost'
    else if (state === 'never_red') state = 'pending'
  }
  return state
}

/**
 * The save rate over accounts' score histories (each as HubSpot lists it, any order).
 * @throws Error when `windowDays` is not a positive number
 * @example
 * saveRate([history1, history2], model, { asOf: Date.now() }) // { red: 2, saved: 1, … }
 * saveRate([history1, history2], model, { asOf, leftAt: [null, churnedAt] })
 */
export function saveRate(
  histories: readonly (readonly HistoryPoint[])[],
  model: CompiledModel,
  options: SaveRateOptions,
): SaveRate {
  const windowDays = options.windowDays ?? DEFAULT_SAVE_WINDOW_DAYS
  if (!(windowDays > 0) || !Number.isFinite(windowDays))
    throw new Error(`windowDays must be a positive number of days, got ${windowDays}`)
  const full = { asOf: options.asOf, from: options.from ?? -Infinity, windowDays }
  let red = 0
  let saved = 0
  let pending = 0
  histories.forEach((history, i) => {
    const left = options.leftAt?.[i] ?? null
    const gone = left !== null && left <= options.asOf
    const state = accountState(points(history, gone ? left : options.asOf), model, full, gone)
    if (state === 'saved') saved++
    if (state === 'saved' || state === 'lost') red++
    if (state === 'pending') pending++
  })
  return { red, saved, pending, rate: red ? saved / red : null, windowDays }
}
