/**
 * @module Checking an operation's options at its door: one zod schema per operation, and one clear
 * error naming every bad field, e.g. `rescorePortal: windowSize must be ≤ 1000, got 5000`.
 */
import { z } from 'zod'

/** An operation was called with options it cannot run with; nothing was done. */
export class OperationOptionsError extends Error {
  readonly operation: string
  readonly issues: readonly z.core.$ZodIssue[]

  constructor(operation: string, issues: readonly z.core.$ZodIssue[], input: unknown) {
    super(`${operation}: ${issues.map((issue) => describeIssue(issue, input)).join('; ')}`)
    this.name = 'OperationOptionsError'
    this.operation = operation
    this.issues = issues
  }
}

/**
 * Parses `input` with `schema`, or throws one error naming the operation and each bad field.
 * @throws OperationOptionsError when the options do not fit the schema
 * @example
 * const options = parseOptions('rescorePortal', RESCORE_OPTIONS, input)
 */
export function parseOptions<T>(operation: string, schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input)
  if (!parsed.success) throw new OperationOptionsError(operation, parsed.error.issues, input)
  return parsed.data
}

/** An object the operation uses as given (a connection, a model): checked as present, with `has`. */
export function present<T>(what: string, has: readonly string[] = []): z.ZodType<T> {
  return z.custom<T>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      has.every((key) => (value as Record<string, unknown>)[key] !== undefined),
    `must be ${what}`,
  )
}

/** A callback option. */
export function callback<T>(): z.ZodType<T> {
  return z.custom<T>((value) => typeof value === 'function', 'must be a function')
}

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  if (issue.code === 'unrecognized_keys')
    return `unknown option${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`
  const field = issue.path.map(String).join('.')
  return `${field || 'options'} ${issue.message}, got ${describeValue(valueAt(input, issue.path))}`
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<PropertyKey, unknown>)[key]
  }
  return value
}

function describeValue(value: unknown): string {
  if (value === undefined || value === null || typeof value === 'number') return String(value)
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'function') return 'a function'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}
