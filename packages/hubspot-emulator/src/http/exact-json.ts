/**
 * @module JSON numbers written with their exact digits. HubSpot sends some ids as numbers (the v4
 * associations' `toObjectId`); past 2^53 `JSON.stringify` would round them onto a neighbour.
 */
import { randomUUID } from 'node:crypto'

/** Marks a placeholder string; random, so no value a client sends can pose as one. */
const MARK = `exact-number-${randomUUID()}:`
const PLACEHOLDER = new RegExp(`"${MARK}(\\d+)"`, 'g')

/** An id to be sent as a JSON number: a number when that is exact, else a placeholder. */
export type WireNumber = number | { toJSON(): string }

/**
 * An id of digits as the JSON number `exactJsonResponse` writes.
 * @example
 * exactJsonResponse({ toObjectId: idAsNumber('9007199254740993') }) // body {"toObjectId":9007199254740993}
 */
export function idAsNumber(id: string): WireNumber {
  const n = Number(id)
  if (Number.isSafeInteger(n)) return n
  return { toJSON: () => `${MARK}${id}` }
}

/** A JSON response in which every `idAsNumber` value is a number with its exact digits. */
export function exactJsonResponse(body: object, status = 200): Response {
  const text = JSON.stringify(body).replace(PLACEHOLDER, '$1')
  return new Response(text, { status, headers: { 'content-type': 'application/json' } })
}
