/**
 * @module The checks every calibration function makes on its inputs, each failing with a one-line
 * error that names the argument and the first bad position.
 */

/**
 * Checks that `scores` and `outcomes` pair up and that every score is a finite number.
 * @throws RangeError naming the first problem
 * @example
 * checkScored([0.2, Number.NaN], [true, false]) // throws "scores[1] must be a finite number (got NaN)"
 */
export function checkScored(
  scores: readonly number[],
  outcomes: readonly boolean[],
  name = 'scores',
): void {
  if (scores.length !== outcomes.length)
    throw new RangeError(
      `${name} and outcomes must be the same length (got ${scores.length} and ${outcomes.length})`,
    )
  scores.forEach((s, i) => {
    if (typeof s !== 'number' || !Number.isFinite(s))
      throw new RangeError(`${name}[${i}] must be a finite number (got ${String(s)})`)
  })
  outcomes.forEach((o, i) => {
    if (typeof o !== 'boolean')
      throw new RangeError(`outcomes[${i}] must be true (churned) or false (got ${String(o)})`)
  })
}

/**
 * Checks an option that must be a whole number of at least `min`.
 * @throws RangeError when it is not
 * @example
 * checkWhole(0, 'rounds', 1) // throws "rounds must be a whole number ≥ 1 (got 0)"
 */
export function checkWhole(value: number, name: string, min: number): void {
  if (!Number.isInteger(value) || value < min)
    throw new RangeError(`${name} must be a whole number ≥ ${min} (got ${String(value)})`)
}
